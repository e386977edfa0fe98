import path from 'node:path';
import type { ArticleView, PageRecord, Site } from '../../../src/collections/types.js';
import type { PhotoFile, PhotoSet } from '../../../src/images/types.js';
import type { Author, SiteConfig } from '../../../src/validate/types.js';

/** Where fake article bundles "live"; photo sets are keyed under it. */
export const CONTENT = '/project/content';

/** A two-language site configuration (English default, Arabic) with two sections. */
export function fakeConfig(overrides: Partial<SiteConfig> = {}): SiteConfig {
  return {
    name: { en: 'Levant Ledger', ar: 'دفتر المشرق' },
    description: { en: 'News from the Levant', ar: 'أخبار المشرق' },
    baseUrl: 'https://news.example',
    language: 'en',
    languages: [
      { code: 'en', name: 'English', locale: 'en-GB', dir: 'ltr' },
      { code: 'ar', name: 'العربية', locale: 'ar', dir: 'rtl' },
    ],
    timezone: 'Asia/Amman',
    sections: [
      { id: 'politics', title: { en: 'Politics', ar: 'سياسة' }, description: { en: 'Politics news' } },
      { id: 'economy', title: { en: 'Economy', ar: 'اقتصاد' }, description: { en: 'Economy news' } },
    ],
    permalink: '/:section/:year/:month/:slug/',
    pageSize: 10,
    logo: { src: 'logo.png', alt: 'Levant Ledger' },
    social: { x: 'levantledger' },
    policies: { corrections: '/corrections-policy/', ethics: '/ethics/', masthead: '/about/masthead/', diversity: '/diversity/', ownership: '/ownership/' },
    wordsPerMinute: 220,
    leadPhotoMinWidth: 1200,
    expired: 'gone',
    tags: {},
    ...overrides,
  };
}

/** An author record. */
export function fakeAuthor(id = 'jane-doe', name = 'Jane Doe'): Author {
  return { id, file: `content/authors/${id}.yaml`, name, names: {}, role: 'Senior correspondent' };
}

const file = (url: string, width: number, height: number): PhotoFile => ({ url, width, height, bytes: width * 50, type: 'image/jpeg' });

/** A photo set with JPEG widths 400/800/1200/1600, a share card and the three crops. */
export function fakePhotoSet(source: string, hash = 'abcdef123456'): PhotoSet {
  const jpeg = [400, 800, 1200, 1600].map((w) => file(`/media/${hash}-${w}.jpg`, w, Math.round((w * 2) / 3)));
  return {
    source,
    hash,
    width: 1600,
    height: 1067,
    avif: [],
    webp: [],
    jpeg,
    placeholder: 'data:image/webp;base64,AAAA',
    color: '#336699',
    share: file(`/media/${hash}-share.jpg`, 1200, 630),
    crops: { '16x9': file(`/media/${hash}-16x9.jpg`, 1200, 675), '4x3': file(`/media/${hash}-4x3.jpg`, 1200, 900), '1x1': file(`/media/${hash}-1x1.jpg`, 1200, 1200) },
    leaks: [],
  };
}

const politics = fakeConfig().sections[0]!;

/** A published article view; `slug`, `date` and `section` drive the URL unless `url` is given. */
export function fakeArticle(overrides: Partial<ArticleView> = {}): ArticleView {
  const slug = overrides.slug ?? 'budget-vote';
  const date = overrides.date ?? '2025-05-05T09:00:00+03:00';
  const lang = overrides.lang ?? 'en';
  const section = overrides.sectionInfo ?? politics;
  const [year, month] = date.slice(0, 7).split('-');
  const url = overrides.url ?? `${lang === 'en' ? '' : `/${lang}`}/${section.id}/${year}/${month}/${slug}/`;
  const time = Date.parse(date);
  const modified = overrides.modified ?? date;
  return {
    file: `content/articles/${year}/${month}/${slug}/index.md`,
    bundleDir: path.join(CONTENT, 'articles', year!, month!, slug),
    slug,
    title: 'Parliament passes the budget',
    summary: 'Deputies approved the 2025 budget after a night session.',
    date,
    time,
    authors: ['jane-doe'],
    section: section.id,
    tags: ['budget', 'parliament'],
    type: 'report',
    lang,
    dir: lang === 'ar' ? 'rtl' : 'ltr',
    draft: false,
    corrections: [],
    redirectFrom: [],
    body: '',
    bodyLine: 5,
    hash: 'h',
    content: { html: '<p>Deputies <a href="/economy/">voted</a>.</p>', text: 'Deputies voted.', wordCount: 420, readingMinutes: 2, headings: [], photos: [], links: [], diagnostics: [] },
    authorList: [fakeAuthor()],
    sectionInfo: section,
    translations: [],
    modifiedTime: Date.parse(modified),
    modified,
    guid: `tag:news.example,${date.slice(0, 10)}:${url}`,
    ...overrides,
    url,
  };
}

/** The pages collections would make for these articles: articles, homes, a section list, a 404. */
export function pagesFor(config: SiteConfig, articles: ArticleView[]): PageRecord[] {
  const pages: PageRecord[] = [];
  for (const { code: lang } of config.languages) {
    const prefix = lang === config.language ? '' : `/${lang}`;
    const mine = articles.filter((a) => a.lang === lang);
    const others = config.languages.filter((l) => l.code !== lang).map((l) => ({ lang: l.code, url: `${l.code === config.language ? '' : `/${l.code}`}/` }));
    pages.push({ kind: 'home', url: `${prefix}/`, lang, alternates: others, latest: mine, blocks: [] });
    for (const section of config.sections) {
      const items = mine.filter((a) => a.section === section.id);
      pages.push({ kind: 'list', list: 'section', url: `${prefix}/${section.id}/`, lang, alternates: [], title: section.title[lang] ?? section.id, items, section, pagination: { first: `${prefix}/${section.id}/` } });
    }
  }
  for (const article of articles) {
    pages.push({ kind: 'article', url: article.url, lang: article.lang, alternates: article.translations.map((t) => ({ lang: t.lang, url: t.url })), article, related: [] });
    for (const from of article.redirectFrom) pages.push({ kind: 'redirect', url: from, lang: article.lang, alternates: [], to: article.url });
  }
  pages.push({ kind: 'not-found', url: '/404.html', lang: config.language, alternates: [] });
  return pages;
}

/** A whole Site from articles (newest first is enforced), with pages made by `pagesFor` unless given. */
export function fakeSite(articles: ArticleView[], overrides: Partial<Site> = {}): Site {
  const config = overrides.config ?? fakeConfig();
  const sorted = [...articles].sort((a, b) => b.time - a.time);
  const photos = new Map<string, PhotoSet>();
  for (const a of sorted) if (a.lead) photos.set(a.lead.source, a.lead);
  return {
    config,
    articles: sorted,
    authors: new Map([['jane-doe', fakeAuthor()]]),
    pages: pagesFor(config, sorted),
    photos,
    now: Date.parse('2025-05-06T12:00:00+03:00'),
    preview: false,
    ...overrides,
  };
}
