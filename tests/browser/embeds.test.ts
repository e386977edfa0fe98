import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { AxeBuilder } from '@axe-core/playwright';
import { removeSite, repoRoot, runCli } from '../helpers/project.js';
import { serveSite } from '../helpers/static-server.js';
import { launchChromium } from '../helpers/browser.js';
import { EMBED_URL, EMBED_URL_AR, makeEmbedSite, serveOembed } from '../helpers/embed-site.js';

const shots = path.join(repoRoot, 'tests/browser/screenshots');
const KINDS = ['youtube', 'vimeo', 'x', 'instagram', 'tiktok', 'bluesky', 'mastodon', 'datawrapper', 'flourish', 'documentcloud', 'openstreetmap'];

let browser: Browser;
let site: { url: string; close: () => Promise<void> };
let root: string;

before(async () => {
  root = await makeEmbedSite();
  const oembed = await serveOembed();
  const out = path.join(root, '_site');
  const r = await runCli(['build', '--out', out, '--cache-dir', path.join(root, '.cache')], { cwd: root, env: { DATELINE_OEMBED_BASE: oembed.base } });
  await oembed.close();
  if (r.code !== 0) throw new Error(`build failed:\n${r.stderr}`);
  site = await serveSite(out);
  browser = await launchChromium();
  await fs.mkdir(shots, { recursive: true });
});

after(async () => {
  await browser?.close();
  await site?.close();
  await removeSite(root);
});

/**
 * Opens a page; every request to another origin is recorded and answered with a stub player
 * page, so nothing leaves the machine and the test sees exactly what would have been asked.
 */
async function open(url: string, options: { scheme?: 'light' | 'dark'; js?: boolean; width?: number } = {}): Promise<{ page: Page; thirdParty: string[] }> {
  const context = await browser.newContext({ viewport: { width: options.width ?? 1280, height: 900 }, colorScheme: options.scheme ?? 'light', javaScriptEnabled: options.js ?? true });
  const thirdParty: string[] = [];
  await context.route('**/*', async (route) => {
    const requested = route.request().url();
    if (requested.startsWith(site.url) || requested.startsWith('data:')) return route.continue();
    thirdParty.push(requested);
    return route.fulfill({ status: 200, contentType: 'text/html', body: '<!doctype html><html lang="en"><title>Player</title><p>Player</p></html>' });
  });
  const page = await context.newPage();
  await page.goto(site.url + url, { waitUntil: 'networkidle' });
  return { page, thirdParty };
}

test('nothing is requested from a provider before the click; the click puts the player in the same box', async () => {
  const { page, thirdParty } = await open(EMBED_URL);
  assert.equal(await page.locator('figure.embed').count(), KINDS.length);
  // Scroll the whole story past the viewport so lazy posters load too.
  await page.evaluate(() => window.scrollTo(0, document.body.scrollHeight));
  await page.waitForLoadState('networkidle');
  assert.deepEqual(thirdParty, []);
  assert.equal(await page.locator('iframe').count(), 0);

  const figure = page.locator('figure.embed--youtube');
  const before = (await figure.locator('.embed__facade').boundingBox())!;
  // The player's request is awaited as such: "network idle" may be reported before the new frame asks.
  const playerRequested = page.waitForRequest((r) => r.url().startsWith('https://www.youtube-nocookie.com/'), { timeout: 10_000 });
  await figure.locator('.embed__facade').click();
  const frame = figure.locator('iframe');
  await frame.waitFor();
  assert.equal(await frame.getAttribute('src'), 'https://www.youtube-nocookie.com/embed/M7lc1UVf-VE?autoplay=1');
  assert.equal(await frame.getAttribute('title'), 'The council debates the budget');
  const afterBox = (await frame.boundingBox())!;
  assert.equal(Math.round(afterBox.height), Math.round(before.height));
  assert.equal(Math.round(afterBox.width), Math.round(before.width));
  assert.equal(await page.evaluate(() => document.activeElement?.tagName), 'IFRAME');
  await playerRequested;
  // The route handler records it a moment after the request event.
  for (let i = 0; i < 100 && thirdParty.length === 0; i++) await new Promise((r) => setTimeout(r, 50));
  await page.waitForLoadState('networkidle');
  assert.deepEqual(thirdParty.map((u) => new URL(u).origin), ['https://www.youtube-nocookie.com']);

  // Each other provider's player comes from its own origin, and only once asked for.
  await page.locator('figure.embed--mastodon .embed__facade').click();
  assert.equal(await page.locator('figure.embed--mastodon iframe').getAttribute('src'), 'https://social.example.org/@newsdesk/111222333444555666/embed');
  await page.context().close();
});

test('the page does not shift while it loads, in English and Arabic, at phone and desktop widths', async () => {
  for (const url of [EMBED_URL, EMBED_URL_AR]) {
    for (const width of [375, 1280]) {
      const { page } = await open(url, { width });
      await page.evaluate(() => window.scrollTo(0, document.body.scrollHeight));
      await page.waitForLoadState('networkidle');
      const shifts = await page.evaluate(
        () =>
          new Promise<number>((resolve) => {
            let total = 0;
            new PerformanceObserver((list) => {
              for (const e of list.getEntries() as (PerformanceEntry & { value: number; hadRecentInput: boolean })[]) if (!e.hadRecentInput) total += e.value;
            }).observe({ type: 'layout-shift', buffered: true });
            requestAnimationFrame(() => requestAnimationFrame(() => resolve(total)));
          }),
      );
      assert.equal(shifts, 0, `${url} at ${width} px`);
      // Every preview has its final shape before anything is loaded into it.
      for (const box of await page.locator('.embed__facade').evaluateAll((links) => links.map((l) => getComputedStyle(l).aspectRatio))) assert.notEqual(box, 'auto');
      await page.context().close();
    }
  }
});

test('without JavaScript each embed is a plain link to the original', async () => {
  const { page, thirdParty } = await open(EMBED_URL, { js: false });
  assert.equal(await page.locator('a.embed__facade[href="https://x.com/newsdesk/status/1460323737035677698"]').count(), 1);
  await page.locator('figure.embed--youtube .embed__facade').click();
  await page.waitForURL('https://www.youtube.com/watch?v=M7lc1UVf-VE');
  assert.deepEqual(thirdParty, ['https://www.youtube.com/watch?v=M7lc1UVf-VE']);
  await page.context().close();
});

test('axe finds no violations on the stories with embeds, light and dark; screenshots of every preview', async () => {
  for (const [name, url] of [['en', EMBED_URL], ['ar', EMBED_URL_AR]] as const) {
    for (const scheme of ['light', 'dark'] as const) {
      const { page } = await open(url, { scheme });
      const result = await new AxeBuilder({ page }).analyze();
      const violations = result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(', ')}`);
      assert.deepEqual(violations, [], `${name} (${scheme})`);
      await page.evaluate(() => window.scrollTo(0, document.body.scrollHeight));
      await page.waitForLoadState('networkidle');
      await page.evaluate(() => Promise.all([...document.images].map((i) => i.decode().catch(() => undefined))));
      await page.screenshot({ path: path.join(shots, `embeds-${name}-${scheme}.png`), fullPage: true });
      await page.context().close();
    }
  }
});
