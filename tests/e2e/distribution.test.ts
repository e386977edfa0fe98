import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import Parser from 'rss-parser';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { article, buildSample, makeSite, removeSite, runCli, sharedCacheDir } from '../helpers/project.js';
import { listFiles } from '../../src/util/fs.js';

let work: string;
let out: string;
let files: string[];
const read = (f: string) => fs.readFile(path.join(out, f), 'utf8');
const xml = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@' });

before(async () => {
  ({ work, out } = await buildSample());
  files = await listFiles(out);
});
after(() => fs.rm(work, { recursive: true, force: true }));

test('every feed parses, with full content, stable ids, authors, categories and Media RSS', async () => {
  const parser = new Parser({ customFields: { item: [['media:content', 'media', { keepArray: false }]] } });
  const rss = await parser.parseString(await read('feed.xml'));
  assert.ok(rss.items.length >= 8);
  const hama = rss.items.find((i) => i.link?.endsWith('/hama-rebels-fight-to-retake-villages/'))! as unknown as Record<string, unknown> & { guid?: string; categories?: string[] };
  const content = String(hama['content:encoded'] ?? '');
  assert.match(hama.guid ?? '', /^tag:levantledger\.example,2017-10-10:/);
  const snow = rss.items.find((i) => i.link?.includes('snowstorm-collapses-tents'))! as unknown as Record<string, unknown>;
  assert.match(String(snow['content:encoded']), /<img src="https:\/\/levantledger\.example\/media\/[0-9a-f]{12}-1200\.jpg" width="1200" height="\d+"/);
  assert.doesNotMatch(content, /(href|src)="\/(?!\/)/, 'URLs in content are absolute');
  assert.ok(hama.categories?.includes('syria'));
  const media = (hama as unknown as { media: { $: Record<string, string>; 'media:credit': string[] } }).media;
  assert.equal(media.$.type, 'image/jpeg');
  assert.ok(Number(media.$.width) > 0 && Number(media.$.height) > 0);
  assert.match(String(media['media:credit']), /Photo courtesy of Ebaa News Agency/);
  const atom = await parser.parseString(await read('atom.xml'));
  assert.equal(atom.items.length, rss.items.length);
  const json = JSON.parse(await read('feed.json')) as { version: string; items: { id: string; content_html: string; date_modified: string }[] };
  assert.equal(json.version, 'https://jsonfeed.org/version/1.1');
  assert.equal(json.items[0]!.id, rss.items[0]!.guid);
  for (const f of files.filter((x) => /(^|\/)(feed|atom)\.xml$/.test(x))) {
    const parsed = await parser.parseString(await read(f));
    assert.ok(parsed.items.length > 0, f);
  }
  const ar = await parser.parseString(await read('ar/feed.xml'));
  assert.ok(ar.items.every((i) => i.link?.includes('/ar/')));
});

test('every XML file is well formed with the right namespaces', async () => {
  for (const f of files.filter((x) => x.endsWith('.xml'))) assert.equal(XMLValidator.validate(await read(f)), true, f);
  assert.match(await read('feed.xml'), /xmlns:media="http:\/\/search\.yahoo\.com\/mrss\/"/);
  assert.match(await read('news-sitemap.xml'), /xmlns:news="http:\/\/www\.google\.com\/schemas\/sitemap-news\/0\.9"/);
  assert.match(await read('sitemap.xml'), /xmlns:xhtml="http:\/\/www\.w3\.org\/1999\/xhtml"/);
  assert.match(await read('robots.txt'), /Sitemap: https:\/\/levantledger\.example\/sitemap\.xml\nSitemap: https:\/\/levantledger\.example\/news-sitemap\.xml/);
});

test('hreflang alternates are reciprocal in pages and the sitemap', async () => {
  const links = new Map<string, Set<string>>();
  for (const f of files.filter((x) => x.endsWith('index.html'))) {
    const html = await read(f);
    const canonical = /<link rel="canonical" href="([^"]+)"/.exec(html)?.[1];
    const alts = [...html.matchAll(/<link rel="alternate" hrefLang="([^"]+)" href="([^"]+)"/gi)].filter((m) => m[1] !== 'x-default').map((m) => m[2]!);
    if (canonical && alts.length) links.set(canonical, new Set(alts));
  }
  assert.ok(links.size >= 4, `${links.size} pages with alternates`);
  for (const [page, alts] of links) {
    assert.ok(alts.has(page), `${page} lists itself`);
    for (const alt of alts) assert.ok(links.get(alt)?.has(page), `${alt} does not point back to ${page}`);
  }
  const sitemap = xml.parse(await read('sitemap.xml')) as { urlset: { url: { loc: string; 'xhtml:link'?: unknown }[] } };
  const hama = sitemap.urlset.url.find((u) => u.loc.endsWith('/hama-rebels-fight-to-retake-villages/'))!;
  const hrefs = ([] as { '@hreflang': string }[]).concat(hama['xhtml:link'] as { '@hreflang': string }[]).map((l) => l['@hreflang']).sort();
  assert.deepEqual(hrefs, ['ar', 'en', 'x-default']);
});

test('every article carries complete NewsArticle structured data and social tags', async () => {
  for (const f of files.filter((x) => /\/\d{4}\/\d{2}\/[^/]+\/index\.html$/.test(x) && !x.startsWith('business/'))) {
    const html = await read(f);
    const blocks = [...html.matchAll(/<script type="application\/ld\+json">(.*?)<\/script>/gs)].map((m) => JSON.parse(m[1]!) as Record<string, unknown>);
    const a = blocks.find((b) => String(b['@type']).endsWith('NewsArticle'))!;
    assert.ok(a, `${f} has a NewsArticle`);
    for (const key of ['headline', 'description', 'datePublished', 'dateModified', 'author', 'publisher', 'articleSection', 'inLanguage', 'mainEntityOfPage', 'isPartOf']) assert.ok(a[key], `${f}: ${key}`);
    assert.match(String(a.datePublished), /[+-]\d{2}:\d{2}$/);
    const publisher = a.publisher as Record<string, unknown>;
    assert.equal(publisher['@type'], 'NewsMediaOrganization');
    assert.match(String(publisher.correctionsPolicy), /^https:\/\/levantledger\.example\/corrections-policy\/$/);
    assert.ok((publisher.logo as { url: string }).url.startsWith('https://'));
    assert.ok(blocks.some((b) => b['@type'] === 'BreadcrumbList'), `${f} breadcrumbs`);
    if (/og:image" content/.test(html)) {
      assert.equal((a.image as string[]).length, 3, `${f} crops`);
      assert.match(html, /<meta property="og:image:width" content="1200"\/><meta property="og:image:height" content="630"\/>/);
    }
    assert.match(html, /<meta name="robots" content="index, follow, max-image-preview:large"\/>/);
    assert.match(html, /<meta property="og:type" content="article"\/>/);
    assert.match(html, /<meta name="twitter:card" content="summary_large_image"\/>/);
    assert.match(html, /<meta property="article:published_time" content="[^"]+"\/>/);
  }
  const corrected = await read('displacement/2018/07/daraa-families-shelter-near-jordan-border/index.html');
  const ld = JSON.parse(/<script type="application\/ld\+json">(.*?)<\/script>/s.exec(corrected)![1]!) as { correction: unknown[]; dateModified: string; datePublished: string };
  assert.equal(ld.correction.length, 2);
  assert.notEqual(ld.dateModified, ld.datePublished);
  const staff = JSON.parse(/<script type="application\/ld\+json">(.*?)<\/script>/s.exec(await read('displacement/2023/02/aid-convoys-cross-at-bab-al-salameh/index.html'))![1]!) as { author: { '@type': string }[] };
  assert.equal(staff.author[0]!['@type'], 'NewsMediaOrganization');
});

test('the news sitemap holds only the last 48 hours before --now', async () => {
  const inWindow = await buildSample({ now: '2026-11-20T12:00:00+03:00' });
  try {
    const news = await fs.readFile(path.join(inWindow.out, 'news-sitemap.xml'), 'utf8');
    assert.match(news, /interview-nour-hamdan-damascus-cinemas/);
    assert.equal((news.match(/<url>/g) ?? []).length, 1);
    assert.match(news, /<news:publication_date>2026-11-19T17:00:00\+03:00<\/news:publication_date>/);
  } finally {
    await fs.rm(inWindow.work, { recursive: true, force: true });
  }
  assert.doesNotMatch(await read('news-sitemap.xml'), /<url>/, 'nothing within 48 hours of the default --now');
});

test('120 articles: every list series covers each article exactly once, with rel prev/next', async () => {
  const files120: Record<string, string> = {};
  for (let i = 0; i < 120; i++) {
    const day = String((i % 28) + 1).padStart(2, '0');
    files120[`content/articles/2024/03/story-${i}/index.md`] = article({ title: `Story ${i}`, date: `2024-03-${day}T${String(i % 24).padStart(2, '0')}:00:00+00:00`, tags: i % 3 ? '[alpha]' : '[beta]', section: i % 2 ? 'politics' : 'economy' });
  }
  const root = await makeSite(files120);
  try {
    const r = await runCli(['build', '--cache-dir', sharedCacheDir, '--now', '2025-01-01T00:00:00Z'], { cwd: root });
    assert.equal(r.code, 0, r.stderr);
    const site = path.join(root, '_site');
    for (const series of ['archive', 'politics', 'economy', 'tags/alpha', 'tags/beta', 'authors/jane-doe', 'archive/2024/03']) {
      const seen: string[] = [];
      let url: string | undefined = `/${series}/`;
      let pages = 0;
      while (url) {
        const html: string = await fs.readFile(path.join(site, url, 'index.html'), 'utf8');
        seen.push(...[...html.matchAll(/class="story-card__headline"><a href="([^"]+)"/g)].map((m) => m[1]!));
        url = /<link rel="next" href="([^"]+)"/.exec(html)?.[1];
        pages++;
      }
      assert.equal(new Set(seen).size, seen.length, `${series}: no story twice`);
      const expected = series.startsWith('archive') || series.startsWith('authors') ? 120 : series === 'tags/beta' ? 40 : series === 'tags/alpha' ? 80 : 60;
      assert.equal(seen.length, expected, series);
      assert.equal(pages, Math.ceil(expected / 5), `${series} pages`);
    }
  } finally {
    await removeSite(root);
  }
});

test('a slug change with redirectFrom keeps the feed id', async () => {
  const original = await makeSite({ 'content/articles/2025/05/budget-vote/index.md': article() });
  const renamed = await makeSite({ 'content/articles/2025/05/budget-passes/index.md': article({ redirectFrom: '[/politics/2025/05/budget-vote/]' }) });
  try {
    const guid = async (root: string) => {
      const r = await runCli(['build', '--cache-dir', sharedCacheDir, '--now', '2025-06-01T00:00:00Z'], { cwd: root });
      assert.equal(r.code, 0, r.stderr);
      return /<guid isPermaLink="false">([^<]+)<\/guid>/.exec(await fs.readFile(path.join(root, '_site/feed.xml'), 'utf8'))![1];
    };
    assert.equal(await guid(renamed), await guid(original));
    assert.match(await fs.readFile(path.join(renamed, '_site/_redirects'), 'utf8'), /^\/politics\/2025\/05\/budget-vote\/ \/politics\/2025\/05\/budget-passes\/ 301$/m);
  } finally {
    await removeSite(original);
    await removeSite(renamed);
  }
});

