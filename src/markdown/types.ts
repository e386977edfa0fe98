import type { Diagnostic, Position } from '../errors/types.js';

/** What the markdown stage needs of an article or page. */
export interface MarkdownInput {
  /** Project-relative path, used in diagnostics. */
  file: string;
  /** Markdown body without front matter. */
  body: string;
  /** 1-based line of the file where `body` starts, so positions point into the file. */
  bodyLine: number;
  /** Language code of the text (typographic quotes are only applied to Latin-script languages). */
  lang: string;
  /** Words per minute for the reading time. */
  wordsPerMinute: number;
  /** Headline and dek, given the same typographic punctuation as the body. */
  title?: string;
  summary?: string;
}

/** A local photo used in the body; the render stage swaps its marker for a `<picture>`. */
export interface BodyPhoto {
  /** File name relative to the bundle, as written. */
  src: string;
  alt: string;
  caption?: string;
  credit?: string;
  position?: Position;
}

/** A link in the body to a document beside the story (PDF, CSV, office file, audio…). */
export interface BodyDocument {
  /** File name relative to the bundle, decoded. */
  src: string;
  /** The link as written. */
  href: string;
  position?: Position;
}

/** A heading in the body with the id used for its anchor. */
export interface Heading {
  depth: number;
  id: string;
  text: string;
}

/** A link in the body, kept for link checking. */
export interface BodyLink {
  url: string;
  position?: Position;
}

/** The markdown stage's result for one article: plain data, cacheable as JSON. */
export interface ArticleHtml {
  /** The headline and dek with typographic punctuation, when they were given. */
  title?: string;
  summary?: string;
  /**
   * Body HTML. Each local photo is written as `<img data-photo="hero.jpg" alt="…">`
   * (no `src`) for the render stage to replace with the photo set.
   */
  html: string;
  /** HTML of the part before `<!-- more -->`, when the marker is present. */
  teaserHtml?: string;
  /** The body as plain text (what a reader reads, for the search index). */
  text: string;
  wordCount: number;
  readingMinutes: number;
  headings: Heading[];
  photos: BodyPhoto[];
  /** Links to documents beside the story; the documents stage points them at the published copies. */
  documents?: BodyDocument[];
  links: BodyLink[];
  diagnostics: Diagnostic[];
}
