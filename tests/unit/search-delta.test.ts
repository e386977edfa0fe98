import { test } from 'node:test';
import assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { buildSearchIndex, deltaLimit, type DeltaFile, type SearchArticle } from '../../src/render/search-index.js';
import { searchRecords } from '../helpers/search-records.js';
import { execFile } from 'node:child_process';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { repoRoot } from '../helpers/project.js';

const record = (i: number, text = `Story ${i} about the harbour and the market.`): SearchArticle => ({
  url: `/news/story-${i}/`,
  language: i % 4 === 3 ? 'ar' : 'en',
  title: `Story ${i}`,
  date: '2026-01-01T09:00:00+03:00',
  content: text,
});

const readDelta = async (site: string) => JSON.parse(await fs.readFile(path.join(site, 'pagefind', 'delta.json'), 'utf8')) as DeltaFile;
const found = async (site: string) => (await searchRecords(site)).map((r) => [r.url, r.content]);
const expected = (records: SearchArticle[]) => [...records].sort((a, b) => (a.url < b.url ? -1 : 1)).map((r) => [r.url, r.content]);

test('the search index is an archive plus a delta of what changed since, rebuilt whole when the delta grows past its limit', async () => {
  const work = await fs.mkdtemp(path.join(os.tmpdir(), 'dateline-search-delta-'));
  try {
    const cacheDir = path.join(work, 'cache');
    const site = (n: number) => path.join(work, `site-${n}`);
    let records = Array.from({ length: 60 }, (_, i) => record(i));
    assert.equal(deltaLimit(records.length), 50);

    // First build: every record in the archive, nothing in the delta.
    let r = await buildSearchIndex(site(1), records, { cacheDir });
    assert.deepEqual([r.indexed, r.delta], [60, 0]);
    assert.deepEqual(await readDelta(site(1)), { bundle: null, languages: [], superseded: [] });
    assert.deepEqual(await found(site(1)), expected(records));

    // One story changed, one removed, one added: three records indexed into the delta, two archive records superseded.
    records = records.filter((a) => a.url !== '/news/story-5/').map((a) => (a.url === '/news/story-8/' ? record(8, 'Story 8 now about the quay.') : a));
    records.push(record(99));
    r = await buildSearchIndex(site(2), records, { cacheDir });
    assert.deepEqual([r.indexed, r.delta], [2, 2]);
    const delta = await readDelta(site(2));
    assert.equal(delta.bundle, 'delta/');
    assert.deepEqual(delta.languages, ['ar', 'en']);
    assert.equal(delta.superseded.length, 2);
    assert.deepEqual(await found(site(2)), expected(records));
    // Only the delta's data files are placed in its folder: the scripts come from the archive.
    const deltaFiles = await fs.readdir(path.join(site(2), 'pagefind', 'delta'));
    assert.ok(deltaFiles.includes('pagefind-entry.json') && !deltaFiles.some((f) => /\.(js|css)$/.test(f)), deltaFiles.join(', '));

    // The same records again: both bundles come from the cache, nothing is indexed.
    r = await buildSearchIndex(site(3), records, { cacheDir });
    assert.deepEqual([r.indexed, r.delta], [0, 2]);
    assert.deepEqual(await found(site(3)), expected(records));

    // Past the limit, the archive is rebuilt from every record and the delta is empty again.
    records = records.map((a, i) => (i < 51 ? { ...a, content: `${a.content} Revised.` } : a));
    r = await buildSearchIndex(site(4), records, { cacheDir });
    assert.deepEqual([r.indexed, r.delta], [records.length, 0]);
    assert.deepEqual(await readDelta(site(4)), { bundle: null, languages: [], superseded: [] });
    assert.deepEqual(await found(site(4)), expected(records));
    // The cache names the rebuilt archive; bundles used within the hour stay (another build sharing the cache may be using them).
    const archive = JSON.parse(await fs.readFile(path.join(cacheDir, 'archive.json'), 'utf8')) as { id: string };
    assert.ok((await fs.readdir(cacheDir)).includes(archive.id));

    // Built in place into the same folder, a further edit replaces only the delta.
    records = records.map((a) => (a.url === '/news/story-10/' ? record(10, 'Story 10 about lanterns.') : a));
    r = await buildSearchIndex(site(4), records, { cacheDir });
    assert.deepEqual([r.indexed, r.delta], [1, 1]);
    assert.deepEqual(await found(site(4)), expected(records));
  } finally {
    await fs.rm(work, { recursive: true, force: true });
  }
});

test('builds sharing one cache at the same time each publish a whole index (a bundle in the cache is never replaced while another reads it)', async () => {
  const work = await fs.mkdtemp(path.join(os.tmpdir(), 'dateline-search-shared-'));
  try {
    const cacheDir = path.join(work, 'cache');
    const records = Array.from({ length: 40 }, (_, i) => record(i));
    const sites = [1, 2, 3].map((n) => path.join(work, `site-${n}`));
    // The same records at once, in three processes (as parallel builds or test files sharing a
    // cache): each makes the same archive; the first to finish is the cache's.
    const module = pathToFileURL(path.join(repoRoot, 'dist/src/render/search-index.js')).href;
    const run = (site: string) =>
      promisify(execFile)(process.execPath, ['--input-type=module', '-e', `const m = await import(${JSON.stringify(module)}); await m.buildSearchIndex(${JSON.stringify(site)}, ${JSON.stringify(records)}, { cacheDir: ${JSON.stringify(cacheDir)} });`]);
    await Promise.all(sites.map(run));
    for (const site of sites) assert.deepEqual(await found(site), expected(records));
    const left = (await fs.readdir(cacheDir)).filter((n) => /\.(tmp|stale)-/.test(n));
    assert.deepEqual(left, [], 'no temporary bundle is left in the cache');
  } finally {
    await fs.rm(work, { recursive: true, force: true });
  }
});
