import { existsSync } from 'node:fs';
import type { SourceArticle } from '../load/types.js';
import type { Article, Author, SiteConfig } from './types.js';
import type { Diagnostic } from '../errors/types.js';

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
  // Only clean articles are kept: a failed one (an exception is reported outside the result) is validated again.
  if (!result.article || result.diagnostics.some((d) => d.ruleId === 'photo:not-found')) kept.delete(src.file);
  else kept.set(src.file, { key: src.hash + shared, result });
  return result;
}
