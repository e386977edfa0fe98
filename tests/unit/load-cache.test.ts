import { test } from 'node:test';
import assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadContent } from '../../src/load/index.js';
import { repoRoot } from '../helpers/project.js';

test('front matter read from the cache equals a fresh parse: data, body, body line and positions', async () => {
  const cacheDir = await fs.mkdtemp(path.join(os.tmpdir(), 'dateline-load-cache-'));
  try {
    const fresh = await loadContent(repoRoot);
    await loadContent(repoRoot, { cacheDir });
    const saved = JSON.parse(await fs.readFile(path.join(cacheDir, 'front-matter.json'), 'utf8')) as { entries: Record<string, unknown> };
    assert.equal(Object.keys(saved.entries).length, fresh.articles.length, 'one entry per article');
    const cached = await loadContent(repoRoot, { cacheDir });
    assert.equal(cached.articles.length, fresh.articles.length);
    for (const [i, a] of fresh.articles.entries()) {
      const b = cached.articles[i]!;
      assert.equal(b.file, a.file);
      assert.deepEqual(b.frontMatter?.data, a.frontMatter?.data, a.file);
      assert.equal(b.body, a.body);
      assert.equal(b.bodyLine, a.bodyLine);
      for (const at of [['title'], ['image', 'src'], ['authors', 0], ['missing-key']] as const) {
        assert.deepEqual(b.frontMatter?.positionOf(at), a.frontMatter?.positionOf(at), `${a.file} ${at.join('.')}`);
      }
    }
  } finally {
    await fs.rm(cacheDir, { recursive: true, force: true });
  }
});

test('a changed article is parsed again, and entries of deleted articles are dropped', async () => {
  const root = await fs.mkdtemp(path.join(os.tmpdir(), 'dateline-load-cache-site-'));
  const cacheDir = path.join(root, '.cache');
  const file = (slug: string) => path.join(root, 'content/articles/2025/05', slug, 'index.md');
  try {
    for (const slug of ['one', 'two']) {
      await fs.mkdir(path.dirname(file(slug)), { recursive: true });
      await fs.writeFile(file(slug), `---\ntitle: Story ${slug}\n---\n\nBody.\n`);
    }
    await loadContent(root, { cacheDir });
    await fs.writeFile(file('one'), '---\ntitle: Story one, edited\ntags: [a]\n---\n\nBody.\n');
    await fs.rm(path.dirname(file('two')), { recursive: true });
    const again = await loadContent(root, { cacheDir });
    assert.deepEqual(again.articles.map((a) => a.frontMatter?.data), [{ title: 'Story one, edited', tags: ['a'] }]);
    const saved = JSON.parse(await fs.readFile(path.join(cacheDir, 'front-matter.json'), 'utf8')) as { entries: Record<string, unknown> };
    assert.deepEqual(Object.keys(saved.entries), [again.articles[0]!.hash]);
  } finally {
    await fs.rm(root, { recursive: true, force: true });
  }
});
