import { XMLBuilder } from 'fast-xml-parser';
import type { PageRecord, Site } from '../../collections/types.js';
import type { EmittedFile, OutputFormat } from '../types.js';
import { absolute } from '../urls.js';

const builder = new XMLBuilder({ ignoreAttributes: false, attributeNamePrefix: '@_', format: true, suppressEmptyNode: true });
const declaration = '<?xml version="1.0" encoding="UTF-8"?>\n';
const NS = 'http://www.sitemaps.org/schemas/sitemap/0.9';

/** URLs per sitemap file before it is split under a sitemap index (the protocol's limit). */
export const SITEMAP_LIMIT = 50_000;

/** Pages that belong in a sitemap: real pages, not redirects, 404 or gone pages. */
function listed(page: PageRecord): boolean {
  return page.kind !== 'redirect' && page.kind !== 'not-found' && page.kind !== 'gone';
}

function lastmod(page: PageRecord): string | undefined {
  if (page.kind === 'article') return new Date(page.article.modifiedTime).toISOString();
  if (page.kind === 'list' || page.kind === 'home') {
    const items = page.kind === 'list' ? page.items : page.latest;
    const t = Math.max(0, ...items.map((a) => a.modifiedTime));
    return t ? new Date(t).toISOString() : undefined;
  }
  return undefined;
}

function urlEntry(page: PageRecord, site: Site): Record<string, unknown> {
  const entry: Record<string, unknown> = { loc: absolute(site, page.url) };
  const mod = lastmod(page);
  if (mod) entry.lastmod = mod;
  if (page.alternates.length) {
    const all = [{ lang: page.lang, url: page.url }, ...page.alternates];
    const def = all.find((a) => a.lang === site.config.language) ?? all[0]!;
    entry['xhtml:link'] = [
      ...all.map((a) => ({ '@_rel': 'alternate', '@_hreflang': a.lang, '@_href': absolute(site, a.url) })),
      { '@_rel': 'alternate', '@_hreflang': 'x-default', '@_href': absolute(site, def.url) },
    ];
  }
  return entry;
}

/** Builds `sitemap.xml`, or a sitemap index with `sitemap-N.xml` files past `limit` URLs. */
export function buildSitemaps(site: Site, limit = SITEMAP_LIMIT): EmittedFile[] {
  const entries = site.pages.filter(listed).map((p) => urlEntry(p, site));
  const chunk = (list: Record<string, unknown>[]) =>
    declaration + builder.build({ urlset: { '@_xmlns': NS, '@_xmlns:xhtml': 'http://www.w3.org/1999/xhtml', url: list } });
  if (entries.length <= limit) return [{ path: 'sitemap.xml', contents: chunk(entries) }];
  const files: EmittedFile[] = [];
  for (let i = 0; i * limit < entries.length; i++) files.push({ path: `sitemap-${i + 1}.xml`, contents: chunk(entries.slice(i * limit, (i + 1) * limit)) });
  const index = declaration + builder.build({ sitemapindex: { '@_xmlns': NS, sitemap: files.map((f) => ({ loc: absolute(site, '/' + f.path) })) } });
  return [{ path: 'sitemap.xml', contents: index }, ...files];
}

/** Google News: articles published in the 48 hours before the build's now, at most 1,000. */
export function buildNewsSitemap(site: Site): EmittedFile {
  const since = site.now - 48 * 3600 * 1000;
  const recent = site.articles.filter((a) => a.time >= since && a.time <= site.now).slice(0, 1000);
  const url = recent.map((a) => ({
    loc: absolute(site, a.url),
    'news:news': {
      'news:publication': { 'news:name': site.config.name[a.lang] ?? site.config.name[site.config.language], 'news:language': a.lang },
      'news:publication_date': a.date,
      'news:title': a.title,
    },
  }));
  const xml = declaration + builder.build({ urlset: { '@_xmlns': NS, '@_xmlns:news': 'http://www.google.com/schemas/sitemap-news/0.9', url } });
  return { path: 'news-sitemap.xml', contents: xml };
}

/** `sitemap.xml` (split past 50,000 URLs) and `news-sitemap.xml`. */
export const sitemapsFormat: OutputFormat = {
  name: 'sitemaps',
  counts: 'sitemap',
  emit: (site) => [...buildSitemaps(site), buildNewsSitemap(site)],
};

/** `robots.txt` naming both sitemaps. */
export const robotsFormat: OutputFormat = {
  name: 'robots',
  emit: (site) => [
    { path: 'robots.txt', contents: `User-agent: *\nAllow: /\nDisallow: /pagefind/\n\nSitemap: ${absolute(site, '/sitemap.xml')}\nSitemap: ${absolute(site, '/news-sitemap.xml')}\n` },
  ],
};
