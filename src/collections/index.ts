import type { ArticleHtml } from '../markdown/types.js';
import type { PhotoSet } from '../images/types.js';
import type { Article, Author, SiteConfig, StaticPage } from '../validate/types.js';
import { buildArticleViews } from './article-views.js';
import { authorLists, langPrefix, languageLists } from './list-pages.js';
import type { ArticleView, PageRecord, Site } from './types.js';

export type * from './types.js';
export { articleGuid } from './article-views.js';
export { langPrefix } from './list-pages.js';

/** What the collections stage is given. */
export interface CollectInput {
  config: SiteConfig;
  authors: Map<string, Author>;
  /** Articles to publish, newest first. */
  published: Article[];
  /** Articles past their `expires` time. */
  expired: Article[];
  pages: StaticPage[];
  /** Markdown results by file, for articles and static pages. */
  html: Map<string, ArticleHtml>;
  photos: Map<string, PhotoSet>;
  now: number;
  preview: boolean;
  logo?: PhotoSet;
}

const HOME_LATEST = 12;
const BLOCK_SIZE = 4;
const RELATED = 4;

/**
 * "More from the section": the stories published just before `article` in its section (newest
 * first), topped up with the nearest newer ones when there are too few. A story added on top
 * of the section therefore changes no other article page (newest stories would change them all).
 */
function relatedTo(article: ArticleView, section: ArticleView[]): ArticleView[] {
  const at = section.indexOf(article);
  const older = section.slice(at + 1, at + 1 + RELATED);
  if (older.length === RELATED) return older;
  return [...section.slice(Math.max(0, at - (RELATED - older.length)), at), ...older];
}

/** Builds the whole site: article views and every page record, in a stable order. */
export function collectSite(input: CollectInput): Site {
  const { config } = input;
  const articles = buildArticleViews(input.published, config, input.authors, input.html, input.photos);
  const byLang = new Map<string, ArticleView[]>();
  for (const lang of config.languages) byLang.set(lang.code, []);
  for (const a of articles) byLang.get(a.lang)?.push(a);

  const pages: PageRecord[] = [];
  const activeLangs = [...byLang].filter(([code, list]) => code === config.language || list.length > 0);
  const alternatesOf = (lang: string, path: string) =>
    activeLangs.filter(([code]) => code !== lang).map(([code]) => ({ lang: code, url: `${langPrefix(config, code)}${path}` }));

  for (const [lang, list] of activeLangs) {
    const p = langPrefix(config, lang);
    const blocks = config.sections
      .map((section) => ({ section, url: `${p}/${section.id}/`, items: list.filter((a) => a.section === section.id).slice(0, BLOCK_SIZE) }))
      .filter((b) => b.items.length > 0);
    pages.push({ kind: 'home', url: `${p}/`, lang, alternates: alternatesOf(lang, '/'), latest: list.slice(0, HOME_LATEST), blocks });
    const others = new Map(activeLangs.filter(([code]) => code !== lang));
    pages.push(...languageLists(config, lang, list, others));
    pages.push({ kind: 'search', url: `${p}/search/`, lang, alternates: alternatesOf(lang, '/search/') });
    const items = list.flatMap((article) => article.corrections.map((correction) => ({ article, correction })));
    items.sort((a, b) => b.correction.time - a.correction.time);
    pages.push({ kind: 'corrections', url: `${p}/corrections/`, lang, alternates: alternatesOf(lang, '/corrections/'), items });
  }
  pages.push(...authorLists(config, articles, input.authors));

  // Newest first per language and section, so "more from the section" is a short scan per article.
  const bySection = new Map<string, ArticleView[]>();
  for (const a of articles) {
    const key = `${a.lang}\0${a.section}`;
    const list = bySection.get(key);
    if (list) list.push(a);
    else bySection.set(key, [a]);
  }
  for (const article of articles) {
    const related = relatedTo(article, bySection.get(`${article.lang}\0${article.section}`) ?? []);
    pages.push({ kind: 'article', url: article.url, lang: article.lang, alternates: article.translations.map((t) => ({ lang: t.lang, url: t.url })), article, related });
    for (const from of article.redirectFrom) pages.push({ kind: 'redirect', url: from, lang: article.lang, alternates: [], to: article.url });
  }
  for (const page of input.pages) {
    const html = input.html.get(page.file);
    const typeset = { ...page, title: html?.title ?? page.title, ...(html?.summary ? { summary: html.summary } : {}) };
    pages.push({ kind: 'page', url: page.url, lang: page.lang, alternates: [], page: typeset, html: html?.html ?? '' });
    for (const from of page.redirectFrom ?? []) pages.push({ kind: 'redirect', url: from, lang: page.lang, alternates: [], to: page.url });
  }
  for (const gone of input.expired) {
    const section = config.sections.find((s) => s.id === gone.section)!;
    const sectionUrl = `${langPrefix(config, gone.lang)}/${gone.section}/`;
    if (config.expired === 'redirect-section') pages.push({ kind: 'redirect', url: gone.url, lang: gone.lang, alternates: [], to: sectionUrl });
    else pages.push({ kind: 'gone', url: gone.url, lang: gone.lang, alternates: [], title: gone.title, section });
  }
  pages.push({ kind: 'not-found', url: '/404.html', lang: config.language, alternates: [] });

  const site: Site = { config, articles, authors: input.authors, pages, photos: input.photos, now: input.now, preview: input.preview };
  if (input.logo) site.logo = input.logo;
  return site;
}
