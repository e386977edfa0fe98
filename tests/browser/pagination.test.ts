import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { AxeBuilder } from '@axe-core/playwright';
import { article } from '../helpers/project.js';
import { siteInBrowser, type SiteInBrowser } from '../helpers/browser.js';

/** A reader pages through a section of 12 stories (pages of 5) with the Older and Newer links, in English and Arabic. */

let s: SiteInBrowser;

const day = (n: number) => `2025-03-${String(n).padStart(2, '0')}T09:00:00+03:00`;

before(async () => {
  const files: Record<string, string> = {};
  for (let i = 1; i <= 12; i++) files[`content/articles/2025/03/story-${i}/index.md`] = article({ title: `"Story ${i}"`, date: day(i) });
  for (let i = 1; i <= 6; i++) files[`content/articles/2025/03/ar-story-${i}/index.md`] = article({ title: `"قصة ${i}"`, date: day(i), lang: 'ar' });
  files['content/authors/jane-doe.yaml'] = 'name: { en: Jane Doe, ar: جين دو }\nrole: Reporter\n';
  s = await siteInBrowser(files, ['--now', '2026-11-25T09:00:00+02:00']);
});

after(async () => s?.close());

async function open(url: string): Promise<Page> {
  const context = await s.browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  await page.goto(s.url + url);
  return page;
}

const headlines = (page: Page) => page.locator('.story-list h2').allInnerTexts();
const here = (page: Page) => new URL(page.url()).pathname;

test('Older leads from the section through pages counted from the oldest, and Newer leads back', async () => {
  const page = await open('/politics/');
  assert.deepEqual(await headlines(page), ['Story 12', 'Story 11', 'Story 10', 'Story 9', 'Story 8']);
  await page.getByRole('link', { name: 'Older', exact: true }).click();
  assert.equal(here(page), '/politics/page/2/');
  assert.deepEqual(await headlines(page), ['Story 10', 'Story 9', 'Story 8', 'Story 7', 'Story 6']);
  assert.equal(await page.locator('.list-header .list-span').innerText(), 'Page 2 · 6\u2009–\u200910 March 2025');
  assert.equal(await page.title(), 'Politics (6\u2009–\u200910 March 2025) | Test Times');
  await page.getByRole('link', { name: 'Older', exact: true }).click();
  assert.equal(here(page), '/politics/page/1/');
  assert.deepEqual(await headlines(page), ['Story 5', 'Story 4', 'Story 3', 'Story 2', 'Story 1']);
  assert.equal(await page.getByRole('link', { name: 'Older', exact: true }).count(), 0, 'the oldest page has no Older link');
  await page.getByRole('link', { name: 'Newer', exact: true }).click();
  assert.equal(here(page), '/politics/page/2/');
  await page.getByRole('link', { name: 'Newer', exact: true }).click();
  assert.equal(here(page), '/politics/');
  assert.equal(await page.getByRole('link', { name: 'Newer', exact: true }).count(), 0, 'the section itself has no Newer link');
  await page.context().close();
});

test('an Arabic numbered page says its number and dates in Arabic, and pages back to the section', async () => {
  const page = await open('/ar/politics/page/1/');
  assert.equal(await page.locator('.list-header .list-span').innerText(), 'الصفحة ١ · ١–٥ مارس ٢٠٢٥');
  await page.getByRole('link', { name: 'الأحدث', exact: true }).click();
  assert.equal(here(page), '/ar/politics/');
  await page.context().close();
});

test('axe finds no accessibility violations on a numbered page', async () => {
  for (const url of ['/politics/page/2/', '/ar/politics/page/1/']) {
    const page = await open(url);
    const result = await new AxeBuilder({ page }).analyze();
    assert.deepEqual(
      result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`),
      [],
      url,
    );
    await page.context().close();
  }
});
