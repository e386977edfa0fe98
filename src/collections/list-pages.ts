import type { Author, SiteConfig } from '../validate/types.js';
import { paginate } from './paginate.js';
import type { ArticleView, ListPage } from './types.js';
import { tagLabel } from './labels.js';

const ARCHIVE_TITLE: Record<string, string> = { en: 'All stories', ar: 'كل القصص' };

/** URL prefix of a language: empty for the default language, `/ar` otherwise. */
export function langPrefix(config: SiteConfig, lang: string): string {
  return lang === config.language ? '' : `/${lang}`;
}

function groupBy<K>(items: ArticleView[], key: (a: ArticleView) => K[]): Map<K, ArticleView[]> {
  const map = new Map<K, ArticleView[]>();
  for (const a of items) {
    for (const k of key(a)) {
      const list = map.get(k);
      if (list) list.push(a);
      else map.set(k, [a]);
    }
  }
  return map;
}

function localTitle(map: Record<string, string>, lang: string, fallback: string): string {
  return map[lang] ?? map[fallback] ?? Object.values(map)[0] ?? '';
}

/** Section, tag and date-archive pages of one language (articles newest first). */
export function languageLists(config: SiteConfig, lang: string, articles: ArticleView[], otherLangs: Map<string, ArticleView[]>): ListPage[] {
  const p = langPrefix(config, lang);
  const size = config.pageSize;
  const pages: ListPage[] = [];
  const alt = (path: (prefix: string) => string, has: (list: ArticleView[]) => boolean) =>
    [...otherLangs].filter(([, list]) => has(list)).map(([l]) => ({ lang: l, url: path(langPrefix(config, l)) }));

  const bySection = groupBy(articles, (a) => [a.section]);
  for (const section of config.sections) {
    const items = bySection.get(section.id);
    if (!items) continue;
    const description = section.description[lang] ?? section.description[config.language];
    pages.push(
      ...paginate(items, size, {
        list: 'section',
        lang,
        title: localTitle(section.title, lang, config.language),
        ...(description ? { description } : {}),
        section,
        first: `${p}/${section.id}/`,
        alternates: alt((q) => `${q}/${section.id}/`, (l) => l.some((a) => a.section === section.id)),
      }),
    );
  }
  for (const [tag, items] of [...groupBy(articles, (a) => a.tags)].sort(([a], [b]) => a.localeCompare(b))) {
    pages.push(...paginate(items, size, { list: 'tag', lang, title: tagLabel(config, tag, lang), tag, first: `${p}/tags/${tag}/` }));
  }
  pages.push(
    ...paginate(articles, size, {
      list: 'archive',
      lang,
      title: ARCHIVE_TITLE[lang] ?? ARCHIVE_TITLE.en!,
      first: `${p}/archive/`,
      alternates: alt((q) => `${q}/archive/`, (l) => l.length > 0),
    }),
  );
  const locale = config.languages.find((l) => l.code === lang)?.locale ?? lang;
  const yearFmt = new Intl.DateTimeFormat(locale, { year: 'numeric', timeZone: 'UTC' });
  const monthFmt = new Intl.DateTimeFormat(locale, { year: 'numeric', month: 'long', timeZone: 'UTC' });
  for (const [year, items] of groupBy(articles, (a) => [Number(a.date.slice(0, 4))])) {
    pages.push(...paginate(items, size, { list: 'year', lang, year, title: yearFmt.format(Date.UTC(year, 6, 1)), first: `${p}/archive/${year}/` }));
    for (const [month, monthItems] of groupBy(items, (a) => [Number(a.date.slice(5, 7))])) {
      const mm = String(month).padStart(2, '0');
      pages.push(
        ...paginate(monthItems, size, { list: 'month', lang, year, month, title: monthFmt.format(Date.UTC(year, month - 1, 15)), first: `${p}/archive/${year}/${mm}/` }),
      );
    }
  }
  return pages;
}

/** One paginated page series per author with at least one published article (all languages). */
export function authorLists(config: SiteConfig, articles: ArticleView[], authors: Map<string, Author>): ListPage[] {
  const byAuthor = groupBy(articles, (a) => a.authors);
  const pages: ListPage[] = [];
  for (const [id, items] of [...byAuthor].sort(([a], [b]) => a.localeCompare(b))) {
    const author = authors.get(id);
    if (!author) continue;
    pages.push(
      ...paginate(items, config.pageSize, {
        list: 'author',
        lang: config.language,
        title: author.name,
        ...(author.role ? { description: author.role } : {}),
        author,
        first: `/authors/${id}/`,
      }),
    );
  }
  return pages;
}
