import type { ArticleHtml } from '../markdown/types.js';
import type { Diagnostic } from '../errors/types.js';
import type { Article } from '../validate/types.js';

/**
 * Front matter (or a YAML file's data) as parsed from a file, kept only for clean parses that JSON
 * holds exactly: as JSON text, parsed only when the data is asked for (a build whose articles'
 * validations are kept never asks; as one string it is one value for the store to read, where the
 * data's objects were a quarter of all the store's records). Entries saved before kept `data`.
 */
export interface StoredDocument {
  json?: string;
  data?: unknown;
  /** Where the body starts: character offset into the normalised text, and 1-based line. */
  bodyOffset: number;
  bodyLine: number;
}

/** A Markdown result: its metadata, and the digest of its HTML (kept in a file of its own). */
export interface StoredMarkdown {
  /** What produced it: the Markdown pipeline's version and every input but the body (whose digest is the entry's). */
  key: string;
  /** Everything but the HTML and, when `textDigest` is set, the plain text (the largest part; only search reads it). */
  meta: Omit<ArticleHtml, 'html' | 'text'> & { text?: string };
  /** SHA-256 of the HTML, the name of the file that holds it. */
  htmlDigest: string;
  /** SHA-256 of the plain text, the name of the file that holds it (absent in entries made before it was kept apart). */
  textDigest?: string;
  /** Whether the HTML holds an embed preview (the embeds step looks only at those). */
  embeds?: boolean;
  /** Whether the HTML holds a player for an embed (`data-embed-src`: the `_headers` file lists their origins). */
  frames?: boolean;
  /** The result's name in page keys: a hash of the HTML's digest and the metadata (see `resultName`). */
  name?: string;
  /** The HTML itself, for a store without a folder. */
  html?: string;
}

/** One file under content/. */
export interface StoreEntry {
  size: number;
  mtimeMs: number;
  ino: number;
  /** SHA-256 of the bytes. */
  digest: string;
  /** Git's blob id of the same bytes, when git vouched for the file as it was read (see git-ids.ts). */
  blob?: string;
  /** When the stat above was taken (epoch ms), to tell a racy time from a trustworthy one. */
  scannedAt?: number;
  doc?: StoredDocument;
  markdown?: StoredMarkdown;
  /** The article validated from this file (see validate/memo.ts), with what it was validated from. */
  validated?: StoredValidation;
}

/** A clean validation kept between processes: the record (without its body) and its warnings. */
export interface StoredValidation {
  /** dateline's program, the file's digest and folder, configuration and authors. */
  key: string;
  article: Article;
  diagnostics: Diagnostic[];
}

/** What a scan found, paths relative to content/. */
export interface ChangeSet {
  added: string[];
  changed: string[];
  removed: string[];
  unchanged: number;
  /** Files read and hashed by the pass (the rest were recognised by their stat, or by git's index). */
  hashed: number;
}
