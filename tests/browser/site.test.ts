import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { AxeBuilder } from '@axe-core/playwright';
import { buildSample, repoRoot } from '../helpers/project.js';
import { serveSite } from '../helpers/static-server.js';
import { launchChromium } from '../helpers/browser.js';

const shots = path.join(repoRoot, 'tests/browser/screenshots');
const ARTICLE = '/conflict/2017/10/hama-rebels-fight-to-retake-villages/';
const ARABIC = '/ar/conflict/2017/10/hama-rebels-fight-to-retake-villages-ar/';
const PAGES: Record<string, string> = {
  home: '/',
  article: ARTICLE,
  'article-ar': ARABIC,
  section: '/displacement/',
  tag: '/tags/syria/',
  author: '/authors/rania-haddad/',
  archive: '/archive/',
  corrections: '/corrections/',
  search: '/search/',
  'not-found': '/404.html',
  'home-ar': '/ar/',
};

let browser: Browser;
let site: { url: string; close: () => Promise<void> };
let work: string;

before(async () => {
  const built = await buildSample();
  work = built.work;
  site = await serveSite(built.out);
  browser = await launchChromium();
  await fs.mkdir(shots, { recursive: true });
});

after(async () => {
  await browser?.close();
  await site?.close();
  await fs.rm(work, { recursive: true, force: true });
});

async function open(url: string, options: { width: number; scheme: 'light' | 'dark'; js?: boolean }): Promise<{ page: Page; errors: string[] }> {
  const context = await browser.newContext({ viewport: { width: options.width, height: 900 }, colorScheme: options.scheme, javaScriptEnabled: options.js ?? true });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('console', (m) => m.type() === 'error' && errors.push(`console: ${m.text()}`));
  page.on('pageerror', (e) => errors.push(`page error: ${e.message}`));
  page.on('requestfailed', (r) => errors.push(`failed: ${r.url()}`));
  page.on('response', (r) => {
    if (r.status() >= 400) errors.push(`${r.status()}: ${r.url()}`);
  });
  await page.goto(site.url + url, { waitUntil: 'networkidle' });
  return { page, errors };
}

// A phone in the light scheme and a desktop in the dark one: each width and each scheme is seen
// (axe checks both schemes again at desktop width below).
for (const [width, scheme] of [[375, 'light'], [1280, 'dark']] as const) {
  test(`every page type loads cleanly at ${width} px, ${scheme}`, async () => {
    for (const [name, url] of Object.entries(PAGES)) {
      const { page, errors } = await open(url, { width, scheme });
      assert.deepEqual(errors, [], `${name} (${url})`);
      await page.screenshot({ path: path.join(shots, `${name}-${width}-${scheme}.png`), fullPage: true });
      await page.context().close();
    }
  });
}

test('on a 375 px screen the section menu is one row that scrolls sideways, without JavaScript, in both directions', async () => {
  for (const url of ['/', '/ar/']) {
    const { page } = await open(url, { width: 375, scheme: 'light', js: false });
    const nav = await page.$eval('nav.sections ul', (ul) => {
      const tops = [...ul.querySelectorAll('li')].map((li) => Math.round(li.getBoundingClientRect().top));
      return { tops, scrollWidth: ul.scrollWidth, clientWidth: ul.clientWidth, pageWidth: document.documentElement.scrollWidth };
    });
    assert.ok(nav.tops.length >= (url === '/' ? 4 : 1), `${url}: ${nav.tops.length} sections`);
    assert.equal(new Set(nav.tops).size, 1, `${url}: every section link on one row (${nav.tops.join(', ')})`);
    assert.ok(nav.pageWidth <= 375, `${url}: the page itself does not scroll sideways (${nav.pageWidth} px)`);
    if (url === '/') assert.ok(nav.scrollWidth > nav.clientWidth, `${url}: the row is wider than the screen, so it scrolls`);
    // The last link can be scrolled fully into view inside the row.
    const last = page.locator('nav.sections li:last-child a');
    await last.scrollIntoViewIfNeeded();
    const box = (await last.boundingBox())!;
    assert.ok(box.x >= 0 && box.x + box.width <= 375, `${url}: last link visible after scrolling (${box.x}–${box.x + box.width})`);
    await page.screenshot({ path: path.join(shots, `section-menu-375${url === '/' ? '' : '-ar'}.png`), clip: { x: 0, y: 0, width: 375, height: 160 } });
    await page.context().close();
  }
});

test('axe finds no accessibility violations on the main page types, light and dark', async () => {
  for (const scheme of ['light', 'dark'] as const) {
    for (const [name, url] of Object.entries(PAGES)) {
      const { page } = await open(url, { width: 1280, scheme });
      const result = await new AxeBuilder({ page }).analyze();
      const violations = result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(', ')}`);
      assert.deepEqual(violations, [], `${name} (${scheme})`);
      await page.context().close();
    }
  }
});

test('the lead photo is an AVIF, loaded eagerly with high priority; others are lazy', async () => {
  const { page } = await open(ARTICLE, { width: 1280, scheme: 'light' });
  const lead = page.locator('.lead-photo img');
  await lead.evaluate((img: HTMLImageElement) => img.decode());
  assert.match(await lead.evaluate((img: HTMLImageElement) => img.currentSrc), /\.avif$/);
  assert.equal(await lead.getAttribute('loading'), null);
  assert.equal(await lead.getAttribute('fetchpriority'), 'high');
  const sizes = await lead.evaluate((img: HTMLImageElement) => [img.getAttribute('width'), img.getAttribute('height')]);
  assert.ok(Number(sizes[0]) > 0 && Number(sizes[1]) > 0);
  const others = await page.locator('.related img').evaluateAll((imgs) => imgs.map((i) => i.getAttribute('loading')));
  assert.ok(others.length > 0 && others.every((l) => l === 'lazy'));
  await page.context().close();
});

test('the Arabic article is right to left, with Arabic digits', async () => {
  const { page } = await open(ARABIC, { width: 375, scheme: 'light' });
  assert.equal(await page.evaluate(() => getComputedStyle(document.documentElement).direction), 'rtl');
  assert.equal(await page.getAttribute('html', 'lang'), 'ar');
  assert.match(await page.locator('.article__meta time').first().innerText(), /[٠-٩]/);
  await page.context().close();
});

test('the keyboard reaches the skip link first and the search box', async () => {
  const { page } = await open('/search/', { width: 1280, scheme: 'light' });
  await page.keyboard.press('Tab');
  assert.equal(await page.evaluate(() => document.activeElement?.className), 'skip-link');
  let reached = false;
  for (let i = 0; i < 30 && !reached; i++) {
    await page.keyboard.press('Tab');
    reached = await page.evaluate(() => document.activeElement?.tagName === 'INPUT');
  }
  assert.ok(reached, 'Tab never reached the search box');
  await page.context().close();
});

test('search finds a story by a word from its body, and never the embargoed one', async () => {
  const { page } = await open('/search/', { width: 1280, scheme: 'light' });
  const input = page.locator('.pagefind-ui__search-input');
  await input.fill('Uqayrbat');
  await page.locator('.pagefind-ui__result-link').first().waitFor({ timeout: 10_000 });
  const links = await page.locator('.pagefind-ui__result-link').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
  assert.ok(links.some((h) => h?.includes('hama-rebels-fight-to-retake-villages')), JSON.stringify(links));
  await input.fill('');
  await input.fill('borrow rent landlords');
  await page.waitForTimeout(1500);
  const embargoed = await page.locator('.pagefind-ui__result-link').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
  assert.ok(!embargoed.some((h) => h?.includes('refugee-households-borrow-to-pay-rent')), JSON.stringify(embargoed));
  await page.context().close();
});

test('search finds stories of every year and the Arabic edition searches Arabic stories', async () => {
  const { page } = await open('/search/', { width: 1280, scheme: 'light' });
  const input = page.locator('.pagefind-ui__search-input');
  await input.fill('weavers');
  await page.locator('.pagefind-ui__result-link').first().waitFor({ timeout: 10_000 });
  const newest = await page.locator('.pagefind-ui__result-link').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
  assert.ok(newest.some((h) => h?.includes('aleppo-weavers-return-to-the-souk')), JSON.stringify(newest));
  await page.context().close();

  const ar = await open('/ar/search/', { width: 375, scheme: 'light' });
  const arInput = ar.page.locator('.pagefind-ui__search-input');
  await arInput.fill('عقيربات');
  await ar.page.locator('.pagefind-ui__result-link').first().waitFor({ timeout: 10_000 });
  const found = await ar.page.locator('.pagefind-ui__result-link').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
  assert.ok(found.some((h) => h?.includes('/ar/') && h.includes('hama-rebels-fight-to-retake-villages')), JSON.stringify(found));
  await ar.page.context().close();
});

test('with JavaScript off, the article and the archives still read and link', async () => {
  for (const url of [ARTICLE, '/archive/', '/conflict/']) {
    const { page, errors } = await open(url, { width: 375, scheme: 'light', js: false });
    assert.deepEqual(errors, []);
    assert.ok((await page.locator('h1').count()) === 1, `one h1 on ${url}`);
    const text = await page.locator('main').innerText();
    assert.ok(text.length > 300, `${url} has content`);
    if (url !== ARTICLE) {
      const href = await page.locator('.story-card__headline a').first().getAttribute('href');
      const next = await page.goto(site.url + href!);
      assert.equal(next?.status(), 200);
    }
    await page.context().close();
  }
});
