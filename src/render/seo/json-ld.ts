import type { Article as SchemaArticle, BreadcrumbList, NewsMediaOrganization, Person, Thing, WithContext } from 'schema-dts';
import type { ArticlePage, ArticleView, PageRecord, Site } from '../../collections/types.js';
import type { ArticleType } from '../../validate/types.js';
import { absolute, jpegNear } from '../../emit/urls.js';

const SUBTYPE: Record<ArticleType, string> = {
  report: 'ReportageNewsArticle',
  analysis: 'AnalysisNewsArticle',
  opinion: 'OpinionNewsArticle',
  explainer: 'BackgroundNewsArticle',
  background: 'BackgroundNewsArticle',
  review: 'ReviewNewsArticle',
  interview: 'NewsArticle',
};

const name = (site: Site, lang: string) => site.config.name[lang] ?? site.config.name[site.config.language] ?? '';

/** The publisher, with its logo and the policy pages from site.yaml. */
export function publisher(site: Site, lang: string): NewsMediaOrganization {
  const p = site.config.policies;
  const org: Record<string, unknown> = { '@type': 'NewsMediaOrganization', '@id': absolute(site, '/#publisher'), name: name(site, lang), url: absolute(site, '/') };
  const logoFile = site.logo ? jpegNear(site.logo, 600) : undefined;
  if (logoFile) org.logo = { '@type': 'ImageObject', url: absolute(site, logoFile.url), width: logoFile.width, height: logoFile.height };
  const policy: [string, string | undefined][] = [
    ['correctionsPolicy', p.corrections],
    ['ethicsPolicy', p.ethics],
    ['masthead', p.masthead],
    ['diversityPolicy', p.diversity],
    ['ownershipFundingInfo', p.ownership],
  ];
  for (const [key, url] of policy) if (url) org[key] = absolute(site, url);
  const sameAs = Object.entries(site.config.social).map(([k, v]) => socialUrl(k, v)).filter(Boolean);
  if (sameAs.length) org.sameAs = sameAs;
  return org as unknown as NewsMediaOrganization;
}

function socialUrl(network: string, handle: string | undefined): string {
  if (!handle) return '';
  const hosts: Record<string, string> = { x: 'https://x.com/', facebook: 'https://www.facebook.com/', instagram: 'https://www.instagram.com/', youtube: 'https://www.youtube.com/@', telegram: 'https://t.me/' };
  return /^https?:/.test(handle) ? handle : (hosts[network] ?? '') + handle.replace(/^@/, '');
}

function person(site: Site, a: ArticleView['authorList'][number]): Person {
  const p: Record<string, unknown> = { '@type': 'Person', name: a.name, url: absolute(site, `/authors/${a.id}/`) };
  if (a.role) p.jobTitle = a.role;
  return p as unknown as Person;
}

/** NewsArticle (or its subtype) and the breadcrumb trail of an article page. */
export function articleJsonLd(page: ArticlePage, site: Site): object[] {
  const a = page.article;
  const url = absolute(site, a.url);
  const images = a.lead?.crops ? [a.lead.crops['16x9'], a.lead.crops['4x3'], a.lead.crops['1x1']].map((c) => absolute(site, c.url)) : undefined;
  const article: Record<string, unknown> = {
    '@context': 'https://schema.org',
    '@type': SUBTYPE[a.type],
    '@id': url + '#article',
    headline: a.title,
    description: a.summary,
    datePublished: a.date,
    dateModified: a.modified,
    author: a.authorList.length ? a.authorList.map((p) => person(site, p)) : [publisher(site, a.lang)],
    publisher: publisher(site, a.lang),
    articleSection: a.sectionInfo.title[a.lang] ?? a.sectionInfo.title[site.config.language],
    keywords: a.tags,
    inLanguage: a.lang,
    wordCount: a.content.wordCount,
    url,
    mainEntityOfPage: { '@type': 'WebPage', '@id': url },
    isPartOf: { '@type': 'WebSite', '@id': absolute(site, '/#website'), name: name(site, a.lang), url: absolute(site, '/') },
  };
  if (a.dateline) article.dateline = a.dateline;
  if (images) article.image = images;
  if (a.corrections.length) article.correction = a.corrections.map((c) => ({ '@type': 'CorrectionComment', text: c.text, datePublished: c.date }));
  if (a.translations.length) article.workTranslation = a.translations.map((t) => ({ '@type': 'NewsArticle', '@id': absolute(site, t.url) + '#article', inLanguage: t.lang }));
  const prefix = a.lang === site.config.language ? '' : `/${a.lang}`;
  const crumbs: BreadcrumbList = {
    '@type': 'BreadcrumbList',
    itemListElement: [
      { '@type': 'ListItem', position: 1, name: name(site, a.lang), item: absolute(site, `${prefix}/`) },
      { '@type': 'ListItem', position: 2, name: String(article.articleSection), item: absolute(site, `${prefix}/${a.section}/`) },
      { '@type': 'ListItem', position: 3, name: a.title, item: url },
    ],
  };
  return [article as unknown as WithContext<SchemaArticle>, { '@context': 'https://schema.org', ...crumbs }];
}

/** JSON-LD for every other page kind. */
export function pageJsonLd(page: PageRecord, site: Site): object[] {
  const url = absolute(site, page.url);
  const ctx = (t: Record<string, unknown>) => ({ '@context': 'https://schema.org', ...t }) as unknown as WithContext<Thing>;
  switch (page.kind) {
    case 'article':
      return articleJsonLd(page, site);
    case 'home':
      return [
        ctx({
          '@type': 'WebSite',
          '@id': absolute(site, '/#website'),
          name: name(site, page.lang),
          url,
          inLanguage: page.lang,
          publisher: publisher(site, page.lang),
          potentialAction: { '@type': 'SearchAction', target: { '@type': 'EntryPoint', urlTemplate: absolute(site, `${page.url}search/?q={search_term_string}`) }, 'query-input': 'required name=search_term_string' },
        }),
      ];
    case 'list':
      if (page.list === 'author' && page.author) {
        const a = page.author;
        const p: Record<string, unknown> = { '@type': 'Person', name: a.name, url: absolute(site, `/authors/${a.id}/`) };
        if (a.role) p.jobTitle = a.role;
        if (a.bio) p.description = a.bio;
        if (a.x) p.sameAs = [socialUrl('x', a.x)];
        p.worksFor = publisher(site, page.lang);
        return [ctx({ '@type': 'ProfilePage', url, mainEntity: p })];
      }
      return [ctx({ '@type': 'CollectionPage', name: page.title, url, inLanguage: page.lang, isPartOf: { '@id': absolute(site, '/#website') } })];
    case 'page':
      return [ctx({ '@type': 'WebPage', name: page.page.title, url, inLanguage: page.lang, publisher: publisher(site, page.lang) })];
    default:
      return [];
  }
}
