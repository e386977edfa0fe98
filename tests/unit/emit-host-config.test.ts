import { test } from 'node:test';
import assert from 'node:assert/strict';
import { outputFormats } from '../../src/emit/index.js';
import type { Site } from '../../src/collections/types.js';
import { fakeArticle, fakeSite } from './helpers/fake-site.js';

const one = async (site: Site, name: string) => {
  const files = await outputFormats.find((f) => f.name === name)!.emit(site);
  assert.equal(files.length, 1);
  return String(files[0]!.contents);
};

test('robots.txt names both sitemaps with absolute URLs', async () => {
  const robots = await one(fakeSite([]), 'robots');
  assert.match(robots, /^User-agent: \*$/m);
  assert.match(robots, /^Sitemap: https:\/\/news\.example\/sitemap\.xml\nSitemap: https:\/\/news\.example\/news-sitemap\.xml$/m);
});

test('_redirects: 301 for moved stories, a forced 410 for taken-down ones', async () => {
  const moved = fakeArticle({ slug: 'budget-passes', redirectFrom: ['/politics/2025/05/budget-vote/'] });
  const site = fakeSite([moved]);
  site.pages.push({ kind: 'gone', url: '/politics/2020/01/withdrawn/', lang: 'en', alternates: [], title: 'Withdrawn', section: moved.sectionInfo });
  const text = await one(site, 'redirects');
  assert.deepEqual(text.split('\n'), ['/politics/2025/05/budget-vote/ /politics/2025/05/budget-passes/ 301', '/politics/2020/01/withdrawn/ /politics/2020/01/withdrawn/index.html 410!', '']);
  assert.equal(await one(fakeSite([]), 'redirects'), '');
});

test('_headers: media immutable for a year, documents short-lived, security headers, no conflicting Cache-Control', async () => {
  const text = await one(fakeSite([fakeArticle()]), 'headers');
  const rules = new Map<string, Map<string, string>>();
  let current: Map<string, string> | undefined;
  for (const line of text.split('\n').filter(Boolean)) {
    if (!line.startsWith(' ')) rules.set(line, (current = new Map()));
    else {
      const [k, ...v] = line.trim().split(': ');
      current!.set(k!, v.join(': '));
    }
  }
  const all = rules.get('/*')!;
  assert.equal(all.get('X-Content-Type-Options'), 'nosniff');
  assert.ok(all.get('Referrer-Policy'));
  const csp = all.get('Content-Security-Policy')!;
  assert.match(csp, /default-src 'self'/);
  assert.match(csp, /img-src 'self' data:/);
  assert.match(csp, /script-src 'self' 'wasm-unsafe-eval'/);
  assert.doesNotMatch(csp, /script-src[^;]*'unsafe-inline'/);
  assert.equal(all.has('Cache-Control'), false, 'hosts merge matching rules, so /* must not also set Cache-Control');
  assert.equal(rules.get('/media/*')!.get('Cache-Control'), 'public, max-age=31536000, immutable');
  for (const doc of ['/feed.xml', '/atom.xml', '/feed.json', '/ar/feed.xml', '/sitemap.xml', '/news-sitemap.xml', '/robots.txt']) {
    assert.match(rules.get(doc)?.get('Cache-Control') ?? '', /max-age=\d+, must-revalidate/, doc);
  }
});
