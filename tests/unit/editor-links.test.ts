import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkLinks, closestUrl } from '../../src/collections/links.js';
import { findRemovedUrls, isDerivedUrl, parsePreviousUrls } from '../../src/collections/removed-urls.js';
import { localIsoMinute } from '../../src/cli/commands/new.js';
import { slugFromHeadline } from '../../src/util/slug.js';
import { nextDue, upcomingEvents } from '../../src/cli/commands/scheduled.js';
import type { ArticleHtml } from '../../src/markdown/types.js';
import type { Site } from '../../src/collections/types.js';
import type { Article, SiteConfig } from '../../src/validate/types.js';

const config = {
  baseUrl: 'https://news.example',
  language: 'en',
  languages: [
    { code: 'en', name: 'English', locale: 'en', dir: 'ltr' },
    { code: 'ar', name: 'العربية', locale: 'ar', dir: 'rtl' },
  ],
  sections: [{ id: 'politics', title: { en: 'Politics' }, description: {} }],
} as unknown as SiteConfig;

function art(slug: string, extra: Partial<Article> = {}): Article {
  return {
    file: `content/articles/2025/05/${slug}/index.md`,
    bundleDir: `/site/content/articles/2025/05/${slug}`,
    slug,
    title: slug.replace(/-/g, ' '),
    url: `/politics/2025/05/${slug}/`,
    time: Date.UTC(2025, 4, 5),
    date: '2025-05-05T09:00:00+03:00',
    draft: false,
    ...extra,
  } as Article;
}

function html(links: string[], html = '', headings: string[] = []): ArticleHtml {
  return {
    html,
    text: '',
    wordCount: 1,
    readingMinutes: 1,
    headings: headings.map((id) => ({ depth: 2, id, text: id })),
    photos: [],
    links: links.map((url, i) => ({ url, position: { line: 10 + i, column: 1 } })),
    diagnostics: [],
  };
}

function siteOf(articles: Article[], extraUrls: string[] = []): Site {
  const pages = [...articles.map((a) => ({ kind: 'article', url: a.url })), ...extraUrls.map((url) => ({ kind: 'list', url }))];
  return { config, articles, pages, authors: new Map(), photos: new Map(), now: 0, preview: false } as unknown as Site;
}

test('checkLinks resolves relative, absolute and same-site full URLs, anchors and emitted files', () => {
  const a = art('budget-vote');
  const b = art('reaction');
  const result = checkLinks({
    site: siteOf([a, b], ['/politics/', '/tags/budget/']),
    articles: [a, b],
    pages: [],
    html: new Map([
      [a.file, html([], '<h2 id="reaction">Reaction</h2><sup><a id="fnref-1"></a></sup>', ['reaction'])],
      [
        b.file,
        html([
          '../budget-vote/',
          '../budget-vote/#reaction',
          '/politics/2025/05/budget-vote/#fnref-1',
          'https://news.example/politics/',
          '/tags/budget',
          '/feed.xml',
          '/css/site.css',
          '../budget-vot/',
          '#missing',
          'mailto:desk@news.example',
          'https://other.example/x',
        ]),
      ],
    ]),
    held: [],
    files: ['/css/site.css'],
  });
  assert.deepEqual(
    result.diagnostics.map((d) => [d.position?.line, d.ruleId]),
    [
      [17, 'link:broken'],
      [18, 'link:broken-anchor'],
    ],
  );
  assert.match(result.diagnostics[0]!.message, /Did you mean \/politics\/2025\/05\/budget-vote\/\?/);
  assert.deepEqual(result.external.map((e) => e.url), ['https://other.example/x']);
});

test('closestUrl finds the same slug under another date or section', () => {
  const urls = ['/politics/2025/05/budget-vote/', '/economy/2024/01/fuel-prices/'];
  assert.equal(closestUrl('/economy/2025/06/budget-vote/', urls), '/politics/2025/05/budget-vote/');
  assert.equal(closestUrl('/x/unrelated-thing/', urls), undefined);
});

test('removed URLs: derived pages are ignored, renamed articles point to their new home', () => {
  const renamed = art('parliament-passes-budget-vote');
  const other = art('fuel-prices-rise');
  const site = siteOf([renamed, other], ['/politics/', '/tags/budget/']);
  const previous = parsePreviousUrls(JSON.stringify({ urls: ['/politics/2025/05/budget-vote/', '/politics/2025/05/fuel-prices-rise/', '/tags/old-tag/', '/politics/page/3/', '/gone-page/'] }), config.baseUrl);
  const found = findRemovedUrls(previous, site, 'prev.json');
  assert.deepEqual(
    found.map((d) => d.file),
    [renamed.file, 'prev.json'],
  );
  assert.ok(isDerivedUrl('/ar/politics/page/2/', config));
  assert.ok(!isDerivedUrl('/ar/politics/2025/05/x/', config));
  assert.deepEqual(parsePreviousUrls('# comment\nhttps://news.example/a/\n\n/b/\n', config.baseUrl), [
    { url: '/a/', line: 2 },
    { url: '/b/', line: 4 },
  ]);
});

test('slugs and local dates for new articles', () => {
  assert.equal(slugFromHeadline('Jordan’s draft budget: leans on tax — revenue'), 'jordans-draft-budget-leans-on-tax-revenue');
  assert.match(slugFromHeadline('مقاتلو المعارضة يستعيدون قرى في حماة'), /^[a-z0-9]+(-[a-z0-9]+)+$/);
  assert.ok(slugFromHeadline('word '.repeat(40)).length <= 60);
  assert.equal(localIsoMinute(Date.parse('2026-11-25T06:14:59Z'), 'Asia/Amman'), '2026-11-25T09:14:00+03:00');
  assert.equal(localIsoMinute(Date.parse('2026-11-25T06:14:59Z'), 'UTC'), '2026-11-25T06:14:00+00:00');
  assert.equal(localIsoMinute(Date.parse('2026-07-01T12:00:00Z'), 'America/New_York'), '2026-07-01T08:00:00-04:00');
});

test('upcoming events: embargoes and expiries in order, drafts never due', () => {
  const now = Date.parse('2026-01-01T00:00:00Z');
  const events = upcomingEvents(
    [
      art('later', { time: Date.parse('2026-03-01T00:00:00Z') }),
      art('draft', { time: Date.parse('2026-01-02T00:00:00Z'), draft: true }),
      art('expiring', { time: Date.parse('2025-01-01T00:00:00Z'), expiresTime: Date.parse('2026-02-01T00:00:00Z') }),
      art('out', { time: Date.parse('2025-01-01T00:00:00Z') }),
    ],
    now,
  );
  assert.deepEqual(
    events.map((e) => [e.kind, e.article.slug]),
    [
      ['expire', 'expiring'],
      ['publish', 'later'],
      ['draft', 'draft'],
    ],
  );
  assert.equal(nextDue(events), Date.parse('2026-02-01T00:00:00Z'));
});
