/** A problem with one imported story: shown in the report as `path  reason  rule-id`. */
export interface ImportNote {
  reason: string;
  ruleId: string;
}

/** An image a source names for a story: a URL, or a file relative to `baseDir`. */
export interface SourceImage {
  src: string;
  alt?: string;
  caption?: string;
  credit?: string;
}

/** One story (or static page) as a source describes it, before conversion. */
export interface SourceStory {
  kind: 'article' | 'page';
  /** Where it came from, for the report: a file path or `wordpress post 12`. */
  ref: string;
  title?: string;
  slug?: string;
  /** First publication (epoch ms); undefined when the source gives none. */
  time?: number;
  updatedTime?: number;
  expiresTime?: number;
  draft?: boolean;
  /** Source author keys (login, name or id), mapped through --author-map. */
  authors: string[];
  categories: string[];
  tags: string[];
  summary?: string;
  body: { format: 'html' | 'markdown'; text: string };
  /** Folder local images are resolved against (page bundle, site root). */
  baseDir?: string;
  /** Other folders tried for local images (Hugo's static/, Jekyll's root). */
  assetDirs?: string[];
  /** URL relative image URLs are resolved against. */
  baseUrl?: string;
  image?: SourceImage;
  /** Every URL the story was reachable at: paths or absolute URLs. */
  oldUrls: string[];
  notes: ImportNote[];
  /** Set when the story cannot be imported at all. */
  skip?: ImportNote;
}

/** An author as a source describes it. */
export interface SourceAuthor {
  key: string;
  name: string;
  email?: string;
  url?: string;
  bio?: string;
}

/** Everything a source reader found. */
export interface SourceResult {
  stories: SourceStory[];
  authors: SourceAuthor[];
  /** Category key (slug or name) → display title, for new sections. */
  categories: Map<string, string>;
  /** Origin of the old site (`https://old.example`), to make old URLs into paths. */
  origin?: string;
}

/** How images are handled: copied into bundles, left at their URLs, or left out. */
export type MediaMode = 'download' | 'link' | 'skip';

/** Options every source reader gets. */
export interface ReadOptions {
  /** The site's IANA time zone, for dates written without an offset. */
  timezone: string;
}
