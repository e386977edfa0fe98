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

test('front matter beyond Latin-1 (Arabic, curly quotes, an emoji, a line separator) comes back from the store unchanged', async () => {
  const root = await fs.mkdtemp(path.join(os.tmpdir(), 'dateline-load-cache-text-'));
  const cacheDir = path.join(root, '.cache');
  const file = path.join(root, 'content/articles/2025/05/one/index.md');
  try {
    await fs.mkdir(path.dirname(file), { recursive: true });
    await fs.writeFile(file, '---\ntitle: "“Quoted” — العائلات 😀 line\\u2028break"\ntags: [أخبار, é]\ncount: 3\n---\n\nBody.\n');
    const first = await loadContent(root, { cacheDir });
    const expected = { title: '“Quoted” — العائلات 😀 line\u2028break', tags: ['أخبار', 'é'], count: 3 };
    assert.deepEqual(first.articles[0]!.frontMatter?.data, expected);
    ContentStore.forgetAll();
    const cached = await loadContent(root, { cacheDir });
    assert.equal(cached.stats.read, 0, 'the front matter came from the store');
    assert.deepEqual(cached.articles[0]!.frontMatter?.data, expected);
  } finally {
    await fs.rm(root, { recursive: true, force: true });
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

test('a save appends the changed entries to the store’s log; a new process reads them; a torn end is ignored; many changes write the store whole', async () => {
  const root = await fs.mkdtemp(path.join(os.tmpdir(), 'dateline-load-cache-log-'));
  const cacheDir = path.join(root, '.cache');
  const records = path.join(cacheDir, 'store', 'records.v8');
  const log = path.join(cacheDir, 'store', 'records.log');
  const slugs = ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i', 'j', 'k', 'l'];
  const file = (slug: string) => path.join(root, 'content/articles/2025/05', slug, 'index.md');
  // Times an hour back (a second apart): a file changed within a second of a scan is hashed again on every scan.
  let clock = Date.now() / 1000 - 3600;
  const write = async (slug: string, title: string) => {
    await fs.writeFile(file(slug), `---\ntitle: ${title}\n---\n\nBody.\n`);
    clock += 1;
    await fs.utimes(file(slug), clock, clock);
  };
  const load = async () => {
    ContentStore.forgetAll();
    return loadContent(root, { cacheDir });
  };
  const titles = (l: Awaited<ReturnType<typeof loadContent>>) => l.articles.map((a) => (a.frontMatter?.data as { title: string }).title);
  try {
    for (const slug of slugs) {
      await fs.mkdir(path.dirname(file(slug)), { recursive: true });
      await write(slug, `Story ${slug}`);
    }
    await load();
    const base = await fs.stat(records);
    await assert.rejects(fs.stat(log), 'a store written whole has no log');

    await write('a', 'Story a, edited');
    assert.equal((await load()).stats.read, 1);
    const after = await fs.stat(records);
    assert.deepEqual([after.ino, after.size, after.mtimeMs], [base.ino, base.size, base.mtimeMs], 'the records file is not written again');
    const logged = (await fs.stat(log)).size;
    assert.ok(logged > 0 && logged < base.size / 2, `the log holds one entry (${logged} of ${base.size} bytes)`);

    const again = await load();
    assert.equal(again.stats.read, 0, 'the edit was saved: nothing is read again');
    assert.deepEqual(titles(again), ['Story a, edited', ...slugs.slice(1).map((s) => `Story ${s}`)]);

    // A process killed while appending leaves a torn frame: ignored, and the next save writes the store whole.
    await fs.appendFile(log, Buffer.from([200, 0, 0, 0, 1, 2, 3]));
    await write('b', 'Story b, edited');
    const torn = await load();
    assert.equal(torn.stats.read, 1);
    assert.deepEqual(titles(torn).slice(0, 2), ['Story a, edited', 'Story b, edited']);
    await assert.rejects(fs.stat(log), 'written whole: the log is gone');
    assert.notEqual((await fs.stat(records)).ino, base.ino);

    // An edit and a removal are appended; then more than a quarter of the entries changed at once writes the store whole.
    await write('c', 'Story c, edited');
    await fs.rm(path.dirname(file('h')), { recursive: true });
    await load();
    const grown = await fs.stat(log);
    assert.ok(grown.size > 0);
    const removed = await load();
    assert.equal(removed.stats.read, 0);
    assert.deepEqual(titles(removed), ['Story a, edited', 'Story b, edited', 'Story c, edited', ...slugs.slice(3).filter((s) => s !== 'h').map((s) => `Story ${s}`)]);
    const before = (await fs.stat(records)).ino;
    for (const slug of ['d', 'e', 'f']) await write(slug, `Story ${slug}, edited`);
    await load();
    await assert.rejects(fs.stat(log));
    assert.notEqual((await fs.stat(records)).ino, before);
    const last = await load();
    assert.equal(last.stats.read, 0);
    assert.deepEqual(titles(last).slice(3, 7), ['Story d, edited', 'Story e, edited', 'Story f, edited', 'Story g']);
  } finally {
    await fs.rm(root, { recursive: true, force: true });
  }
});

test('a scan keeps the bytes of the Markdown and YAML it read for the loader, not those of photos', async () => {
  const root = await fs.mkdtemp(path.join(os.tmpdir(), 'dateline-load-cache-bytes-'));
  try {
    const bundle = path.join(root, 'content/articles/2025/05/vote');
    await fs.mkdir(bundle, { recursive: true });
    await fs.writeFile(path.join(bundle, 'index.md'), '---\ntitle: A vote\n---\n\nBody.\n');
    await fs.writeFile(path.join(bundle, 'photo.jpg'), Buffer.alloc(4096, 1));
    await fs.writeFile(path.join(root, 'content/site.yaml'), 'title: Test\n');
    // A store without a folder (never saved), as `check` uses.
    const store = await ContentStore.open(undefined);
    const changes = await store.scan(path.join(root, 'content'));
    assert.deepEqual(changes.added, ['articles/2025/05/vote/index.md', 'articles/2025/05/vote/photo.jpg', 'site.yaml']);
    assert.ok(store.get('articles/2025/05/vote/photo.jpg')?.digest, 'the photo is hashed');
    assert.equal(store.takeBytes('articles/2025/05/vote/photo.jpg'), undefined);
    assert.equal(store.takeBytes('articles/2025/05/vote/index.md')?.toString(), '---\ntitle: A vote\n---\n\nBody.\n');
    assert.equal(store.takeBytes('site.yaml')?.toString(), 'title: Test\n');
    assert.equal(store.takeBytes('site.yaml'), undefined, 'taken once');
  } finally {
    await fs.rm(root, { recursive: true, force: true });
  }
});
