import { test } from 'node:test';
import assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ContentStore } from '../../src/store/content-store.js';
import { startPrescan } from '../../src/store/listing.js';
import { listFiles } from '../../src/util/fs.js';

/** A content folder of a few files, and an output folder with the build's own records. */
async function folders() {
  const root = await fs.mkdtemp(path.join(os.tmpdir(), 'dateline-prescan-'));
  const content = path.join(root, 'content');
  const out = path.join(root, '_site');
  for (let i = 0; i < 30; i++) {
    const dir = path.join(content, 'articles/2025/01', `story-${i}`);
    await fs.mkdir(dir, { recursive: true });
    await fs.writeFile(path.join(dir, 'index.md'), `---\ntitle: Story ${i}\n---\nBody ${i}.\n`);
  }
  await fs.writeFile(path.join(content, 'site.yaml'), 'name: Test\n');
  for (const rel of ['index.html', 'a/index.html', 'a/b/index.html', 'media/x.jpg', '.dateline/manifest.json', '.dateline/pages.json']) {
    await fs.mkdir(path.dirname(path.join(out, rel)), { recursive: true });
    await fs.writeFile(path.join(out, rel), rel);
  }
  return { root, content, out };
}

test('a stat pass from the listing made on another thread finds what a pass of its own finds; the output count leaves out .dateline/', async () => {
  const { root, content, out } = await folders();
  const cacheA = path.join(root, 'cache-a');
  const cacheB = path.join(root, 'cache-b');
  try {
    for (const cache of [cacheA, cacheB]) {
      const store = await ContentStore.open(cache);
      const first = await store.scan(content);
      assert.equal(first.added.length, 31);
      await store.save();
    }
    // Edited (another size), added, removed, and one rewritten with the same bytes.
    await fs.appendFile(path.join(content, 'articles/2025/01/story-3/index.md'), 'More.\n');
    await fs.mkdir(path.join(content, 'articles/2025/02/new-story'), { recursive: true });
    await fs.writeFile(path.join(content, 'articles/2025/02/new-story/index.md'), '---\ntitle: New\n---\nNew.\n');
    await fs.rm(path.join(content, 'articles/2025/01/story-7'), { recursive: true });
    const same = path.join(content, 'articles/2025/01/story-9/index.md');
    await fs.writeFile(same, await fs.readFile(same));
    ContentStore.forgetAll();

    const prescan = startPrescan(content, out);
    const listing = await prescan.content;
    assert.ok(listing, 'the thread listed the folder');
    assert.deepEqual(listing.rels, await listFiles(content));
    assert.equal(await prescan.outputFiles(), 4, 'every file of the output but its .dateline/ records');
    prescan.stop();

    const withListing = await (await ContentStore.open(cacheA)).scan(content, undefined, listing);
    const own = await (await ContentStore.open(cacheB)).scan(content);
    assert.deepEqual(withListing, own);
    assert.deepEqual(withListing.changed, ['articles/2025/01/story-3/index.md']);
    assert.deepEqual(withListing.added, ['articles/2025/02/new-story/index.md']);
    assert.deepEqual(withListing.removed, ['articles/2025/01/story-7/index.md']);
  } finally {
    ContentStore.forgetAll();
    await fs.rm(root, { recursive: true, force: true });
  }
});

test('a file gone between the listing and the pass is removed from the store, not an error', async () => {
  const { root, content, out } = await folders();
  try {
    const store = await ContentStore.open(path.join(root, 'cache'));
    await store.scan(content);
    const prescan = startPrescan(content, out);
    const listing = (await prescan.content)!;
    prescan.stop();
    await fs.rm(path.join(content, 'articles/2025/01/story-1'), { recursive: true });
    // What the thread saw of it no longer holds: the pass looks for itself.
    const i = listing.rels.indexOf('articles/2025/01/story-1/index.md');
    listing.size[i] = NaN;
    const changes = await store.scan(content, undefined, listing);
    assert.deepEqual(changes.removed, ['articles/2025/01/story-1/index.md']);
    assert.equal(store.get('articles/2025/01/story-1/index.md'), undefined);
  } finally {
    ContentStore.forgetAll();
    await fs.rm(root, { recursive: true, force: true });
  }
});

test('a listing of a folder that does not exist is empty, and so is the count', async () => {
  const root = await fs.mkdtemp(path.join(os.tmpdir(), 'dateline-prescan-'));
  try {
    const prescan = startPrescan(path.join(root, 'nothing'), path.join(root, 'no-output'));
    assert.deepEqual((await prescan.content)?.rels, []);
    assert.equal(await prescan.outputFiles(), 0);
    prescan.stop();
  } finally {
    await fs.rm(root, { recursive: true, force: true });
  }
});
