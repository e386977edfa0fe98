import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { build, type BuildCounters } from '../../src/pipeline/build.js';
import { parseIsoWithOffset } from '../../src/util/dates.js';
import { listFiles } from '../../src/util/fs.js';

/**
 * Adding a story to a site whose lists span many pages: the numbered archive pages keep their
 * URLs, stories and bytes, and the build renders only the story, the front page of each list it
 * joins, the home page, and a new numbered page (plus one changed link) per list whose chunk fills.
 */

const NOW = parseIsoWithOffset('2026-11-25T09:00:00+02:00')!;
const SIZE = 3;
const SITE = `name: { en: The Stable Times, ar: الأزمنة الثابتة }
baseUrl: https://stable.example
language: en
languages:
  - { code: en, name: English, locale: en-GB }
  - { code: ar, name: العربية, locale: ar, dir: rtl }
timezone: Asia/Amman
pageSize: ${SIZE}
sections:
  - id: politics
    title: { en: Politics, ar: سياسة }
  - id: economy
    title: { en: Economy, ar: اقتصاد }
`;

interface Story {
  slug: string;
  date: string;
  lang: 'en' | 'ar';
  section: string;
  tags: string[];
  authors: string[];
}

const url = (s: Story) => `${s.lang === 'ar' ? '/ar' : ''}/${s.section}/${s.date.slice(0, 4)}/${s.date.slice(5, 7)}/${s.slug}/`;
const day = (n: number) => new Date(Date.UTC(2025, 0, 1 + n)).toISOString().slice(0, 10) + 'T09:00:00+03:00';

/** 36 English stories a day apart from 1 January 2025 and 7 Arabic ones, spread over sections, tags and authors. */
const stories: Story[] = [
  ...Array.from({ length: 36 }, (_, i): Story => ({
    slug: `story-${i}`,
    date: day(i),
    lang: 'en',
    section: i % 2 ? 'economy' : 'politics',
    tags: [i % 3 ? 'markets' : 'budget', ...(i % 4 ? [] : ['water'])],
    authors: [i % 2 ? 'omar-haddad' : 'jane-doe'],
  })),
  ...Array.from({ length: 7 }, (_, i): Story => ({ slug: `ar-story-${i}`, date: day(i * 5), lang: 'ar', section: 'politics', tags: ['budget'], authors: ['omar-haddad'] })),
];
/** The story added on top: newest of all, in a section, two tags and an author that each have several pages. */
const added: Story = { slug: 'a-new-story', date: day(36), lang: 'en', section: 'politics', tags: ['budget', 'water'], authors: ['jane-doe'] };

let root: string;
let out: string;
let cache: string;
let beforeFiles: Map<string, Buffer>;
let counters: BuildCounters;

async function writeStory(s: Story): Promise<void> {
  const dir = path.join(root, 'content/articles', s.date.slice(0, 4), s.date.slice(5, 7), s.slug);
  await fs.mkdir(dir, { recursive: true });
  const fm = [`title: "Story ${s.slug}"`, `summary: "What happened in ${s.slug}."`, `date: ${s.date}`, `lang: ${s.lang}`, `authors: [${s.authors.join(', ')}]`, `section: ${s.section}`, `tags: [${s.tags.join(', ')}]`];
  await fs.writeFile(path.join(dir, 'index.md'), `---\n${fm.join('\n')}\n---\n\nThe council met on Tuesday.\n`);
}

async function run(): Promise<BuildCounters> {
  const result = await build({ root, outDir: out, cacheDir: cache, now: NOW, drafts: false, preview: false, strict: false, write: true, threads: 1, incremental: true });
  assert.ok(result.ok, result.context.diagnostics.map((d) => `${d.file} ${d.ruleId} ${d.message}`).join('\n'));
  return result.counters;
}

async function snapshot(): Promise<Map<string, Buffer>> {
  const files = new Map<string, Buffer>();
  for (const f of await listFiles(out)) if (f.endsWith('index.html')) files.set(f, await fs.readFile(path.join(out, f)));
  return files;
}

const NUMBERED = /^(.*?)page\/(\d+)\/index\.html$/;
/** The stories a list page shows, in order. */
const listed = (html: string) => [...(/<div class="story-list">([\s\S]*?)<\/div>\s*(?:<nav|<\/main)/.exec(html)?.[1] ?? '').matchAll(/href="(\/(?:ar\/)?(?:politics|economy)\/\d{4}\/\d{2}\/[^"/]+\/)"/g)].map((m) => m[1]!).filter((u, i, all) => all.indexOf(u) === i);
const link = (html: string, rel: 'prev' | 'next') => new RegExp(`<a href="([^"]+)" rel="${rel}"`).exec(html)?.[1];

/** The front-page URLs of every list `s` is in, and how many stories each list had before. */
function listsOf(s: Story, among: Story[]): Map<string, number> {
  const p = s.lang === 'ar' ? '/ar' : '';
  const fronts = new Map<string, (o: Story) => boolean>([
    [`${p}/${s.section}/`, (o) => o.section === s.section],
    [`${p}/archive/`, () => true],
    [`${p}/archive/${s.date.slice(0, 4)}/`, (o) => o.date.slice(0, 4) === s.date.slice(0, 4)],
    [`${p}/archive/${s.date.slice(0, 4)}/${s.date.slice(5, 7)}/`, (o) => o.date.slice(0, 7) === s.date.slice(0, 7)],
    ...s.tags.map((t): [string, (o: Story) => boolean] => [`${p}/tags/${t}/`, (o) => o.tags.includes(t)]),
  ]);
  const counts = new Map([...fronts].map(([u, has]) => [u, among.filter((o) => o.lang === s.lang && has(o)).length]));
  // Author pages list every language.
  for (const a of s.authors) counts.set(`/authors/${a}/`, among.filter((o) => o.authors.includes(a)).length);
  return counts;
}

before(async () => {
  const work = await fs.mkdtemp(path.join(os.tmpdir(), 'dateline-pagination-'));
  root = path.join(work, 'site');
  out = path.join(work, 'site/_site');
  cache = path.join(work, 'cache');
  await fs.mkdir(path.join(root, 'content/authors'), { recursive: true });
  await fs.writeFile(path.join(root, 'content/site.yaml'), SITE);
  await fs.writeFile(path.join(root, 'content/authors/jane-doe.yaml'), 'name: { en: Jane Doe, ar: جين دو }\nrole: Reporter\n');
  await fs.writeFile(path.join(root, 'content/authors/omar-haddad.yaml'), 'name: { en: Omar Haddad, ar: عمر حداد }\nrole: Economics editor\n');
  for (const s of stories) await writeStory(s);
  await run();
  beforeFiles = await snapshot();
  await writeStory(added);
  counters = await run();
});

after(async () => {
  await fs.rm(path.dirname(root), { recursive: true, force: true });
});

test('numbered pages hold chunks counted from the oldest and link newer/older; the front page shows the newest', () => {
  const html = (f: string) => beforeFiles.get(f)!.toString('utf8');
  // 36 English stories in pages of 3: the front page and pages 1–11 (the 12th chunk is the front page itself).
  const archive = [...beforeFiles.keys()].filter((f) => f.startsWith('archive/page/')).map((f) => Number(NUMBERED.exec(f)![2])).sort((a, b) => a - b);
  assert.deepEqual(archive, Array.from({ length: 11 }, (_, i) => i + 1));
  const en = stories.filter((s) => s.lang === 'en').sort((a, b) => (a.date < b.date ? 1 : -1)).map(url);
  assert.deepEqual(listed(html('archive/index.html')), en.slice(0, 3));
  assert.deepEqual(listed(html('archive/page/1/index.html')), en.slice(33, 36));
  assert.deepEqual(listed(html('archive/page/11/index.html')), en.slice(3, 6));
  assert.equal(link(html('archive/index.html'), 'next'), '/archive/page/11/');
  assert.equal(link(html('archive/index.html'), 'prev'), undefined);
  assert.equal(link(html('archive/page/11/index.html'), 'prev'), '/archive/');
  assert.equal(link(html('archive/page/11/index.html'), 'next'), '/archive/page/10/');
  assert.equal(link(html('archive/page/1/index.html'), 'prev'), '/archive/page/2/');
  assert.equal(link(html('archive/page/1/index.html'), 'next'), undefined);
  // Said without a page count, which would change every page as the list grows.
  const page1 = html('archive/page/1/index.html');
  assert.match(page1, /<p class="list-span">Page 1 · 1\u2009–\u20093 January 2025<\/p>/);
  assert.match(page1, /<title>All stories \(1\u2009–\u20093 January 2025\) \| The Stable Times<\/title>/);
  assert.doesNotMatch(page1, / of \d/);
  // Arabic lists: Arabic words and digits. 7 stories: the front page and pages 1–2.
  const ar = html('ar/archive/page/1/index.html');
  assert.match(ar, /<p class="list-span">الصفحة ١ · ١–١١ يناير ٢٠٢٥<\/p>/);
  assert.match(ar, /<title>كل القصص \(١–١١ يناير ٢٠٢٥\) \| الأزمنة الثابتة<\/title>/);
  assert.ok(beforeFiles.has('ar/archive/page/2/index.html') && !beforeFiles.has('ar/archive/page/3/index.html'));
});

test('adding a story leaves every numbered page as it was, except one "newer" link per list whose chunk fills', async () => {
  const html = (files: Map<string, Buffer>, f: string) => files.get(f)!.toString('utf8');
  const afterFiles = await snapshot();
  const lists = listsOf(added, stories);
  const filling = [...lists].filter(([, n]) => n % SIZE === 0).map(([front]) => front);
  assert.ok(filling.length > 0 && filling.length < lists.size, 'the test site has lists that fill a chunk and lists that do not');
  const changed: string[] = [];
  for (const [f, bytes] of beforeFiles) {
    const m = NUMBERED.exec(f);
    if (!m) continue;
    assert.ok(afterFiles.has(f), `${f} is still there`);
    // (c) The same stories on the same numbered page.
    assert.deepEqual(listed(html(afterFiles, f)), listed(html(beforeFiles, f)), f);
    if (!bytes.equals(afterFiles.get(f)!)) changed.push(f);
  }
  // (a) Only the previous newest page of each filling list changed: its "newer" link now goes to the new page.
  const expectChanged = filling.flatMap((front) => {
    const n = lists.get(front)!;
    const newest = Math.floor((n - 1) / SIZE);
    return newest > 0 ? [`${front.slice(1)}page/${newest}/index.html`] : [];
  });
  assert.deepEqual(changed.sort(), expectChanged.sort());
  for (const f of changed) {
    const k = Number(NUMBERED.exec(f)![2]);
    const front = '/' + NUMBERED.exec(f)![1]!;
    assert.equal(link(html(afterFiles, f), 'prev'), `${front}page/${k + 1}/`);
    assert.equal(link(html(afterFiles, `${front.slice(1)}page/${k + 1}/index.html`), 'prev'), front);
  }
  const created = [...afterFiles.keys()].filter((f) => NUMBERED.test(f) && !beforeFiles.has(f));
  assert.deepEqual(created.sort(), filling.map((front) => `${front.slice(1)}page/${Math.floor(lists.get(front)! / SIZE)}/index.html`).sort());
  for (const front of lists.keys()) assert.equal(listed(html(afterFiles, `${front.slice(1)}index.html`))[0], url(added), `${front} shows the new story first`);
});

test('adding a story renders only its page, the home page and the pages of the lists it joins', () => {
  const lists = listsOf(added, stories);
  const filling = [...lists].filter(([, n]) => n % SIZE === 0);
  const previousNewest = filling.filter(([, n]) => Math.floor((n - 1) / SIZE) > 0).length;
  // (b) Its page + the home page + each list's front page + each filled chunk's new page + the page whose "newer" link moved.
  assert.equal(counters.pagesRendered, 1 + 1 + lists.size + filling.length + previousNewest);
});
