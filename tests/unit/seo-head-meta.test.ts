import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import type { ArticlePage, PageRecord, Site } from '../../src/collections/types.js';
import { headMetaFor } from '../../src/render/seo/index.js';
import { CONTENT, fakeArticle, fakeAuthor, fakePhotoSet, fakeSite } from './helpers/fake-site.js';

function site(): Site {
  const en = fakeArticle({
    slug: 'budget-vote',
    type: 'analysis',
    dateline: 'AMMAN',
    modified: '2025-05-06T08:15:00+03:00',
    translations: [{ lang: 'ar', url: '/ar/politics/2025/05/budget-vote-ar/', title: 'الموازنة' }],
    corrections: [{ date: '2025-05-06T08:15:00+03:00', time: Date.parse('2025-05-06T08:15:00+03:00'), text: 'An earlier version misstated the vote count.' }],
  });
  const lead = fakePhotoSet(path.join(en.bundleDir, 'lead.jpg'));
  const withLead = { ...en, lead, image: { path: lead.source, src: 'lead.jpg', alt: 'Deputies vote', line: 8 } };
  const ar = fakeArticle({ slug: 'budget-vote-ar', lang: 'ar', translations: [{ lang: 'en', url: en.url, title: en.title }] });
  const staff = fakeArticle({ slug: 'staff-report', authorList: [], byline: 'Staff', type: 'interview', date: '2025-05-04T09:00:00+03:00' });
  const s = fakeSite([withLead, ar, staff], { logo: fakePhotoSet(path.join(CONTENT, 'logo.png'), 'logo00000000') });
  s.pages.push(
    { kind: 'list', list: 'section', url: '/politics/page/2/', lang: 'en', alternates: [], title: 'Politics', items: [withLead, staff], section: en.sectionInfo, pagination: { page: 2, first: '/politics/', newer: '/politics/page/3/', older: '/politics/page/1/' } },
    { kind: 'list', list: 'author', url: '/authors/jane-doe/', lang: 'en', alternates: [], title: 'Jane Doe', items: [], author: { ...fakeAuthor(), bio: 'Covers parliament.' }, pagination: { first: '/authors/jane-doe/' } },
    { kind: 'search', url: '/search/', lang: 'en', alternates: [] },
    { kind: 'gone', url: '/politics/2020/01/withdrawn/', lang: 'en', alternates: [], title: 'Withdrawn', section: en.sectionInfo },
  );
  return s;
}

const find = (s: Site, pred: (p: PageRecord) => boolean) => s.pages.find(pred)!;
const articlePage = (s: Site, slug: string) => find(s, (p) => p.kind === 'article' && p.article.slug === slug) as ArticlePage;
const prop = (pairs: [string, string][], key: string) => pairs.filter(([k]) => k === key).map(([, v]) => v);

test('an article page has canonical, robots, Open Graph, article:* and Twitter tags', () => {
  const s = site();
  const meta = headMetaFor(articlePage(s, 'budget-vote'), s);
  assert.equal(meta.canonical, 'https://news.example/politics/2025/05/budget-vote/');
  assert.equal(meta.description, 'Deputies approved the 2025 budget after a night session.');
  assert.deepEqual(prop(meta.names, 'robots'), ['index, follow, max-image-preview:large']);
  assert.deepEqual(prop(meta.names, 'twitter:card'), ['summary_large_image']);
  assert.deepEqual(prop(meta.names, 'twitter:site'), ['@levantledger']);
  const p = meta.properties;
  assert.deepEqual(prop(p, 'og:type'), ['article']);
  assert.deepEqual(prop(p, 'og:url'), [meta.canonical]);
  assert.deepEqual(prop(p, 'og:site_name'), ['Levant Ledger']);
  assert.deepEqual(prop(p, 'og:image'), ['https://news.example/media/abcdef123456-share.jpg']);
  assert.deepEqual([prop(p, 'og:image:width'), prop(p, 'og:image:height'), prop(p, 'og:image:alt')], [['1200'], ['630'], ['Deputies vote']]);
  assert.deepEqual(prop(p, 'og:locale'), ['en_GB']);
  assert.deepEqual(prop(p, 'og:locale:alternate'), ['ar']);
  assert.deepEqual(prop(p, 'article:published_time'), ['2025-05-05T09:00:00+03:00']);
  assert.deepEqual(prop(p, 'article:modified_time'), ['2025-05-06T08:15:00+03:00']);
  assert.deepEqual(prop(p, 'article:section'), ['Politics']);
  assert.deepEqual(prop(p, 'article:tag'), ['budget', 'parliament']);
  assert.deepEqual(prop(p, 'article:author'), ['https://news.example/authors/jane-doe/']);
});

test('hreflang alternates are reciprocal between translations, with x-default on the default language', () => {
  const s = site();
  const en = headMetaFor(articlePage(s, 'budget-vote'), s);
  const ar = headMetaFor(articlePage(s, 'budget-vote-ar'), s);
  const map = (m: typeof en) => Object.fromEntries(m.alternates.map((a) => [a.hreflang, a.href]));
  assert.deepEqual(map(en), { en: en.canonical, ar: ar.canonical, 'x-default': en.canonical });
  assert.deepEqual(map(ar), map(en));
  assert.deepEqual(headMetaFor(articlePage(s, 'staff-report'), s).alternates, [], 'no translation, no hreflang');
  const home = headMetaFor(find(s, (p) => p.kind === 'home' && p.lang === 'ar'), s);
  assert.deepEqual(map(home), { ar: 'https://news.example/ar/', en: 'https://news.example/', 'x-default': 'https://news.example/' });
});

test('feed discovery: site-wide feeds everywhere, the section feeds on articles and section pages', () => {
  const s = site();
  const article = headMetaFor(articlePage(s, 'budget-vote'), s).feeds;
  assert.deepEqual(article.map((f) => [f.type, f.href]), [
    ['application/rss+xml', 'https://news.example/feed.xml'],
    ['application/atom+xml', 'https://news.example/atom.xml'],
    ['application/feed+json', 'https://news.example/feed.json'],
    ['application/rss+xml', 'https://news.example/politics/feed.xml'],
    ['application/atom+xml', 'https://news.example/politics/atom.xml'],
    ['application/feed+json', 'https://news.example/politics/feed.json'],
  ]);
  assert.deepEqual(headMetaFor(articlePage(s, 'budget-vote-ar'), s).feeds.map((f) => f.href).slice(0, 1), ['https://news.example/ar/feed.xml']);
  assert.equal(headMetaFor(find(s, (p) => p.kind === 'home' && p.lang === 'en'), s).feeds.length, 3);
  assert.equal(headMetaFor(find(s, (p) => p.kind === 'list' && p.url === '/politics/'), s).feeds.length, 6);
});

test('list pages are websites with prev (newer) / next (older), numbered pages titled by their dates; 404, gone and redirect pages are noindex', () => {
  const s = site();
  const list = headMetaFor(find(s, (p) => p.url === '/politics/page/2/'), s);
  assert.deepEqual(prop(list.properties, 'og:type'), ['website']);
  assert.equal(list.prev, '/politics/page/3/');
  assert.equal(list.next, '/politics/page/1/');
  // No page count in the title (it would change every numbered page as the list grows): the dates the page covers.
  assert.equal(list.title, 'Politics (4\u2009–\u20095 May 2025) | Levant Ledger');
  assert.equal(headMetaFor(find(s, (p) => p.url === '/politics/'), s).title, 'Politics | Levant Ledger');
  for (const kind of ['not-found', 'gone'] as const) {
    const meta = headMetaFor(find(s, (p) => p.kind === kind), s);
    assert.match(prop(meta.names, 'robots')[0]!, /noindex/, kind);
  }
  const redirect = headMetaFor({ kind: 'redirect', url: '/old/', lang: 'en', alternates: [], to: '/politics/2025/05/budget-vote/' }, s);
  assert.match(prop(redirect.names, 'robots')[0]!, /noindex/);
  assert.equal(redirect.canonical, 'https://news.example/politics/2025/05/budget-vote/');
});
