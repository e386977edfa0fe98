import type { PageRecord, Site } from '../../collections/types.js';
import { absolute, feedPaths, localized } from '../../emit/urls.js';
import type { HeadMeta } from './types.js';

const KINDS = [
  ['rss', 'application/rss+xml', 'RSS'],
  ['atom', 'application/atom+xml', 'Atom'],
  ['json', 'application/feed+json', 'JSON Feed'],
] as const;

function linksFor(site: Site, title: string, paths: { rss: string; atom: string; json: string }): HeadMeta['feeds'] {
  return KINDS.map(([key, type, label]) => ({ type, title: `${title} (${label})`, href: absolute(site, paths[key]) }));
}

/** Feed discovery links: the language's site-wide feeds, and on articles and section pages the section's. */
export function feedLinks(page: PageRecord, site: Site): HeadMeta['feeds'] {
  const name = localized(site, site.config.name, page.lang);
  const feeds = linksFor(site, name, feedPaths(site, page.lang));
  const section = page.kind === 'article' ? page.article.sectionInfo : page.kind === 'list' && page.list === 'section' ? page.section : undefined;
  if (section) feeds.push(...linksFor(site, `${localized(site, section.title, page.lang) || section.id} · ${name}`, feedPaths(site, page.lang, section.id)));
  return feeds;
}
