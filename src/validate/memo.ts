import { existsSync } from 'node:fs';
import type { SourceArticle } from '../load/types.js';
import type { Article, Author, SiteConfig } from './types.js';
import type { Diagnostic } from '../errors/types.js';
import { sha256 } from '../util/hash.js';

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

/** The inputs `article` was validated from, when it was validated from a file with a digest. */
export function recordIdentity(article: Article): string | undefined {
  return identities.get(article);
}

/** The part of the key every article shares in one run: configuration and authors. */
export function sharedKey(config: SiteConfig, authors: Map<string, Author>): string {
  return JSON.stringify([config, [...authors]]);
}

/** The validation of `src`, from `validate` or from an earlier identical run. */
export function validateOnce(src: SourceArticle, shared: string, validate: () => ArticleValidation): ArticleValidation {
  if (!src.hash) return validate();
  const known = kept.get(src.file);
  if (known && known.key === src.hash + shared && (!known.result.article?.image || existsSync(known.result.article.image.path))) return known.result;
  const result = validate();
  if (sharedHash?.shared !== shared) sharedHash = { shared, hash: sha256(shared) };
  // The path too: a bundle moved unchanged is validated to another record (its URL).
  if (result.article) identities.set(result.article, `${src.file}\0${src.hash}:${sharedHash.hash}`);
  // Only clean articles are kept: a failed one (an exception is reported outside the result) is validated again.
  if (!result.article || result.diagnostics.some((d) => d.ruleId === 'photo:not-found')) kept.delete(src.file);
  else kept.set(src.file, { key: src.hash + shared, result });
  return result;
}
