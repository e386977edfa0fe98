import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { article } from '../helpers/project.js';
import { siteInBrowser, type SiteInBrowser } from '../helpers/browser.js';
import { animatedGif } from '../helpers/graphics.js';

const BUNDLE = 'content/articles/2025/05/price-board';
const URL_PATH = '/politics/2025/05/price-board/';

let s: SiteInBrowser;

before(async () => {
  s = await siteInBrowser(
    {
      [`${BUNDLE}/index.md`]: article({ title: 'The price board' }, 'The board changed every hour.\n\n![How the price board changed](board.gif)\n'),
      [`${BUNDLE}/board.gif`]: await animatedGif(['#a3161a', '#0b4f8a', '#16181d']),
    },
    ['--now', '2025-06-01T00:00:00Z'],
  );
});

after(async () => s?.close());

/** The file the browser chose for the animated GIF's <img>, under a motion preference. */
async function chosen(reducedMotion: 'reduce' | 'no-preference'): Promise<string> {
  const context = await s.browser.newContext({ reducedMotion, viewport: { width: 1000, height: 900 } });
  const page = await context.newPage();
  await page.goto(s.url + URL_PATH, { waitUntil: 'networkidle' });
  const img = page.locator('img[alt="How the price board changed"]');
  await img.scrollIntoViewIfNeeded();
  await page.waitForFunction(() => {
    const el = document.querySelector<HTMLImageElement>('img[alt="How the price board changed"]');
    return Boolean(el && el.complete && el.currentSrc);
  });
  const src = await img.evaluate((el: HTMLImageElement) => new URL(el.currentSrc).pathname);
  await context.close();
  return src;
}

test('an animated GIF plays where motion is allowed', async () => {
  assert.match(await chosen('no-preference'), /^\/media\/[0-9a-f]{12}-loop\.webp$/);
});

test('with prefers-reduced-motion the reader gets the still poster', async () => {
  assert.match(await chosen('reduce'), /^\/media\/[0-9a-f]{12}-\d+\.avif$/);
});
