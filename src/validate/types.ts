/** Typed records produced by the validate stage: what later stages may rely on. */

/** A language the site is offered in. */
export interface LanguageConfig {
  /** BCP 47 code as used in front matter and URLs, e.g. `en`, `ar`. */
  code: string;
  /** The language's own name, e.g. `English`, `العربية`. */
  name: string;
  /** Locale for `Intl` formatting and `og:locale`, e.g. `en-GB`, `ar`. */
  locale: string;
  dir: 'ltr' | 'rtl';
}

/** A section of the publication, listed in site.yaml. */
export interface SectionConfig {
  id: string;
  /** Title per language code; always has the default language. */
  title: Record<string, string>;
  description: Record<string, string>;
}

/** A policy or masthead page named in site.yaml (used in the footer and JSON-LD). */
export interface PolicyLinks {
  corrections?: string;
  ethics?: string;
  masthead?: string;
  about?: string;
  contact?: string;
  diversity?: string;
  ownership?: string;
}

/** The validated content/site.yaml. */
export interface SiteConfig {
  /** Publication name per language code. */
  name: Record<string, string>;
  description: Record<string, string>;
  /** Absolute base URL without a trailing slash, e.g. `https://news.example`. */
  baseUrl: string;
  /** Default language code. */
  language: string;
  languages: LanguageConfig[];
  /** IANA time zone used to display dates, e.g. `Asia/Amman`. */
  timezone: string;
  sections: SectionConfig[];
  /** Article URL pattern with `:section :year :month :day :slug`; non-default languages get a `/<lang>` prefix. */
  permalink: string;
  /** How article slugs are written: `latin` (romanised) or `native` (the headline's script, percent-encoded in URLs). */
  slugs?: 'latin' | 'native';
  /** Items per list page. */
  pageSize: number;
  /** Publisher logo: a file in content/ (e.g. `logo.png`). */
  logo?: { src: string; alt: string };
  /** The publication's colours for generated share cards (`#rrggbb`); unset ones take the default theme's. */
  colors?: { background?: string; text?: string; accent?: string };
  social: { x?: string; facebook?: string; instagram?: string; youtube?: string; telegram?: string };
  policies: PolicyLinks;
  /** Words per minute for reading time. */
  wordsPerMinute: number;
  /** Minimum width in pixels of a lead photo. */
  leadPhotoMinWidth: number;
  /** What an expired article leaves behind: a 410 page, or a redirect to its section. */
  expired: 'gone' | 'redirect-section';
  /** Tag names per language, by tag id (site.yaml `tags:`); a tag not listed shows its id. */
  tags: Record<string, Record<string, string>>;
}

/** An author, from content/authors/<id>.yaml. */
export interface Author {
  id: string;
  /** Project-relative path of the YAML file. */
  file: string;
  /** The name in the site's default language. */
  name: string;
  /** The name per language code, as written (`name: {en: …, ar: …}`); empty when `name` is one string. */
  names: Record<string, string>;
  role?: string;
  bio?: string;
  url?: string;
  email?: string;
  x?: string;
  /** Absolute path of the portrait photo, if any. */
  photo?: string;
}

/** The lead photo of an article. */
export interface ArticleImage {
  /** Absolute path of the file inside the bundle. */
  path: string;
  /** File name as written, relative to the bundle. */
  src: string;
  alt: string;
  caption?: string;
  credit?: string;
  /** Focal point, x and y from 0 to 1, for crops. */
  focus?: [number, number];
  /** 1-based line of `image:` in the file, for photo messages. */
  line: number;
}

/** A correction or clarification published on the article. */
export interface Correction {
  /** ISO 8601 with offset, as written. */
  date: string;
  /** Epoch milliseconds. */
  time: number;
  text: string;
}

/** News article subtypes, mapped to schema.org types by the render stage. */
export type ArticleType = 'report' | 'analysis' | 'opinion' | 'explainer' | 'review' | 'background' | 'interview';

/** A validated article: every field of the content contract, typed. */
export interface Article {
  /** Permanent id for feeds from front matter (`id`), when given. */
  id?: string;
  /** Project-relative path of index.md, e.g. `content/articles/2025/05/budget-vote/index.md`. */
  file: string;
  /** Absolute path of the bundle folder. */
  bundleDir: string;
  slug: string;
  title: string;
  summary: string;
  /** First publication, ISO 8601 with offset, as written. */
  date: string;
  /** Epoch milliseconds of `date`. */
  time: number;
  updated?: string;
  updatedTime?: number;
  /** A short public note on what an update changed. */
  updateNote?: string;
  /** Author ids, resolved against content/authors/. */
  authors: string[];
  byline?: string;
  dateline?: string;
  section: string;
  tags: string[];
  type: ArticleType;
  image?: ArticleImage;
  lang: string;
  dir: 'ltr' | 'rtl';
  translationOf?: string;
  draft: boolean;
  /** After this time the article is taken down. */
  expires?: string;
  expiresTime?: number;
  corrections: Correction[];
  /** Old URL paths that must keep working. */
  redirectFrom: string[];
  /** Markdown body. */
  body: string;
  /** 1-based line in the file where the body starts. */
  bodyLine: number;
  /** Site-relative URL path, e.g. `/middle-east/2025/05/budget-vote/`. */
  url: string;
  /** SHA-256 of the file's bytes. */
  hash: string;
}

/** A static page from content/pages/<slug>.md. */
export interface StaticPage {
  file: string;
  slug: string;
  title: string;
  summary?: string;
  lang: string;
  dir: 'ltr' | 'rtl';
  body: string;
  bodyLine: number;
  url: string;
  /** Old URL paths that redirect to the page. */
  redirectFrom: string[];
  hash: string;
}
