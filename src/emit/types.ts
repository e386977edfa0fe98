import type { Site } from '../collections/types.js';

/** A file an output format writes, relative to the output directory. */
export interface EmittedFile {
  /** Site-relative path without a leading slash, e.g. `feed.xml`, `middle-east/feed.json`. */
  path: string;
  contents: string | Uint8Array;
}

/** One kind of output file (feed, sitemap, robots…): a record in `emit/formats/`. */
export interface OutputFormat {
  /** Short name for timings and the summary line, e.g. `rss`, `sitemap`. */
  name: string;
  /** What the summary line counts it as, e.g. `feed`, `sitemap`; omitted files are not counted. */
  counts?: 'feed' | 'sitemap';
  emit(site: Site): EmittedFile[] | Promise<EmittedFile[]>;
}
