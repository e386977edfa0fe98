import type { Diagnostic } from '../errors/types.js';
import type { YamlSource } from '../util/yaml-source.js';

/** A Markdown file split into front matter (with positions) and body. */
export interface SourceDocument {
  /** Project-relative path with forward slashes. */
  file: string;
  absPath: string;
  /** SHA-256 of the file's bytes. */
  hash: string;
  /** Parsed front matter, or null when the file has none or it could not be read. */
  frontMatter: YamlSource | null;
  body: string;
  /** 1-based line of the file where the body starts. */
  bodyLine: number;
  /** Problems found while reading (encoding, YAML syntax). */
  diagnostics: Diagnostic[];
}

/** An article bundle as found on disk: content/articles/YYYY/MM/<slug>/index.md. */
export interface SourceArticle extends SourceDocument {
  bundleDir: string;
  slug: string;
}

/** A static page: content/pages/<slug>.md. */
export interface SourcePage extends SourceDocument {
  slug: string;
}

/** An author file: content/authors/<id>.yaml. */
export interface SourceAuthor {
  id: string;
  file: string;
  absPath: string;
  source: YamlSource | null;
  diagnostics: Diagnostic[];
}

/** Everything the load stage found under content/. */
export interface LoadedContent {
  articles: SourceArticle[];
  pages: SourcePage[];
  authors: SourceAuthor[];
  diagnostics: Diagnostic[];
  /** Files read from disk and files whose front matter was parsed (not taken from the store). */
  stats: { read: number; parsed: number };
}
