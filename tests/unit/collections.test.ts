import { test } from 'node:test';
import assert from 'node:assert/strict';
import { collectSite } from '../../src/collections/index.js';
import type { Article, Author, SiteConfig } from '../../src/validate/types.js';
import type { ListPage } from '../../src/collections/types.js';

const config: SiteConfig = {
  name: { en: 'Ledger' },
  description: {},
  baseUrl: 'https://ledger.example',
  language: 'en',
  languages: [
    { code: 'en', name: 'English', locale: 'en-GB', dir: 'ltr' },
    { code: 'ar', name: 'العربية', locale: 'ar', dir: 'rtl' },
  ],
  timezone: 'UTC',
  sections: [
    { id: 'news', title: { en: 'News', ar: 'أخبار' }, description: {} },
    { id: 'arts', title: { en: 'Arts' }, description: {} },
  ],
  permalink: '/:section/:year/:month/:slug/',
  pageSize: 3,
  social: {},
  policies: {},
  wordsPerMinute: 200,
  leadPhotoMinWidth: 800,
  expired: 'gone',
  tags: {},
};

function make(i: number, extra: Partial<Article> = {}): Article {
  const month = String((i % 12) + 1).padStart(2, '0');
  const date = `2024-${month}-10T10:00:00+00:00`;
  const section = i % 3 === 0 ? 'arts' : 'news';
  return {
    file: `content/articles/2024/${month}/story-${i}/index.md`,
    bundleDir: `/x/story-${i}`,
    slug: `story-${i}`,
    title: `Story ${i}`,
    summary: 'S',
    date,
    time: Date.parse(date) + i,
    authors: ['jo'],
    section,
    tags: i % 2 ? ['odd'] : ['even'],
    type: 'report',
    lang: 'en',
    dir: 'ltr',
    draft: false,
    corrections: [],
    redirectFrom: [],
    body: 'x',
    bodyLine: 5,
    url: `/${section}/2024/${month}/story-${i}/`,
    hash: String(i),
    ...extra,
  };
}

const authors = new Map<string, Author>([['jo', { id: 'jo', file: 'content/authors/jo.yaml', name: 'Jo', names: {} }]]);

function site(articles: Article[], expired: Article[] = []) {
  return collectSite({ config, authors, published: [...articles].sort((a, b) => b.time - a.time), expired, pages: [], html: new Map(), photos: new Map(), now: Date.now(), preview: false });
}

test('every list series covers each article: a front page with the newest, numbered pages of pageSize counted from the oldest', () => {
  const articles = Array.from({ length: 20 }, (_, i) => make(i));
  const s = site(articles);
  const lists = s.pages.filter((p): p is ListPage => p.kind === 'list');
  const series = new Map<string, ListPage[]>();
  for (const l of lists) series.set(l.pagination.first, [...(series.get(l.pagination.first) ?? []), l]);
  const archive = series.get('/archive/')!;
  // 20 stories in pages of 3: the front page (newest 3) and 6 full chunks; the 2 newest are only on the front page.
  assert.deepEqual(archive.map((p) => p.url), ['/archive/', ...[6, 5, 4, 3, 2, 1].map((k) => `/archive/page/${k}/`)]);
  const newestFirst = [...s.articles].filter((a) => a.lang === 'en').map((a) => a.url);
  assert.deepEqual(archive[0]!.items.map((a) => a.url), newestFirst.slice(0, 3));
  assert.deepEqual(archive.find((p) => p.url === '/archive/page/1/')!.items.map((a) => a.url), newestFirst.slice(17, 20));
  assert.deepEqual(archive.find((p) => p.url === '/archive/page/6/')!.items.map((a) => a.url), newestFirst.slice(2, 5));
  assert.deepEqual(archive[0]!.pagination, { first: '/archive/', older: '/archive/page/6/' });
  assert.deepEqual(archive.find((p) => p.url === '/archive/page/6/')!.pagination, { page: 6, first: '/archive/', newer: '/archive/', older: '/archive/page/5/' });
  assert.deepEqual(archive.find((p) => p.url === '/archive/page/2/')!.pagination, { page: 2, first: '/archive/', newer: '/archive/page/3/', older: '/archive/page/1/' });
  assert.deepEqual(archive.find((p) => p.url === '/archive/page/1/')!.pagination, { page: 1, first: '/archive/', newer: '/archive/page/2/' });
  for (const [, pages] of series) {
    const all = new Set(pages.flatMap((p) => p.items.map((a) => a.url)));
    const numbered = pages.filter((p) => p.pagination.page !== undefined).flatMap((p) => p.items.map((a) => a.url));
    assert.ok(pages.every((p) => p.items.length <= 3));
    assert.ok(pages.filter((p) => p.pagination.page !== undefined).every((p) => p.items.length === 3), 'numbered pages are full');
    assert.equal(new Set(numbered).size, numbered.length, 'numbered pages do not overlap');
    assert.equal(numbered.length, 3 * Math.floor((all.size - 1) / 3), 'every full chunk behind the front page has its page');
    assert.equal(pages[0]!.url, pages[0]!.pagination.first);
  }
  const inSection = (first: string) => new Set(series.get(first)!.flatMap((p) => p.items.map((a) => a.url))).size;
  assert.equal(inSection('/news/') + inSection('/arts/'), 20);
  assert.ok(series.has('/archive/2024/'));
  assert.ok(series.has('/archive/2024/01/'));
  assert.ok(series.has('/tags/odd/'));
  assert.ok(series.has('/authors/jo/'));
});

test('translations link both ways and language pages get their own URLs', () => {
  const en = make(1);
  const ar = make(2, { lang: 'ar', dir: 'rtl', slug: 'story-1-ar', translationOf: 'story-1', url: '/ar/news/2024/02/story-1-ar/' });
  const s = site([en, ar]);
  const enView = s.articles.find((a) => a.slug === 'story-1')!;
  const arView = s.articles.find((a) => a.slug === 'story-1-ar')!;
  assert.deepEqual(enView.translations.map((t) => t.url), [ar.url]);
  assert.deepEqual(arView.translations.map((t) => t.url), [en.url]);
  const urls = s.pages.map((p) => p.url);
  assert.ok(urls.includes('/ar/'));
  assert.ok(urls.includes('/ar/news/'));
  const home = s.pages.find((p) => p.url === '/')!;
  assert.deepEqual(home.alternates, [{ lang: 'ar', url: '/ar/' }]);
});

test('guid survives a slug change recorded in redirectFrom', () => {
  const before = site([make(1)]).articles[0]!;
  const after = site([make(1, { slug: 'renamed', url: '/news/2024/02/renamed/', redirectFrom: ['/news/2024/02/story-1/'] })]).articles[0]!;
  assert.equal(before.guid, after.guid);
  assert.match(before.guid, /^tag:ledger\.example,2024-02-10:/);
});

test('redirects and expired articles become pages', () => {
  const s = site([make(1, { redirectFrom: ['/old/'] })], [make(4)]);
  assert.deepEqual(
    s.pages.filter((p) => p.kind === 'redirect').map((p) => [p.url, p.kind === 'redirect' && p.to]),
    [['/old/', '/news/2024/02/story-1/']],
  );
  assert.ok(s.pages.some((p) => p.kind === 'gone' && p.url === make(4).url));
  assert.ok(!s.articles.some((a) => a.slug === 'story-4'));
});

test('"more from the section" shows the stories published just before, so a new story changes no other article page', () => {
  const stories = Array.from({ length: 8 }, (_, i) => make(i, { section: 'news', url: `/news/2024/x/story-${i}/` }));
  const related = (s: ReturnType<typeof site>) =>
    new Map(s.pages.flatMap((p) => (p.kind === 'article' ? [[p.article.slug, p.related.map((a) => a.slug)] as const] : [])));
  const before = related(site(stories));
  assert.deepEqual(before.get('story-6'), ['story-5', 'story-4', 'story-3', 'story-2']);
  // Too few older stories: topped up with the nearest newer ones.
  assert.deepEqual(before.get('story-1'), ['story-4', 'story-3', 'story-2', 'story-0']);
  assert.deepEqual(before.get('story-0'), ['story-4', 'story-3', 'story-2', 'story-1']);
  const after = related(site([...stories, make(8, { section: 'news', url: '/news/2024/x/story-8/' })]));
  assert.deepEqual(after.get('story-8'), ['story-7', 'story-6', 'story-5', 'story-4']);
  for (const [slug, list] of before) assert.deepEqual(after.get(slug), list, slug);
});
