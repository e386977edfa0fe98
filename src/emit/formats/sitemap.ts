import type { ArticleView, PageRecord, Site } from '../../collections/types.js';
import { keyedFile, type EmittedFile, type OutputFormat } from '../types.js';
import { absolute } from '../urls.js';
import { buildXml, NS } from '../xml.js';

/** URLs per sitemap file before it is split under a sitemap index (the protocol's limit). */
export const SITEMAP_LIMIT = 50_000;

/** Pages that belong in a sitemap: real pages, not redirects, the 404 page or taken-down stories. */
export function isListed(page: PageRecord): boolean {
  return page.kind !== 'redirect' && page.kind !== 'not-found' && page.kind !== 'gone';
}

function newest(items: ArticleView[]): ArticleView | undefined {
  let best: ArticleView | undefined;
  for (const a of items) if (!best || a.modifiedTime > best.modifiedTime) best = a;
  return best;
}

/** When a page last changed, as written (with its offset): an article's modification, a list's newest story. */
function lastmod(page: PageRecord): string | undefined {
  switch (page.kind) {
    case 'article':
      return page.article.modified;
    case 'list':
      return newest(page.items)?.modified;
    case 'home':
      return newest(page.latest)?.modified;
    default:
      return undefined;
  }
}

/** hreflang alternates of a translated page: itself, each translation, and x-default (the default language's). */
export function hreflangLinks(site: Site, page: Pick<PageRecord, 'lang' | 'url' | 'alternates'>): { hreflang: string; href: string }[] {
  if (page.alternates.length === 0) return [];
  const all = [{ lang: page.lang, url: page.url }, ...page.alternates];
  const fallback = all.find((a) => a.lang === site.config.language) ?? all[0]!;
  return [...all.map((a) => ({ hreflang: a.lang, href: absolute(site, a.url) })), { hreflang: 'x-default', href: absolute(site, fallback.url) }];
}

function urlEntry(site: Site, page: PageRecord): Record<string, unknown> {
  const entry: Record<string, unknown> = { loc: absolute(site, page.url) };
  const mod = lastmod(page);
  if (mod) entry.lastmod = mod;
  const links = hreflangLinks(site, page);
  if (links.length) entry['xhtml:link'] = links.map((l) => ({ '@_rel': 'alternate', '@_hreflang': l.hreflang, '@_href': l.href }));
  return entry;
}

function urlset(entries: Record<string, unknown>[]): string {
  return buildXml({ urlset: { '@_xmlns': NS.sitemap, '@_xmlns:xhtml': NS.xhtml, url: entries } });
}

/** `sitemap.xml`, or past `limit` URLs a sitemap index at `sitemap.xml` over `sitemap-1.xml`, `sitemap-2.xml`… */
export function buildSitemaps(site: Site, limit = SITEMAP_LIMIT): EmittedFile[] {
  const entries = site.pages.filter(isListed).map((p) => urlEntry(site, p));
  // Keyed by its entries: an edit that moves no date and no URL does not make the XML again.
  const file = (path: string, part: Record<string, unknown>[]) => keyedFile(path, () => urlset(part), JSON.stringify(part));
  if (entries.length <= limit) return [file('sitemap.xml', entries)];
  const files: EmittedFile[] = [];
  for (let i = 0; i * limit < entries.length; i++) files.push(file(`sitemap-${i + 1}.xml`, entries.slice(i * limit, (i + 1) * limit)));
  const index = buildXml({ sitemapindex: { '@_xmlns': NS.sitemap, sitemap: files.map((f) => ({ loc: absolute(site, '/' + f.path) })) } });
  return [{ path: 'sitemap.xml', contents: index }, ...files];
}

/** `sitemap.xml` of every real page with hreflang alternates, split under an index past 50,000 URLs. */
export const sitemapFormat: OutputFormat = {
  name: 'sitemap',
  counts: 'sitemap',
  emit: (site) => buildSitemaps(site),
};
