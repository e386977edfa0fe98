import { test } from 'node:test';
import assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { markdownPipelineVersion, processMarkdown, renderMarkdown } from '../../src/markdown/index.js';
import type { MarkdownInput } from '../../src/markdown/types.js';

const inputs = (n: number, edit = -1): MarkdownInput[] =>
  Array.from({ length: n }, (_, i) => ({
    file: `content/articles/2025/01/s-${i}/index.md`,
    body: `## Part ${i}\n\n"Quote ${i}," she said -- and ${i === edit ? 'changed' : 'left'}...\n\n![Photo](p${i}.jpg)\n`,
    bodyLine: 8,
    lang: 'en',
    wordsPerMinute: 200,
    title: `Story "${i}"`,
  }));

test('a second run reads every article from the cache; an edit reprocesses only that article', async () => {
  const cacheDir = await fs.mkdtemp(path.join(os.tmpdir(), 'dateline-md-cache-'));
  try {
    const first = await processMarkdown(inputs(5), { cacheDir, threads: 1 });
    assert.deepEqual(first.stats, { processed: 5, cached: 0 });
    const second = await processMarkdown(inputs(5), { cacheDir, threads: 1 });
    assert.deepEqual(second.stats, { processed: 0, cached: 5 });
    assert.deepEqual(second.results, first.results);
    const third = await processMarkdown(inputs(5, 3), { cacheDir, threads: 1 });
    assert.deepEqual(third.stats, { processed: 1, cached: 4 });
    assert.match(third.results[3]!.html, /changed/);
    assert.equal(third.results[0]!.title, 'Story “0”');
  } finally {
    await fs.rm(cacheDir, { recursive: true, force: true });
  }
});

test('the worker pool gives the same results as the main thread, in order', async () => {
  const list = inputs(40);
  const pooled = await processMarkdown(list, { threads: 2 });
  assert.equal(pooled.stats.processed, 40);
  assert.deepEqual(pooled.results, list.map(renderMarkdown));
  assert.deepEqual(pooled.results[7]!.photos, [{ src: 'p7.jpg', alt: 'Photo', position: { line: 12, column: 1 } }]);
});

test('a cache that cannot be written is not fatal: results come back and the misses are counted', async () => {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'dateline-md-cache-'));
  // A file where the cache folder should be: every write fails.
  const cacheDir = path.join(dir, 'not-a-folder');
  await fs.writeFile(cacheDir, 'x');
  try {
    const run = await processMarkdown(inputs(3), { cacheDir, threads: 1 });
    assert.deepEqual(run.stats, { processed: 3, cached: 0, unwritable: 3 });
    assert.deepEqual(run.results, inputs(3).map(renderMarkdown));
  } finally {
    await fs.rm(dir, { recursive: true, force: true });
  }
});

test('a corrupt cache entry is treated as a miss and rewritten', async () => {
  const cacheDir = await fs.mkdtemp(path.join(os.tmpdir(), 'dateline-md-cache-'));
  try {
    await processMarkdown(inputs(2), { cacheDir, threads: 1 });
    const entries = (await fs.readdir(cacheDir, { recursive: true, withFileTypes: true })).filter((e) => e.isFile());
    const first = entries[0]!;
    await fs.writeFile(path.join(first.parentPath, first.name), '{"html": "trunc');
    const again = await processMarkdown(inputs(2), { cacheDir, threads: 1 });
    assert.deepEqual(again.stats, { processed: 1, cached: 1 });
    assert.deepEqual(again.results, inputs(2).map(renderMarkdown));
  } finally {
    await fs.rm(cacheDir, { recursive: true, force: true });
  }
});

test('the pipeline version names the unified, remark and rehype versions in use', () => {
  const version = markdownPipelineVersion();
  assert.match(version, /unified@\d+\.\d+\.\d+/);
  assert.match(version, /remark-parse@\d+\.\d+\.\d+/);
  assert.match(version, /rehype-sanitize@\d+\.\d+\.\d+/);
});
