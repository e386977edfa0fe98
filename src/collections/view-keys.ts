import type { ArticleView, Site } from './types.js';

/**
 * Keys of what an output is made from, recorded when the page keys are computed
 * (src/render/page-keys.ts) so other outputs (feeds) can tell whether their inputs changed
 * without hashing the articles again.
 */
const articleKeys = new WeakMap<ArticleView, string>();
const siteKeys = new WeakMap<Site, string>();

/** Records the key of an article view (its record, body identity and photo sets). */
export function setViewKey(view: ArticleView, key: string): void {
  articleKeys.set(view, key);
}

/** The recorded key of an article view, if the page keys were computed in this run. */
export function viewKey(view: ArticleView): string | undefined {
  return articleKeys.get(view);
}

/** Records the key of the site-wide values every page reads (configuration, logo, navigation; not the program that renders pages). */
export function setSiteKey(site: Site, key: string): void {
  siteKeys.set(site, key);
}

/** The recorded site-wide key, if the page keys were computed in this run. */
export function siteKeyOf(site: Site): string | undefined {
  return siteKeys.get(site);
}
