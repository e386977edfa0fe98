import { existsSync } from 'node:fs';
import type { SourceArticle } from '../load/types.js';
import type { Article, Author, SiteConfig } from './types.js';
import type { Diagnostic } from '../errors/types.js';
import { sha256 } from '../util/hash.js';
import type { StoreEntry } from '../store/types.js';

/** What validating one article gave. */
export interface ArticleValidation {
  article?: Article;
  diagnostics: Diagnostic[];
}

/**
 * Validated articles kept for the life of the process (the live preview validates only what a
 * save changed): an article's validation is a function of its file's bytes, the site's
 * configuration, the authors and whether its lead photo exists, and is reused while all of those
 * are the same. Articles that failed, or found a photo missing, are not kept.
 */
const kept = new Map<string, { key: string; result: ArticleValidation }>();

/**
 * What each validated record was made from — its file's path and digest and the shared key's hash — so a
 * record can be named (page keys) without being hashed: the same inputs give the same record.
 */
const identities = new WeakMap<Article, string>();
let sharedHash: { shared: string; hash: string } | undefined;

/** Forgets this process's validations (tests that stand for a new process). */
export function forgetValidations(): void {
  kept.clear();
}

/** The inputs `article` was validated from, when it was validated from a file with a digest. */
export function recordIdentity(article: Article): string | undefined {
  return identities.get(article);
}

/** The part of the key every article shares in one run: configuration and authors. */
export function sharedKey(config: SiteConfig, authors: Map<string, Author>): string {
  return JSON.stringify([config, [...authors]]);
}

/** Where a validation is kept between processes: the file's store entry and the program's key. */
export interface KeptValidation {
  entry: StoreEntry;
  program: string;
  /** Marks the entry as changed (so the store saves it). */
  touch: (entry: StoreEntry) => void;
}

/**
 * The validation of `src`, from `validate` or from an earlier identical run: this process's (the
 * preview), or with `persist` one kept in the content store by an earlier build.
 */
export function validateOnce(src: SourceArticle, shared: string, validate: () => ArticleValidation, persist?: KeptValidation): ArticleValidation {
  if (!src.hash) return validate();
  const known = kept.get(src.file);
  if (known && known.key === src.hash + shared && (!known.result.article?.image || existsSync(known.result.article.image.path))) return known.result;
  if (sharedHash?.shared !== shared) sharedHash = { shared, hash: sha256(shared) };
  // The path too: a bundle moved unchanged is validated to another record (its URL).
  const identity = `${src.file}\0${src.hash}:${sharedHash.hash}`;
  // Hashed: the store keeps one key an article, read by every build.
  const storeKey = persist ? sha256(`${persist.program}\0${identity}\0${src.bundleDir}`) : undefined;
  const stored = persist?.entry.validated;
  let result: ArticleValidation;
  if (stored && stored.key === storeKey && (!stored.article.image || existsSync(stored.article.image.path))) {
    result = { article: revive(stored.article, src), diagnostics: stored.diagnostics.map((d) => ({ ...d })) };
  } else {
    result = validate();
    if (persist) {
      // Only clean articles are kept (see below); the record is kept as made: it is not changed once validated.
      if (result.article && !result.diagnostics.some((d) => d.ruleId === 'photo:not-found')) {
        persist.entry.validated = { key: storeKey!, article: result.article, diagnostics: result.diagnostics };
        persist.touch(persist.entry);
      } else if (persist.entry.validated) {
        delete persist.entry.validated;
        persist.touch(persist.entry);
      }
    }
  }
  if (result.article) identities.set(result.article, identity);
  // Only clean articles are kept: a failed one (an exception is reported outside the result) is validated again.
  if (!result.article || result.diagnostics.some((d) => d.ruleId === 'photo:not-found')) kept.delete(src.file);
  else kept.set(src.file, { key: src.hash + shared, result });
  return result;
}

/** A kept record made whole again: its body and its photo's line are read from the source when asked for, as `validateArticle` does. */
function revive(article: Article, src: SourceArticle): Article {
  Object.defineProperty(article, 'body', { get: () => src.body, enumerable: false, configurable: true });
  const image = article.image;
  if (image) {
    let line: number | undefined;
    Object.defineProperty(image, 'line', { enumerable: false, configurable: true, get: () => (line ??= src.frontMatter?.positionOf(['image', 'src']).line ?? 1) });
  }
  return article;
}
