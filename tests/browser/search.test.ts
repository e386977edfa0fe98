import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import type { Browser } from 'playwright-core';
import { buildSample, makeSite, removeSite, runCli, article } from '../helpers/project.js';
import { serveSite } from '../helpers/static-server.js';
import { launchChromium } from '../helpers/browser.js';
import { rng } from '../bench/generate.js';

type Site = { url: string; close: () => Promise<void> };

let browser: Browser;
let sample: Site;
let sampleWork: string;
let generated: Site;
let generatedRoot: string;

// Filler words chosen so that none starts with a planted word (Pagefind matches prefixes).
const EN = 'officials said the council would meet again next week while residents waited for water trucks and bread prices rose in every market near the border crossing where families queued since morning'.split(' ');
const AR = 'قال مسؤولون إن المجلس سيجتمع الأسبوع المقبل بينما انتظر السكان شاحنات المياه وارتفعت أسعار الخبز في الأسواق قرب المعبر حيث اصطفت العائلات منذ الصباح'.split(' ');

/** The planted words of the generated site, by article index. */
const plan = {
  saffron: (i: number) => i % 23 === 0,
  tannery: (i: number) => i % 4 === 0 && yearOf(i) === 2019,
  weavers: (i: number) => i % 41 === 0,
  زعفران: (i: number) => i % 7 === 0,
  دباغة: (i: number) => i % 5 === 0,
};
/** The article where "saffron" is most frequent: it must rank first across every year. */
const SAFFRON_TOP = 207;
const COUNT = 300;
const langOf = (i: number) => (i % 3 === 2 ? 'ar' : 'en');
const yearOf = (i: number) => 2017 + Math.floor((i * 10) / COUNT);
const slugOf = (i: number) => `story-${i}${langOf(i) === 'ar' ? '-ar' : ''}`;

function body(i: number, r: () => number): string {
  const words = langOf(i) === 'ar' ? AR : EN;
  const planted = Object.entries(plan).filter(([word, has]) => has(i) && /[a-z]/.test(word) === (langOf(i) === 'en')).map(([w]) => w);
  if (i === SAFFRON_TOP) planted.push('saffron', 'saffron', 'saffron', 'saffron', 'saffron', 'saffron');
  const paragraphs: string[] = [];
  for (let p = 0; p < 4; p++) {
    const w = Array.from({ length: 30 }, () => words[Math.floor(r() * words.length)]!);
    if (p === 1) w.splice(5, 0, ...planted);
    paragraphs.push(w.join(' ') + '.');
  }
  return paragraphs.join('\n\n') + '\n';
}

async function generatedSite(): Promise<string> {
  const r = rng(7);
  const files: Record<string, string> = {};
  for (let i = 0; i < COUNT; i++) {
    const year = yearOf(i);
    // January to October: every story is published by --now.
    const month = String(1 + (i % 10)).padStart(2, '0');
    const day = String(1 + (i % 27)).padStart(2, '0');
    const ar = langOf(i) === 'ar';
    const fields = { title: ar ? `خبر رقم ${i}` : `Story number ${i}`, summary: ar ? 'ملخص قصير.' : 'A short summary.', date: `"${year}-${month}-${day}T09:00:00+03:00"`, ...(ar ? { lang: 'ar' } : {}) };
    files[`content/articles/${year}/${month}/${slugOf(i)}/index.md`] = article(fields, body(i, r));
  }
  return makeSite(files);
}

before(async () => {
  const built = await buildSample();
  sampleWork = built.work;
  sample = await serveSite(built.out);
  generatedRoot = await generatedSite();
  const r = await runCli(['build', '--now', '2026-11-25T09:00:00+02:00'], { cwd: generatedRoot });
  assert.equal(r.code, 0, r.stderr);
  generated = await serveSite(`${generatedRoot}/_site`);
  browser = await launchChromium();
});

after(async () => {
  await browser?.close();
  await sample?.close();
  await generated?.close();
  if (sampleWork) await fs.rm(sampleWork, { recursive: true, force: true });
  if (generatedRoot) await removeSite(generatedRoot);
});

/** Opens `/search/?q=…` as a reader would, loads every page of results, and returns the result links in order. */
async function search(site: Site, prefix: string, query: string): Promise<string[]> {
  const page = await browser.newPage();
  try {
    await page.goto(`${site.url}${prefix}/search/?q=${encodeURIComponent(query)}`, { waitUntil: 'networkidle' });
    // The message names the query once the search has finished ("Searching for …..." before that).
    await page.waitForFunction((q) => {
      const text = document.querySelector('.pagefind-ui__message')?.textContent ?? '';
      return text.includes(q) && !/\.\.\.|…/.test(text);
    }, query, { timeout: 15_000 });
    const more = page.locator('.pagefind-ui__button');
    while (await more.isVisible()) {
      const before = await page.locator('.pagefind-ui__result').count();
      await more.click();
      await page.waitForFunction((n) => document.querySelectorAll('.pagefind-ui__result').length > n, before);
    }
    // Results render their links once each page's fragment has loaded.
    await page.waitForFunction(() => [...document.querySelectorAll('.pagefind-ui__result')].every((r) => r.querySelector('.pagefind-ui__result-link')));
    return await page.locator('.pagefind-ui__result-link').evaluateAll((as) => as.map((a) => a.getAttribute('href') ?? ''));
  } finally {
    await page.close();
  }
}

const slugs = (links: string[]) => links.map((h) => h.split('/').filter(Boolean).at(-1)).sort();

test('sample site: each query finds exactly the stories that contain it, never a loose match', async () => {
  const cases: [string, string, string[]][] = [
    ['', 'weavers', ['aleppo-weavers-return-to-the-souk']],
    ['', 'souk', ['aleppo-weavers-return-to-the-souk']],
    // AMMAN is also the dateline printed at the start of two stories; the draft and the embargoed story are never found.
    ['', 'Amman', ['after-assad-armed-factions-face-hard-choices', 'aid-convoys-cross-at-bab-al-salameh', 'amman-bookshop-keeps-its-doors-open', 'daraa-families-shelter-near-jordan-border', 'hama-rebels-fight-to-retake-villages', 'snowstorm-collapses-tents-in-northwest-syria']],
    ['', 'weavers Amman', []],
    ['', 'quinces', []],
    ['/ar', 'عقيربات', ['hama-rebels-fight-to-retake-villages-ar']],
    ['/ar', 'weavers', []],
    ['/ar', 'زعفران', []],
  ];
  for (const [prefix, query, expected] of cases) {
    const links = await search(sample, prefix, query);
    assert.deepEqual(slugs(links), expected, `${prefix}/search/?q=${query}: ${JSON.stringify(links)}`);
    assert.ok(links.every((h) => h.startsWith(`${prefix}/`) && (prefix !== '' || !h.startsWith('/ar/'))), `results stay in the page's language: ${JSON.stringify(links)}`);
  }
});

test('generated 300-article site: results hold every query word (or its stem) in both languages, ranked as one index', async () => {
  const expect = (has: (i: number) => boolean, lang: string) =>
    Array.from({ length: COUNT }, (_, i) => i)
      .filter((i) => langOf(i) === lang && has(i))
      .map(slugOf)
      .sort();
  const cases: [string, string, string[]][] = [
    ['', 'saffron', expect(plan.saffron, 'en')],
    ['', 'tannery', expect(plan.tannery, 'en')],
    ['', 'saffron tannery', expect((i) => plan.saffron(i) && plan.tannery(i), 'en')],
    // "weaver" is the stem of "weavers".
    ['', 'weaver', expect(plan.weavers, 'en')],
    ['', 'quinces', []],
    ['', 'saffron quinces', []],
    ['/ar', 'زعفران', expect(plan.زعفران, 'ar')],
    ['/ar', 'زعفران دباغة', expect((i) => plan.زعفران(i) && plan.دباغة(i), 'ar')],
    ['/ar', 'سفرجل', []],
  ];
  for (const [prefix, query, expected] of cases) {
    const links = await search(generated, prefix, query);
    assert.deepEqual(slugs(links), expected, `${prefix}/search/?q=${query}: ${JSON.stringify(links)}`);
  }
  assert.ok(expect(plan.saffron, 'en').length > 5 && expect(plan.زعفران, 'ar').length > 5, 'the planted words span many years');
  const saffron = await search(generated, '', 'saffron');
  assert.equal(slugs([saffron[0]!])[0], slugOf(SAFFRON_TOP), `the story with the most "saffron" ranks first across every year: ${JSON.stringify(saffron.slice(0, 3))}`);
});

test('after an incremental build, stories added, changed and removed are found as they are now, each once (archive + delta index)', async () => {
  const file = (i: number) => `${generatedRoot}/content/articles/${yearOf(i)}/${String(1 + (i % 10)).padStart(2, '0')}/${slugOf(i)}/index.md`;
  // Story 46 keeps "saffron" and gains "quinces"; story 69 is taken down; story 0 loses "saffron"; a new story has both planted words.
  const edit = async (i: number, change: (text: string) => string) => fs.writeFile(file(i), change(await fs.readFile(file(i), 'utf8')));
  await edit(46, (t) => t.replace('saffron', 'saffron quinces'));
  await edit(0, (t) => t.replaceAll('saffron', 'council'));
  await edit(2, (t) => t.replace('المجلس', 'المجلس سفرجل'));
  const taken = await runCli(['unpublish', slugOf(69), '--now', '2026-11-25T09:00:00+02:00'], { cwd: generatedRoot });
  assert.equal(taken.code, 0, taken.stderr);
  await fs.mkdir(`${generatedRoot}/content/articles/2026/11/marmalade-makers`, { recursive: true });
  await fs.writeFile(
    `${generatedRoot}/content/articles/2026/11/marmalade-makers/index.md`,
    article({ title: 'Marmalade makers', date: '"2026-11-20T09:00:00+03:00"' }, 'The marmalade makers bought saffron at the market.\n'),
  );
  const r = await runCli(['build', '--now', '2026-11-25T09:00:00+02:00', '--report', `${generatedRoot}/report.json`], { cwd: generatedRoot });
  assert.equal(r.code, 0, r.stderr);
  const report = JSON.parse(await fs.readFile(`${generatedRoot}/report.json`, 'utf8')) as { counters: { searchIndexed: number } };
  assert.equal(report.counters.searchIndexed, 4, 'only the three changed stories and the new one are indexed');
  const delta = JSON.parse(await fs.readFile(`${generatedRoot}/_site/pagefind/delta.json`, 'utf8')) as { bundle: string | null; languages: string[]; superseded: string[] };
  assert.equal(delta.bundle, 'delta/');
  assert.deepEqual(delta.languages, ['ar', 'en']);
  assert.equal(delta.superseded.length, 4, 'the three changed stories and the removed one are superseded in the archive');

  const saffron = await search(generated, '', 'saffron');
  assert.deepEqual(slugs(saffron), [...expectEn(plan.saffron).filter((s) => s !== slugOf(0) && s !== slugOf(69)), 'marmalade-makers'].sort());
  assert.equal(new Set(saffron).size, saffron.length, `no story is found twice: ${JSON.stringify(saffron)}`);
  assert.deepEqual(slugs(await search(generated, '', 'quinces')), [slugOf(46)]);
  assert.deepEqual(slugs(await search(generated, '', 'saffron quinces')), [slugOf(46)]);
  assert.deepEqual(slugs(await search(generated, '', 'marmalade')), ['marmalade-makers']);
  assert.deepEqual(slugs(await search(generated, '/ar', 'سفرجل')), [slugOf(2)]);
  // The Arabic search page does not merge English results from the delta.
  assert.deepEqual(slugs(await search(generated, '/ar', 'marmalade')), []);
});

function expectEn(has: (i: number) => boolean): string[] {
  return Array.from({ length: COUNT }, (_, i) => i)
    .filter((i) => langOf(i) === 'en' && has(i))
    .map(slugOf);
}
