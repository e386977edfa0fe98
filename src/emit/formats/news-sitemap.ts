import type { Site } from '../../collections/types.js';
import type { EmittedFile, OutputFormat } from '../types.js';
import { absolute, localized } from '../urls.js';
import { buildXml, NS } from '../xml.js';

/** Google News takes articles from the last two days only… */
export const NEWS_WINDOW_MS = 48 * 3600 * 1000;
/** …and at most this many URLs per news sitemap. */
export const NEWS_LIMIT = 1000;

/** `news-sitemap.xml`: articles published in the 48 hours before `site.now`, newest first, at most 1,000. */
export function buildNewsSitemap(site: Site): EmittedFile {
  const since = site.now - NEWS_WINDOW_MS;
  const recent = site.articles
    .filter((a) => a.time >= since && a.time <= site.now)
    .sort((a, b) => b.time - a.time)
    .slice(0, NEWS_LIMIT);
  const url = recent.map((a) => ({
    loc: absolute(site, a.url),
    'news:news': {
      'news:publication': { 'news:name': localized(site, site.config.name, a.lang), 'news:language': a.lang },
      'news:publication_date': a.date,
      'news:title': a.title,
    },
  }));
  return { path: 'news-sitemap.xml', contents: buildXml({ urlset: { '@_xmlns': NS.sitemap, '@_xmlns:news': NS.news, url } }) };
}

/** Google News sitemap (`news-sitemap.xml`). */
export const newsSitemapFormat: OutputFormat = {
  name: 'news-sitemap',
  counts: 'sitemap',
  emit: (site) => [buildNewsSitemap(site)],
};
