import type { PageRecord, Site } from '../src/collections/types.js';
import type { HeadMeta } from '../src/render/seo/types.js';
import type { Formatter } from './format.js';
import type { Strings } from './i18n.js';

/** What every page template receives. */
export interface PageProps<P extends PageRecord = PageRecord> {
  page: P;
  site: Site;
  meta: HeadMeta;
  t: Strings;
  f: Formatter;
}

/** URL prefix of a language: empty for the default, `/ar` otherwise. */
export function prefixOf(site: Site, lang: string): string {
  return lang === site.config.language ? '' : `/${lang}`;
}

/** A localized text from a per-language map. */
export function local(map: Record<string, string>, lang: string, site: Site): string {
  return map[lang] ?? map[site.config.language] ?? Object.values(map)[0] ?? '';
}

const urlSets = new WeakMap<Site, Set<string>>();

/** True when the site has a page at `url` (so navigation never links to a missing list). */
export function hasPage(site: Site, url: string): boolean {
  let set = urlSets.get(site);
  if (!set) urlSets.set(site, (set = new Set(site.pages.map((p) => p.url))));
  return set.has(url);
}
