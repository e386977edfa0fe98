import { test } from 'node:test';
import assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { emitFiles, fileContents } from '../../src/emit/index.js';
import { buildSitemaps } from '../../src/emit/formats/sitemap.js';
import { buildNewsSitemap } from '../../src/emit/formats/news-sitemap.js';
import { fakeArticle, fakeSite } from './helpers/fake-site.js';

const xml = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@', isArray: (name) => ['url', 'sitemap', 'xhtml:link'].includes(name) });
type Url = { loc: string; lastmod?: string; 'xhtml:link'?: { '@hreflang': string; '@href': string }[]; 'news:news'?: Record<string, unknown> };

function translatedSite() {
  const en = fakeArticle({ slug: 'budget-vote', modified: '2025-05-06T08:15:00+03:00', translations: [{ lang: 'ar', url: '/ar/politics/2025/05/budget-vote-ar/', title: 'الموازنة' }] });
  const ar = fakeArticle({ slug: 'budget-vote-ar', lang: 'ar', translations: [{ lang: 'en', url: en.url, title: en.title }], redirectFrom: ['/ar/old-budget/'] });
  const site = fakeSite([en, ar]);
  site.pages.push({ kind: 'gone', url: '/politics/2020/01/withdrawn/', lang: 'en', alternates: [], title: 'Withdrawn', section: en.sectionInfo });
  return site;
}

test('sitemap.xml lists every real page, absolute, with lastmod and reciprocal hreflang plus x-default', () => {
  const [file, ...rest] = buildSitemaps(translatedSite());
  assert.equal(rest.length, 0);
  assert.equal(file!.path, 'sitemap.xml');
  const text = String(fileContents(file!));
  assert.equal(XMLValidator.validate(text), true);
  const doc = xml.parse(text) as { urlset: { '@xmlns': string; '@xmlns:xhtml': string; url: Url[] } };
  assert.equal(doc.urlset['@xmlns'], 'http://www.sitemaps.org/schemas/sitemap/0.9');
  assert.equal(doc.urlset['@xmlns:xhtml'], 'http://www.w3.org/1999/xhtml');
  const locs = doc.urlset.url.map((u) => u.loc);
  assert.ok(locs.every((l) => l.startsWith('https://news.example/')));
  for (const expected of ['https://news.example/', 'https://news.example/ar/', 'https://news.example/politics/', 'https://news.example/politics/2025/05/budget-vote/', 'https://news.example/ar/politics/2025/05/budget-vote-ar/']) assert.ok(locs.includes(expected), expected);
  assert.ok(!locs.some((l) => /404|withdrawn|old-budget/.test(l)), 'no 404, gone or redirect pages');
  const en = doc.urlset.url.find((u) => u.loc.endsWith('/budget-vote/'))!;
  const ar = doc.urlset.url.find((u) => u.loc.endsWith('/budget-vote-ar/'))!;
  assert.equal(en.lastmod, '2025-05-06T08:15:00+03:00');
  const pairs = (u: Url) => Object.fromEntries(u['xhtml:link']!.map((l) => [l['@hreflang'], l['@href']]));
  assert.deepEqual(pairs(en), { en: en.loc, ar: ar.loc, 'x-default': en.loc });
  assert.deepEqual(pairs(ar), { ar: ar.loc, en: en.loc, 'x-default': en.loc });
  const home = doc.urlset.url.find((u) => u.loc === 'https://news.example/')!;
  assert.equal(home.lastmod, '2025-05-06T08:15:00+03:00', 'a list page changes with its newest story');
});

test('past the limit, sitemap.xml becomes an index over sitemap-1.xml, sitemap-2.xml…', () => {
  const site = fakeSite(Array.from({ length: 7 }, (_, i) => fakeArticle({ slug: `s-${i}` })));
  const listed = site.pages.filter((p) => p.kind !== 'not-found').length;
  const files = buildSitemaps(site, 3);
  assert.deepEqual(files.map((f) => f.path), ['sitemap.xml', ...Array.from({ length: Math.ceil(listed / 3) }, (_, i) => `sitemap-${i + 1}.xml`)]);
  const index = xml.parse(String(fileContents(files[0]!))) as { sitemapindex: { sitemap: { loc: string }[] } };
  assert.deepEqual(index.sitemapindex.sitemap.map((s) => s.loc), files.slice(1).map((f) => `https://news.example/${f.path}`));
  let total = 0;
  for (const f of files) assert.equal(XMLValidator.validate(String(fileContents(f))), true, f.path);
  for (const f of files.slice(1)) {
    const n = (xml.parse(String(fileContents(f))) as { urlset: { url: Url[] } }).urlset.url.length;
    assert.ok(n <= 3);
    total += n;
  }
  assert.equal(total, listed);
  assert.equal(buildSitemaps(site, listed).length, 1, 'exactly at the limit: one file');
});

test('news-sitemap.xml holds the 48 hours before site.now, newest first, at most 1,000, in Google News format', () => {
  const now = Date.parse('2025-05-10T12:00:00Z');
  const hour = 3600 * 1000;
  const at = (ms: number) => new Date(ms).toISOString().replace('.000Z', '+00:00');
  const articles = [
    fakeArticle({ slug: 'fresh', date: at(now - hour) }),
    fakeArticle({ slug: 'edge', date: at(now - 48 * hour) }),
    fakeArticle({ slug: 'stale', date: at(now - 48 * hour - 1000) }),
    fakeArticle({ slug: 'arabic', lang: 'ar', title: 'عنوان', date: '2025-05-10T13:00:00+03:00' }),
  ];
  const file = buildNewsSitemap(fakeSite(articles, { now }));
  const text = String(file.contents);
  assert.equal(file.path, 'news-sitemap.xml');
  assert.equal(XMLValidator.validate(text), true);
  const doc = xml.parse(text) as { urlset: { '@xmlns:news': string; url: Url[] } };
  assert.equal(doc.urlset['@xmlns:news'], 'http://www.google.com/schemas/sitemap-news/0.9');
  assert.deepEqual(doc.urlset.url.map((u) => u.loc.split('/').at(-2)), ['fresh', 'arabic', 'edge']);
  const news = doc.urlset.url[1]!['news:news']! as { 'news:publication': Record<string, string>; 'news:publication_date': string; 'news:title': string };
  assert.deepEqual(news['news:publication'], { 'news:name': 'دفتر المشرق', 'news:language': 'ar' });
  assert.equal(news['news:publication_date'], '2025-05-10T13:00:00+03:00');
  assert.equal(news['news:title'], 'عنوان');

  const many = Array.from({ length: 1100 }, (_, i) => fakeArticle({ slug: `n-${i}`, date: at(now - i * 60_000) }));
  const big = xml.parse(String(buildNewsSitemap(fakeSite(many, { now, pages: [] })).contents)) as { urlset: { url: Url[] } };
  assert.equal(big.urlset.url.length, 1000);
  assert.match(big.urlset.url[0]!.loc, /\/n-0\/$/);
  const empty = String(buildNewsSitemap(fakeSite([], { now })).contents);
  assert.equal(XMLValidator.validate(empty), true);
  assert.doesNotMatch(empty, /<url>/);
});

test('emit writes only what site.articles and site.pages hold, and leaves unchanged files alone', async () => {
  const published = fakeArticle({ slug: 'published' });
  const draft = fakeArticle({ slug: 'secret-draft', draft: true, date: '2025-05-06T09:00:00+03:00' });
  const embargoed = fakeArticle({ slug: 'embargoed-story', date: '2025-06-01T09:00:00+03:00' });
  // Collections keep drafts and embargoed stories out of the Site; the author still knows them.
  const site = fakeSite([published]);
  site.authors.set('x', { id: 'x', file: 'x.yaml', name: 'X', names: {} });
  void draft;
  void embargoed;
  const out = await fs.mkdtemp(path.join(os.tmpdir(), 'dateline-emit-'));
  try {
    const first = await emitFiles(site, out);
    assert.ok(first.files.includes('feed.xml') && first.files.includes('politics/feed.json') && first.files.includes('news-sitemap.xml'));
    assert.equal(first.counts.feeds, first.files.filter((f) => /(feed|atom)\.(xml|json)$/.test(f)).length);
    assert.equal(first.counts.sitemaps, 2);
    for (const f of first.files) {
      const text = await fs.readFile(path.join(out, f), 'utf8');
      assert.doesNotMatch(text, /secret-draft|embargoed-story/, f);
    }
    const stat = await fs.stat(path.join(out, 'feed.xml'));
    await new Promise((r) => setTimeout(r, 20));
    await emitFiles(site, out);
    assert.equal((await fs.stat(path.join(out, 'feed.xml'))).mtimeMs, stat.mtimeMs, 'identical bytes are not rewritten');
    const only = await emitFiles(site, out, { only: ['robots'] });
    assert.deepEqual(only.files, ['robots.txt']);
  } finally {
    await fs.rm(out, { recursive: true, force: true });
  }
});
