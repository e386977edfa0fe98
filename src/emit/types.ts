import type { Site } from '../collections/types.js';

/** A file an output format writes, relative to the output directory. */
export interface EmittedFile {
  /** Site-relative path without a leading slash, e.g. `feed.xml`, `middle-east/feed.json`. */
  path: string;
  /** The bytes, or a function making them: a file whose key matches the previous output's is not made again. */
  contents: string | Uint8Array | (() => string | Uint8Array);
  /** What the file is made from, as one string (see emitFiles): absent for files cheap enough to make every time. */
  key?: string;
}

/** One kind of output file (feed, sitemap, robots…): a record in `emit/formats/`. */
export interface OutputFormat {
  /** Short name for timings and the summary line, e.g. `rss`, `sitemap`. */
  name: string;
  /** What the summary line counts it as, e.g. `feed`, `sitemap`; omitted files are not counted. */
  counts?: 'feed' | 'sitemap';
  emit(site: Site): EmittedFile[] | Promise<EmittedFile[]>;
}

/** A file made only when needed: with a key, from `make` unless the previous output holds it with the same key. */
export function keyedFile(path: string, make: () => string | Uint8Array, key: string | undefined): EmittedFile {
  return key === undefined ? { path, contents: make() } : { path, contents: make, key };
}

/** The bytes of an emitted file (made now if it is made on demand). */
export function fileContents(file: EmittedFile): string | Uint8Array {
  return typeof file.contents === 'function' ? file.contents() : file.contents;
}
