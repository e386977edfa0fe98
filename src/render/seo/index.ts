import type { PageRecord, Site } from '../../collections/types.js';
import { absolute } from '../../emit/urls.js';
import { feedLinks } from './feed-links.js';
import type { HeadMeta } from './types.js';
import { pageJsonLd } from './json-ld.js';
import { tagLabel } from '../../collections/labels.js';
import { formatterFor } from '../../../templates/format.js';

export type { HeadMeta } from './types.js';

const text = (m: Record<string, string>, lang: string, fallback: string) => m[lang] ?? m[fallback] ?? '';

function titleAndDescription(page: PageRecord, site: Site): { title: string; description: string } {
  const { config } = site;
  const siteName = text(config.name, page.lang, config.language);
  const siteDescription = text(config.description, page.lang, config.language);
  switch (page.kind) {
    case 'article':
      return { title: `${page.article.title} | ${siteName}`, description: page.article.summary };
    case 'home':
      return { title: siteName, description: siteDescription };
    case 'list': {
      // A numbered page is named by the dates it covers, which never change (a count of pages would).
      const span = page.pagination.page === undefined ? '' : ` (${formatterFor(config, page.lang).dateSpan(page.items)})`;
      return { title: `${page.title}${span} | ${siteName}`, description: page.description ?? siteDescription };
    }
    case 'page':
      return { title: `${page.page.title} | ${siteName}`, description: page.page.summary ?? siteDescription };
    case 'gone':
      return { title: `${page.title} | ${siteName}`, description: siteDescription };
    default:
      return { title: siteName, description: siteDescription };
  }
}

/** Everything that goes into a page's `<head>`: canonical, Open Graph, Twitter, hreflang, feeds and JSON-LD. */
export function headMetaFor(page: PageRecord, site: Site): HeadMeta {
  const { config } = site;
  const { title, description } = titleAndDescription(page, site);
  const canonical = absolute(site, page.kind === 'redirect' ? page.to : page.url);
  const hidden = page.kind === 'not-found' || page.kind === 'gone' || page.kind === 'redirect';
  const locale = (lang: string) => (config.languages.find((l) => l.code === lang)?.locale ?? lang).replace('-', '_');
  const names: [string, string][] = [
    ['description', description],
    ['robots', hidden ? 'noindex, follow' : 'index, follow, max-image-preview:large'],
    ['twitter:card', 'summary_large_image'],
    ['twitter:title', page.kind === 'article' ? page.article.title : title],
    ['twitter:description', description],
  ];
  if (config.social.x) names.push(['twitter:site', '@' + config.social.x.replace(/^@/, '')]);
  const properties: [string, string][] = [
    ['og:type', page.kind === 'article' ? 'article' : 'website'],
    ['og:title', page.kind === 'article' ? page.article.title : title],
    ['og:description', description],
    ['og:url', canonical],
    ['og:site_name', text(config.name, page.lang, config.language)],
    ['og:locale', locale(page.lang)],
    ...page.alternates.map((a): [string, string] => ['og:locale:alternate', locale(a.lang)]),
  ];
  const share = page.kind === 'article' ? (page.article.lead?.share ?? page.article.card?.share) : site.logo?.share;
  if (share) {
    properties.push(['og:image', absolute(site, share.url)], ['og:image:width', String(share.width)], ['og:image:height', String(share.height)], ['og:image:type', share.type]);
    // A generated card shows the headline, so the headline is its description.
    const alt = page.kind === 'article' ? (page.article.lead ? page.article.image?.alt : page.article.title) : config.logo?.alt;
    if (alt) properties.push(['og:image:alt', alt]);
    names.push(['twitter:image', absolute(site, share.url)]);
  }
  if (page.kind === 'article') {
    const a = page.article;
    properties.push(
      ['article:published_time', a.date],
      ['article:modified_time', a.modified],
      ['article:section', a.sectionInfo.title[a.lang] ?? a.sectionInfo.title[config.language] ?? a.section],
      ...a.tags.map((t): [string, string] => ['article:tag', tagLabel(config, t, a.lang)]),
      ...a.authorList.map((p): [string, string] => ['article:author', absolute(site, `/authors/${p.id}/`)]),
    );
  }
  const alternates: HeadMeta['alternates'] = [];
  if (page.alternates.length) {
    const all = [{ lang: page.lang, url: page.url }, ...page.alternates];
    for (const a of all) alternates.push({ hreflang: a.lang, href: absolute(site, a.url) });
    const def = all.find((a) => a.lang === config.language) ?? all[0]!;
    alternates.push({ hreflang: 'x-default', href: absolute(site, def.url) });
  }
  const feeds = feedLinks(page, site);
  const meta: HeadMeta = { title, description, canonical, names, properties, alternates, feeds, jsonLd: pageJsonLd(page, site) };
  if (page.kind === 'list') {
    if (page.pagination.newer) meta.prev = page.pagination.newer;
    if (page.pagination.older) meta.next = page.pagination.older;
  }
  return meta;
}
