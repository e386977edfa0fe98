import type { BreadcrumbList, NewsArticle, WithContext } from 'schema-dts';
import type { ArticlePage, Site } from '../../collections/types.js';
import type { ArticleType } from '../../validate/types.js';
import { absolute, langPrefix, localized } from '../../emit/urls.js';
import { personOf, publisher, siteName, websiteRef } from './json-ld-site.js';
import { tagLabel } from '../../collections/labels.js';

/** schema.org type for each article `type`. */
export const ARTICLE_SCHEMA_TYPE: Record<ArticleType, 'NewsArticle' | 'ReportageNewsArticle' | 'AnalysisNewsArticle' | 'OpinionNewsArticle' | 'BackgroundNewsArticle' | 'ReviewNewsArticle'> = {
  report: 'ReportageNewsArticle',
  analysis: 'AnalysisNewsArticle',
  opinion: 'OpinionNewsArticle',
  explainer: 'BackgroundNewsArticle',
  background: 'BackgroundNewsArticle',
  review: 'ReviewNewsArticle',
  interview: 'NewsArticle',
};

/** The NewsArticle (or subtype) of an article page, then its breadcrumb trail (home → section → article). */
export function articleJsonLd(page: ArticlePage, site: Site): [WithContext<NewsArticle>, WithContext<BreadcrumbList>] {
  const a = page.article;
  const url = absolute(site, a.url);
  const section = localized(site, a.sectionInfo.title, a.lang) || a.section;
  // Subtypes share NewsArticle's properties; schema-dts types the union member by member.
  const article = {
    '@context': 'https://schema.org',
    '@type': ARTICLE_SCHEMA_TYPE[a.type],
    '@id': `${url}#article`,
    headline: a.title,
    description: a.summary,
    // As written in front matter / computed with the original offset, never converted to UTC.
    datePublished: a.date,
    dateModified: a.modified,
    author: a.authorList.length ? a.authorList.map((p) => personOf(site, p, a.lang)) : [publisher(site, a.lang)],
    publisher: publisher(site, a.lang),
    articleSection: section,
    keywords: a.tags.map((t) => tagLabel(site.config, t, a.lang)),
    inLanguage: a.lang,
    wordCount: a.content.wordCount,
    url,
    mainEntityOfPage: { '@type': 'WebPage', '@id': url },
    isPartOf: websiteRef(site, a.lang),
  } as WithContext<NewsArticle> & Record<string, unknown>;
  if (a.dateline) article.dateline = a.dateline;
  const crops = a.lead?.crops ?? a.card?.crops;
  if (crops) article.image = [crops['16x9'], crops['4x3'], crops['1x1']].map((c) => absolute(site, c.url));
  if (a.corrections.length) article.correction = a.corrections.map((c) => ({ '@type': 'CorrectionComment', text: c.text, datePublished: c.date }));
  if (a.translations.length) article.workTranslation = a.translations.map((t) => ({ '@type': 'NewsArticle', '@id': `${absolute(site, t.url)}#article`, inLanguage: t.lang }));
  const prefix = langPrefix(site, a.lang);
  const crumbs: WithContext<BreadcrumbList> = {
    '@context': 'https://schema.org',
    '@type': 'BreadcrumbList',
    itemListElement: [
      { '@type': 'ListItem', position: 1, name: siteName(site, a.lang), item: absolute(site, `${prefix}/`) },
      { '@type': 'ListItem', position: 2, name: section, item: absolute(site, `${prefix}/${a.section}/`) },
      { '@type': 'ListItem', position: 3, name: a.title, item: url },
    ],
  };
  return [article, crumbs];
}
