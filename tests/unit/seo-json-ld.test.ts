import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import type { ArticlePage, PageRecord, Site } from '../../src/collections/types.js';
import type { ArticleType } from '../../src/validate/types.js';
import { headMetaFor } from '../../src/render/seo/index.js';
import { CONTENT, fakeArticle, fakeAuthor, fakePhotoSet, fakeSite } from './helpers/fake-site.js';

type Json = Record<string, unknown>;
const roundTrip = (o: object) => JSON.parse(JSON.stringify(o)) as Json;
const ldOf = (page: PageRecord, s: Site) => headMetaFor(page, s).jsonLd.map(roundTrip);

function siteWith(type: ArticleType, extra: Parameters<typeof fakeArticle>[0] = {}) {
  const a = fakeArticle({ type, dateline: 'AMMAN', modified: '2025-05-06T08:15:00+03:00', ...extra });
  const lead = fakePhotoSet(path.join(a.bundleDir, 'lead.jpg'));
  const s = fakeSite([{ ...a, lead }], { logo: fakePhotoSet(path.join(CONTENT, 'logo.png'), 'logo00000000') });
  return { s, page: s.pages.find((p) => p.kind === 'article') as ArticlePage };
}

const EXPECTED: Record<ArticleType, string> = {
  report: 'ReportageNewsArticle',
  analysis: 'AnalysisNewsArticle',
  opinion: 'OpinionNewsArticle',
  explainer: 'BackgroundNewsArticle',
  review: 'ReviewNewsArticle',
  background: 'BackgroundNewsArticle',
  interview: 'NewsArticle',
};

test('every article type gives its NewsArticle subtype with the required properties', () => {
  for (const [type, schemaType] of Object.entries(EXPECTED) as [ArticleType, string][]) {
    const { s, page } = siteWith(type);
    const [article, crumbs] = ldOf(page, s);
    assert.equal(article!['@context'], 'https://schema.org');
    assert.equal(article!['@type'], schemaType, type);
    for (const key of ['headline', 'description', 'datePublished', 'dateModified', 'author', 'publisher', 'articleSection', 'keywords', 'inLanguage', 'wordCount', 'image', 'mainEntityOfPage', 'isPartOf', 'dateline']) assert.ok(article![key] !== undefined, `${type}: ${key}`);
    assert.equal(article!.datePublished, '2025-05-05T09:00:00+03:00');
    assert.equal(article!.dateModified, '2025-05-06T08:15:00+03:00');
    assert.deepEqual(article!.image, ['https://news.example/media/abcdef123456-16x9.jpg', 'https://news.example/media/abcdef123456-4x3.jpg', 'https://news.example/media/abcdef123456-1x1.jpg']);
    assert.deepEqual(article!.author, [{ '@type': 'Person', name: 'Jane Doe', url: 'https://news.example/authors/jane-doe/', jobTitle: 'Senior correspondent' }]);
    assert.equal(crumbs!['@type'], 'BreadcrumbList');
    assert.deepEqual((crumbs!.itemListElement as Json[]).map((i) => i.item), ['https://news.example/', 'https://news.example/politics/', 'https://news.example/politics/2025/05/budget-vote/']);
  }
});

test('the publisher is a NewsMediaOrganization with logo and policy URLs; a free-text byline credits it', () => {
  const { s, page } = siteWith('report', {
    authorList: [],
    byline: 'Staff',
    corrections: [{ date: '2025-05-06T08:15:00+03:00', time: 0, text: 'The vote count was 71, not 17.' }],
  });
  const [article] = ldOf(page, s);
  const publisher = article!.publisher as Json;
  assert.equal(publisher['@type'], 'NewsMediaOrganization');
  assert.equal(publisher.name, 'Levant Ledger');
  assert.equal(publisher.url, 'https://news.example/');
  assert.equal((publisher.logo as Json)['@type'], 'ImageObject');
  assert.equal((publisher.logo as Json).url, 'https://news.example/media/logo00000000-400.jpg');
  assert.equal(publisher.correctionsPolicy, 'https://news.example/corrections-policy/');
  assert.equal(publisher.ethicsPolicy, 'https://news.example/ethics/');
  assert.equal(publisher.masthead, 'https://news.example/about/masthead/');
  assert.equal(publisher.diversityPolicy, 'https://news.example/diversity/');
  assert.equal(publisher.ownershipFundingInfo, 'https://news.example/ownership/');
  assert.equal(((article!.author as Json[])[0]!)['@type'], 'NewsMediaOrganization');
  assert.deepEqual(article!.correction, [{ '@type': 'CorrectionComment', text: 'The vote count was 71, not 17.', datePublished: '2025-05-06T08:15:00+03:00' }]);
  assert.equal((article!.isPartOf as Json)['@type'], 'WebSite');
  assert.deepEqual(article!.mainEntityOfPage, { '@type': 'WebPage', '@id': 'https://news.example/politics/2025/05/budget-vote/' });
});

test('home is a WebSite with a SearchAction; author pages a ProfilePage about a Person; lists CollectionPage; static pages WebPage', () => {
  const { s } = siteWith('report');
  s.pages.push(
    { kind: 'search', url: '/search/', lang: 'en', alternates: [] },
    { kind: 'search', url: '/ar/search/', lang: 'ar', alternates: [] },
    { kind: 'list', list: 'author', url: '/authors/jane-doe/', lang: 'en', alternates: [], title: 'Jane Doe', items: [], author: fakeAuthor(), pagination: { first: '/authors/jane-doe/' } },
    { kind: 'list', list: 'tag', url: '/tags/budget/', lang: 'en', alternates: [], title: 'budget', items: [], tag: 'budget', pagination: { first: '/tags/budget/' } },
    { kind: 'page', url: '/about/', lang: 'en', alternates: [], html: '<p>About</p>', page: { title: 'About us' } as never },
  );
  const [website] = ldOf(s.pages.find((p) => p.kind === 'home' && p.lang === 'en')!, s);
  assert.equal(website!['@type'], 'WebSite');
  const action = website!.potentialAction as Json;
  assert.equal(action['@type'], 'SearchAction');
  assert.equal((action.target as Json).urlTemplate, 'https://news.example/search/?q={search_term_string}');
  assert.equal(action['query-input'], 'required name=search_term_string');
  const [arHome] = ldOf(s.pages.find((p) => p.kind === 'home' && p.lang === 'ar')!, s);
  assert.equal(((arHome!.potentialAction as Json).target as Json).urlTemplate, 'https://news.example/ar/search/?q={search_term_string}');
  const [profile] = ldOf(s.pages.find((p) => p.url === '/authors/jane-doe/')!, s);
  assert.equal(profile!['@type'], 'ProfilePage');
  assert.deepEqual([(profile!.mainEntity as Json)['@type'], (profile!.mainEntity as Json).name, (profile!.mainEntity as Json).jobTitle], ['Person', 'Jane Doe', 'Senior correspondent']);
  for (const url of ['/politics/', '/tags/budget/']) assert.equal(ldOf(s.pages.find((p) => p.url === url)!, s)[0]!['@type'], 'CollectionPage', url);
  assert.equal(ldOf(s.pages.find((p) => p.url === '/about/')!, s)[0]!['@type'], 'WebPage');
  assert.deepEqual(ldOf(s.pages.find((p) => p.kind === 'not-found')!, s), []);
});
