import type { ProgressReporter } from '../pipeline/progress.js';
import type { Diagnostic, Position } from '../errors/types.js';

/** Where a photo is used; decides minimum width, priority and which crops are made. */
export type PhotoRole = 'lead' | 'body' | 'author' | 'logo';

/** One use of a source photo by a content file. */
export interface PhotoRequest {
  /** Absolute path of the source file. */
  source: string;
  /** Project-relative path of the file that uses it, for diagnostics. */
  file: string;
  position?: Position;
  role: PhotoRole;
  /** Focal point (x, y from 0 to 1) for crops; otherwise sharp's attention strategy decides. */
  focus?: [number, number];
}

/** An encoded file of a photo set. */
export interface PhotoFile {
  /** Site-relative URL, e.g. `/media/3f9a…-800.avif`. */
  url: string;
  width: number;
  height: number;
  bytes: number;
  /** MIME type, e.g. `image/avif`. */
  type: string;
  /** SHA-256 (hex) of the file's bytes, taken when it was encoded: the build's manifest uses it rather than reading the file back. */
  sha256?: string;
}

/** Everything the render and emit stages need to show and describe one photo. */
export interface PhotoSet {
  /** Absolute path of the source. */
  source: string;
  /** Content hash of the source bytes and options (also in every URL). */
  hash: string;
  /** Size after orientation is applied. */
  width: number;
  height: number;
  /** Responsive variants, by format then ascending width. */
  avif: PhotoFile[];
  webp: PhotoFile[];
  jpeg: PhotoFile[];
  /** Inline placeholder, a `data:` URI of a tiny blurred image. */
  placeholder: string;
  /** Dominant colour as `#rrggbb`, for a background while loading. */
  color: string;
  /** 1200×630 JPEG share card (lead photos and the logo only). */
  share?: PhotoFile;
  /** The sanitised SVG itself, shown instead of the JPEG renderings (SVG sources only). */
  svg?: PhotoFile;
  /** An animated WebP loop (animated GIF sources); the other files are its first frame, the poster. */
  animation?: PhotoFile;
  /** Crops for structured data (lead photos only). */
  crops?: { '16x9': PhotoFile; '4x3': PhotoFile; '1x1': PhotoFile };
  /** Source metadata found that should not be in the repository (GPS, serial). */
  leaks: string[];
}

/** Options of the images stage. */
export interface PhotoOptions {
  /** Build output directory; files are written under `<outDir>/media/`. */
  outDir: string;
  /** Cache directory, e.g. `<root>/.cache/photos`. */
  cacheDir: string;
  /** Project root, to make paths in messages relative. */
  root: string;
  /** Minimum width of a lead photo in pixels. */
  leadMinWidth: number;
  /** When false, nothing is encoded or written (used by `dateline check`). */
  write: boolean;
  /** How many photos are encoded at once; defaults to the number of cores. */
  jobs?: number;
  /** Told how many photos are done (progress on a terminal). */
  progress?: ProgressReporter;
  /**
   * The SHA-256 of a source file's bytes when already known (the content store's scan): a photo
   * whose cache key was found for those bytes before is not read again.
   */
  digestOf?: (source: string) => string | undefined;
}

/** The result of the images stage. */
export interface PhotoResult {
  /** Photo sets by absolute source path. */
  photos: Map<string, PhotoSet>;
  diagnostics: Diagnostic[];
  /** Counts for the summary line and for tests: encodes performed and sets served from cache. */
  stats: { photos: number; encoded: number; cached: number };
  /** Cache keys of every photo used (also in check mode), for `dateline cache prune`. */
  hashes?: Set<string>;
}

/** The key under which an article's generated share card is kept in the photo map: `share-card:<article file>`. */
export function shareCardKey(file: string): string {
  return `share-card:${file}`;
}
