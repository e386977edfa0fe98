import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { repoRoot, runCli, sharedCacheDir } from '../helpers/project.js';
import { assertSameTree, inodes } from '../helpers/tree.js';

const NOW = '2026-11-25T09:00:00+02:00';
let root: string;

/** Builds the copy of the sample site into `out`; returns how many pages were written and rendered. */
async function buildInto(out: string, ...flags: string[]): Promise<{ pages: number; rendered: number }> {
  const r = await runCli(['build', '--root', root, '--out', out, '--cache-dir', sharedCacheDir, '--now', NOW, ...flags], { cwd: root });
  assert.equal(r.code, 0, r.stderr);
  const m = /Wrote (\d+) pages(?: \((\d+) rendered, the rest unchanged\))?/.exec(r.stdout);
  assert.ok(m, r.stdout);
  return { pages: Number(m[1]), rendered: m[2] === undefined ? Number(m[1]) : Number(m[2]) };
}

async function articleFile(slug: string): Promise<string> {
  const base = path.join(root, 'content/articles');
  for (const year of await fs.readdir(base)) {
    for (const month of await fs.readdir(path.join(base, year))) {
      const file = path.join(base, year, month, slug, 'index.md');
      if (await fs.stat(file).then(() => true, () => false)) return file;
    }
  }
  throw new Error(`no sample article ${slug}`);
}

before(async () => {
  root = await fs.mkdtemp(path.join(os.tmpdir(), 'dateline-incremental-'));
  await fs.cp(path.join(repoRoot, 'content'), path.join(root, 'content'), { recursive: true });
});

after(async () => {
  await fs.rm(root, { recursive: true, force: true });
});

test('a rebuild with nothing changed renders no page and rewrites no file', async () => {
  const out = path.join(root, '_same');
  const first = await buildInto(out);
  assert.equal(first.rendered, first.pages, 'the first build renders every page');
  const before = await inodes(out);
  // Without --force the build would find the output up to date and stop before rendering.
  const second = await buildInto(out, '--force');
  assert.equal(second.pages, first.pages);
  assert.equal(second.rendered, 0);
  const after = await inodes(out);
  const pages = [...before.keys()].filter((f) => f.endsWith('.html'));
  assert.ok(pages.length > 50);
  const rewritten = pages.filter((f) => after.get(f) !== before.get(f));
  assert.deepEqual(rewritten, [], 'every page is the same file as before (linked, not written)');
  await assertSameTree(out, await cleanBuild('_same-clean'));
});

/** The inode of every folder holding a page of `files` (inodes by file, as `inodes` gives them). */
async function folderInodes(out: string, files: Map<string, unknown>): Promise<Map<string, number>> {
  const dirs = new Set([...files.keys()].filter((f) => f.endsWith('.html')).map((f) => path.dirname(f)));
  return new Map(await Promise.all([...dirs].map(async (d) => [d, (await fs.stat(path.join(out, d))).ino] as [string, number])));
}

async function cleanBuild(name: string): Promise<string> {
  const out = path.join(root, name);
  await buildInto(out, '--no-incremental');
  return out;
}

test('after an edit, a removal and an addition, only the pages they touch are rendered, and the output equals a clean build byte for byte', async () => {
  const out = path.join(root, '_edit');
  const { pages } = await buildInto(out);
  const before = await inodes(out);
  const folders = await folderInodes(out, before);

  // Edit one story's headline and body; take one story down; add a new one in another section.
  const edited = await articleFile('beirut-shoppers-feel-the-lira-slide');
  const text = await fs.readFile(edited, 'utf8');
  await fs.writeFile(edited, text.replace(/^title: .*$/m, 'title: "Prices keep climbing as the currency slides again"').replace(/\n\n/, '\n\nAn added opening line for the rebuild test.\n\n'));
  // Taken down on purpose (a 410 page): a folder deleted by hand would fail the URL guard.
  const removedDir = path.dirname(await articleFile('amman-bookshop-keeps-its-doors-open'));
  const unpublished = await runCli(['unpublish', 'amman-bookshop-keeps-its-doors-open', '--root', root, '--now', NOW], { cwd: root });
  assert.equal(unpublished.code, 0, unpublished.stderr);
  assert.ok(!(await fs.stat(removedDir).then(() => true, () => false)), 'the folder is gone');
  const added = path.join(root, 'content/articles/2026/11/new-market-opens');
  await fs.mkdir(added, { recursive: true });
  await fs.writeFile(
    path.join(added, 'index.md'),
    '---\ntitle: A new market opens in the old town\nsummary: Traders return to a street closed for two years.\ndate: 2026-11-20T08:00:00+02:00\nbyline: Staff\nsection: economy\ntags: [markets]\n---\n\nTraders said the street was "busy again" by noon.\n',
  );

  const second = await buildInto(out);
  assert.ok(second.rendered > 0 && second.rendered < pages, `rendered ${second.rendered} of ${second.pages}`);
  const after = await inodes(out);
  const untouched = [...after.keys()].filter((f) => f.endsWith('.html') && after.get(f) === before.get(f));
  assert.ok(untouched.length > 0, 'pages the edit does not touch keep their file');
  assert.ok(!untouched.some((f) => f.includes('beirut-shoppers-feel-the-lira-slide')), 'the edited article is rendered again');
  assert.ok(!untouched.includes('index.html'), 'the home page shows the edited headline and is rendered again');
  // The published media folder is carried into the new output, not linked file by file: its files keep their inode.
  const media = [...before.keys()].filter((f) => f.startsWith('media/') && after.has(f));
  assert.ok(media.length > 20 && media.every((f) => after.get(f) === before.get(f)), 'media files stay the same files');
  assert.ok([...before.keys()].some((f) => f.startsWith('media/') && !after.has(f)), 'the media of the story taken down are removed');

  // Folders of unchanged pages are moved whole into the new output (the same folder), the edited story's is made anew.
  const kept = [...(await folderInodes(out, after))].filter(([dir, ino]) => folders.get(dir) === ino).map(([dir]) => dir);
  assert.ok(kept.length > 0, 'folders of unchanged pages are kept whole');
  assert.ok(!kept.some((d) => d.includes('beirut-shoppers-feel-the-lira-slide')) && !kept.includes('media') && !kept.includes('.'), kept.join(', '));

  const files = await assertSameTree(out, await cleanBuild('_edit-clean'));
  assert.ok(files > 100);
  const home = await fs.readFile(path.join(out, 'index.html'), 'utf8');
  assert.match(home, /Prices keep climbing as the currency slides again/);
  assert.match(home, /A new market opens in the old town/);
  assert.doesNotMatch(home, /amman-bookshop-keeps-its-doors-open/);
});

test('a site-wide change (site.yaml) renders every page again', async () => {
  const out = path.join(root, '_site-wide');
  const { pages } = await buildInto(out);
  const file = path.join(root, 'content/site.yaml');
  const yaml = await fs.readFile(file, 'utf8');
  await fs.writeFile(file, yaml.replace('en: The Levant Ledger\n', 'en: The Levant Ledger Weekly\n'));
  try {
    const again = await buildInto(out);
    assert.equal(again.rendered, pages);
    assert.match(await fs.readFile(path.join(out, 'index.html'), 'utf8'), /The Levant Ledger Weekly/);
  } finally {
    await fs.writeFile(file, yaml);
  }
});

test('a build killed while moving folders into the new output is completed by the next build', async () => {
  const out = path.join(root, '_moved');
  await buildInto(out);
  const files = (await fs.readdir(path.join(out, 'media'))).sort();
  const before = await inodes(out);
  const page = [...before.keys()].find((f) => f.startsWith('conflict/') && f.endsWith('/index.html') && f.split('/').length > 3)!;
  const pageDir = path.dirname(path.dirname(page));
  // As the publish step leaves it between the swap and the moves: the old output holds media/ and a
  // folder of pages, a marker names it and them.
  const old = `${out}.old-1-test`;
  await fs.mkdir(path.join(old, path.dirname(pageDir)), { recursive: true });
  await fs.rename(path.join(out, 'media'), path.join(old, 'media'));
  await fs.rename(path.join(out, pageDir), path.join(old, pageDir));
  await fs.writeFile(path.join(root, '.dateline-media-move-_moved'), JSON.stringify({ old, dirs: ['media', pageDir] }));
  await buildInto(out, '--force');
  assert.deepEqual((await fs.readdir(path.join(out, 'media'))).sort(), files);
  const after = await inodes(out);
  assert.ok(files.every((f) => after.get(`media/${f}`) === before.get(`media/${f}`)), 'the old media folder was moved back in, not made again');
  assert.equal(after.get(page), before.get(page), 'the folder of pages was moved back in');
  assert.ok(!(await fs.stat(path.join(root, '.dateline-media-move-_moved')).then(() => true, () => false)), 'the marker is gone');
  await assertSameTree(out, await cleanBuild('_moved-clean'));
});

test('a story moved to another folder unchanged is listed at its new address by every page that lists it', async () => {
  const out = path.join(root, '_renamed');
  const from = path.dirname(await articleFile('aleppo-weavers-return-to-the-souk'));
  // A permanent id: the story's feed id stays the same when it moves, so nothing else in it changes.
  const original = await fs.readFile(path.join(from, 'index.md'), 'utf8');
  await fs.writeFile(path.join(from, 'index.md'), original.replace(/^---\n/, '---\nid: aleppo-weavers\n'));
  await buildInto(out);
  const to = path.join(path.dirname(from), 'aleppo-weavers-back-in-the-souk');
  await fs.rename(from, to);
  try {
    // The same bytes in another folder: a record with another URL, so every page showing the story changes.
    await buildInto(out);
    const home = await fs.readFile(path.join(out, 'index.html'), 'utf8');
    assert.match(home, /\/aleppo-weavers-back-in-the-souk\//);
    assert.doesNotMatch(home, /href="[^"]*\/aleppo-weavers-return-to-the-souk\/"/);
    const lists = [...(await inodes(out)).keys()].filter((f) => f.endsWith('.html') && !f.includes('aleppo-weavers'));
    const stale = [];
    for (const f of lists) if (/href="[^"]*\/aleppo-weavers-return-to-the-souk\/"/.test(await fs.readFile(path.join(out, f), 'utf8'))) stale.push(f);
    assert.deepEqual(stale, [], 'no page links to the old address');
  } finally {
    await fs.rename(to, from);
    await fs.writeFile(path.join(from, 'index.md'), original);
  }
});
