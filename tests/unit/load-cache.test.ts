import { test } from 'node:test';
import assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadContent } from '../../src/load/index.js';
import { ContentStore } from '../../src/store/content-store.js';
import { repoRoot } from '../helpers/project.js';

test('front matter read from the content store equals a fresh parse: data, body, body line and positions; nothing is read again', async () => {
  const cacheDir = await fs.mkdtemp(path.join(os.tmpdir(), 'dateline-load-cache-'));
  try {
    const fresh = await loadContent(repoRoot);
    const first = await loadContent(repoRoot, { cacheDir });
    assert.equal(first.stats.read, fresh.stats.read, 'an empty store reads every file');
    await fs.stat(path.join(cacheDir, 'store', 'records.v8'));
    // A new process: the store is read from disk, not kept in memory.
    ContentStore.forgetAll();
    const cached = await loadContent(repoRoot, { cacheDir });
    assert.equal(cached.stats.read, 0, 'no unchanged file is read again');
    assert.equal(cached.articles.length, fresh.articles.length);
    for (const [i, a] of fresh.articles.entries()) {
      const b = cached.articles[i]!;
      assert.equal(b.file, a.file);
      assert.equal(b.hash, a.hash);
      assert.deepEqual(b.frontMatter?.data, a.frontMatter?.data, a.file);
      assert.equal(b.body, a.body);
      assert.equal(b.bodyLine, a.bodyLine);
      for (const at of [['title'], ['image', 'src'], ['authors', 0], ['missing-key']] as const) {
        assert.deepEqual(b.frontMatter?.positionOf(at), a.frontMatter?.positionOf(at), `${a.file} ${at.join('.')}`);
      }
    }
    for (const [i, a] of fresh.authors.entries()) assert.deepEqual(cached.authors[i]!.source?.data, a.source?.data, a.file);
  } finally {
    await fs.rm(cacheDir, { recursive: true, force: true });
  }
});

test('a changed article is parsed again, and entries of deleted articles are dropped', async () => {
  const root = await fs.mkdtemp(path.join(os.tmpdir(), 'dateline-load-cache-site-'));
  const cacheDir = path.join(root, '.cache');
  const file = (slug: string) => path.join(root, 'content/articles/2025/05', slug, 'index.md');
  try {
    for (const slug of ['one', 'two', 'three']) {
      await fs.mkdir(path.dirname(file(slug)), { recursive: true });
      await fs.writeFile(file(slug), `---\ntitle: Story ${slug}\n---\n\nBody.\n`);
    }
    await loadContent(root, { cacheDir });
    await fs.writeFile(file('one'), '---\ntitle: Story one, edited\ntags: [a]\n---\n\nBody.\n');
    await fs.rm(path.dirname(file('two')), { recursive: true });
    ContentStore.forgetAll();
    const again = await loadContent(root, { cacheDir });
    assert.deepEqual(
      again.articles.map((a) => a.frontMatter?.data),
      [{ title: 'Story one, edited', tags: ['a'] }, { title: 'Story three' }],
    );
    assert.equal(again.stats.read, 1, 'only the edited article is read');
    ContentStore.forgetAll();
    const store = await ContentStore.open(cacheDir);
    assert.deepEqual(store.files(), ['articles/2025/05/one/index.md', 'articles/2025/05/three/index.md']);
  } finally {
    await fs.rm(root, { recursive: true, force: true });
  }
});
