import { test } from 'node:test';
import assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadContent } from '../../src/load/index.js';
import { renderMarkdown } from '../../src/markdown/index.js';
import type { MarkdownInput } from '../../src/markdown/types.js';
import { ContentStore } from '../../src/store/content-store.js';
import { markdownKey, markdownWithStore } from '../../src/store/markdown.js';

test('results kept in the content store’s files are read back when used, and rendered again when a file is gone', async () => {
  const root = await fs.mkdtemp(path.join(os.tmpdir(), 'dateline-md-store-'));
  const cacheDir = path.join(root, '.cache');
  const slugs = ['one', 'two', 'three'];
  try {
    for (const slug of slugs) {
      const file = path.join(root, 'content/articles/2025/05', slug, 'index.md');
      await fs.mkdir(path.dirname(file), { recursive: true });
      await fs.writeFile(file, `---\ntitle: Story ${slug}\n---\n\n## The ${slug} part\n\nA body for story *${slug}*, with [a link](https://example.org/${slug}).\n`);
    }
    const { articles } = await loadContent(root, { cacheDir });
    const store = await ContentStore.open(cacheDir);
    const jobs = articles.map((a) => {
      const key = markdownKey({ file: a.file, bodyLine: a.bodyLine ?? 1, lang: 'en', title: `Story ${a.file}` }, 200);
      const input: MarkdownInput = { ...key, body: a.body ?? '' };
      return { key, input: () => input, entry: store.get(a.file.replace(/^content\//, '')) };
    });
    assert.ok(jobs.every((j) => j.entry), 'every article has a store entry');
    const expected = jobs.map((j) => renderMarkdown(j.input()));
    let rendered = 0;
    const first = await markdownWithStore(store, jobs, async (inputs) => ((rendered += inputs.length), inputs.map(renderMarkdown)));
    assert.equal(rendered, 3);
    assert.deepEqual(first.stats, { processed: 3, cached: 0 });
    // The first result's files are removed before its HTML is first used: it is rendered again, the same.
    const entry = jobs[0]!.entry!.markdown!;
    await fs.rm(path.join(store.dir!, 'html', entry.htmlDigest.slice(0, 2), entry.htmlDigest.slice(2)));
    for (const [i, result] of first.results.entries()) {
      const slug = path.basename(path.dirname(jobs[i]!.key.file));
      assert.equal(result.html, expected[i]!.html, slug);
      assert.equal(result.text, expected[i]!.text, slug);
      assert.match(result.html, new RegExp(`<em>${slug}</em>`));
    }
    // A second run renders nothing and gives the same HTML from the files.
    const second = await markdownWithStore(store, jobs, async (inputs) => ((rendered += inputs.length), inputs.map(renderMarkdown)));
    assert.equal(rendered, 3);
    assert.deepEqual(second.stats, { processed: 0, cached: 3 });
    assert.deepEqual(second.results.map((r) => r.html), expected.map((r) => r.html));
  } finally {
    ContentStore.forgetAll();
    await fs.rm(root, { recursive: true, force: true });
  }
});

test('a result handed over as it is made is kept while the rest are still rendering', async () => {
  const root = await fs.mkdtemp(path.join(os.tmpdir(), 'dateline-md-stream-'));
  const cacheDir = path.join(root, '.cache');
  try {
    for (const slug of ['first', 'second']) {
      const file = path.join(root, 'content/articles/2025/05', slug, 'index.md');
      await fs.mkdir(path.dirname(file), { recursive: true });
      await fs.writeFile(file, `---\ntitle: Story ${slug}\n---\n\nThe ${slug} body.\n`);
    }
    const { articles } = await loadContent(root, { cacheDir });
    const store = await ContentStore.open(cacheDir);
    const jobs = articles.map((a) => {
      const key = markdownKey({ file: a.file, bodyLine: a.bodyLine ?? 1, lang: 'en', title: a.file }, 200);
      const input: MarkdownInput = { ...key, body: a.body ?? '' };
      return { key, input: () => input, entry: store.get(a.file.replace(/^content\//, '')) };
    });
    let keptBeforeTheRest = false;
    const run = await markdownWithStore(store, jobs, async (inputs, each) => {
      const firstResult = renderMarkdown(inputs[0]!);
      each(0, firstResult);
      // The first result's files are written while the second is still to come.
      for (let i = 0; i < 100 && !jobs[0]!.entry!.markdown; i++) await new Promise((r) => setTimeout(r, 5));
      const kept = jobs[0]!.entry!.markdown;
      keptBeforeTheRest = kept !== undefined && (await fs.stat(path.join(store.dir!, 'html', kept.htmlDigest.slice(0, 2), kept.htmlDigest.slice(2)))).isFile();
      return [firstResult, renderMarkdown(inputs[1]!)];
    });
    assert.ok(keptBeforeTheRest, 'the first result was in the store before the second was made');
    assert.deepEqual(run.stats, { processed: 2, cached: 0 });
    assert.ok(jobs.every((j) => j.entry!.markdown), 'both results are kept');
    assert.match(run.results[1]!.html, /The second body/);
  } finally {
    ContentStore.forgetAll();
    await fs.rm(root, { recursive: true, force: true });
  }
});
