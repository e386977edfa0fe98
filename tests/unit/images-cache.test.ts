import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { processPhotos, prunePhotoCache } from '../../src/images/index.js';
import type { PhotoOptions, PhotoRequest, PhotoSet } from '../../src/images/types.js';

let dir: string;
const src = (name: string) => path.join(dir, 'content', name);
const request = (name: string, role: PhotoRequest['role'] = 'body'): PhotoRequest => ({ source: src(name), file: 'content/articles/a/index.md', position: { line: 5, column: 1 }, role });
const urls = (set: PhotoSet) => [...set.avif, ...set.webp, ...set.jpeg, ...(set.share ? [set.share] : []), ...Object.values(set.crops ?? {})].map((f) => f.url);

async function photo(name: string, colour: string): Promise<void> {
  const noise = await sharp({ create: { width: 900, height: 600, channels: 3, noise: { type: 'gaussian', mean: 128, sigma: 20 } } } as never).png().toBuffer();
  await sharp(noise).composite([{ input: Buffer.from(`<svg xmlns="http://www.w3.org/2000/svg" width="900" height="600"><rect width="900" height="300" fill="${colour}"/></svg>`), blend: 'multiply' }]).jpeg().toFile(src(name));
}

before(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'dateline-images-cache-'));
  await fs.mkdir(path.join(dir, 'content'));
  await photo('one.jpg', '#c33');
  await photo('two.jpg', '#36c');
});

after(async () => fs.rm(dir, { recursive: true, force: true }));

const options = (site: string, cache = 'cache'): PhotoOptions => ({ outDir: path.join(dir, site), cacheDir: path.join(dir, cache), root: dir, leadMinWidth: 800, write: true });

test('a second run with nothing changed encodes nothing and places every file from the cache', async () => {
  const requests = [request('one.jpg', 'lead'), request('two.jpg')];
  const cold = await processPhotos(requests, options('site-1'));
  assert.deepEqual(cold.stats, { photos: 2, encoded: 2, cached: 0 });
  const warm = await processPhotos(requests, options('site-2'));
  assert.deepEqual(warm.stats, { photos: 2, encoded: 0, cached: 2 });
  assert.deepEqual(warm.diagnostics, []);
  for (const source of [src('one.jpg'), src('two.jpg')]) {
    const a = cold.photos.get(source)!;
    const b = warm.photos.get(source)!;
    assert.deepEqual(b, a, 'the cached set is the set');
    for (const url of urls(b)) {
      const fresh = await fs.readFile(path.join(dir, 'site-1', url));
      const placed = await fs.readFile(path.join(dir, 'site-2', url));
      assert.ok(placed.equals(fresh), url);
    }
  }
  // Placed by hard link where the file system allows: no bytes copied.
  const first = urls(warm.photos.get(src('one.jpg'))!)[0]!;
  const cached = path.join(dir, 'cache', warm.photos.get(src('one.jpg'))!.hash, path.basename(first));
  assert.equal((await fs.stat(path.join(dir, 'site-2', first))).ino, (await fs.stat(cached)).ino);
  // The cache entry holds the files and the set record.
  const entry = await fs.readdir(path.join(dir, 'cache', cold.photos.get(src('one.jpg'))!.hash));
  assert.ok(entry.includes('set.json'));
  assert.equal(entry.length, urls(cold.photos.get(src('one.jpg'))!).length + 1);
});

test('a changed source re-encodes only itself, under a new name', async () => {
  const requests = [request('one.jpg'), request('two.jpg')];
  const first = await processPhotos(requests, options('site-3'));
  await photo('two.jpg', '#3c6');
  const second = await processPhotos(requests, options('site-4'));
  assert.deepEqual(second.stats, { photos: 2, encoded: 1, cached: 1 });
  assert.equal(second.photos.get(src('one.jpg'))!.hash, first.photos.get(src('one.jpg'))!.hash);
  assert.notEqual(second.photos.get(src('two.jpg'))!.hash, first.photos.get(src('two.jpg'))!.hash);
  assert.notDeepEqual(urls(second.photos.get(src('two.jpg'))!), urls(first.photos.get(src('two.jpg'))!));
});

test('a role change is a new cache entry (lead adds a share card and crops)', async () => {
  const asBody = await processPhotos([request('two.jpg', 'body')], options('site-5'));
  assert.equal(asBody.stats.encoded, 0, 'already cached as a body photo');
  const asLead = await processPhotos([request('two.jpg', 'lead')], options('site-6'));
  assert.equal(asLead.stats.encoded, 1);
  assert.ok(asLead.photos.get(src('two.jpg'))!.share);
  assert.notEqual(asLead.photos.get(src('two.jpg'))!.hash, asBody.photos.get(src('two.jpg'))!.hash);
});

test('a cache that cannot be written is one warning, and the photos are still published', async () => {
  // A file where the cache folder should be: no folder can be made there, even as root.
  await fs.writeFile(path.join(dir, 'blocked'), 'not a folder');
  const o = options('site-7', path.join('blocked', 'photos'));
  const r = await processPhotos([request('one.jpg'), request('two.jpg')], o);
  assert.deepEqual(r.diagnostics.map((d) => [d.ruleId, d.severity]), [['cache:unwritable', 'warning']]);
  assert.match(r.diagnostics[0]!.message, /photo cache cannot be written/);
  assert.equal(r.photos.size, 2);
  for (const set of r.photos.values()) for (const url of urls(set)) await fs.access(path.join(o.outDir, url));
  const again = await processPhotos([request('one.jpg'), request('two.jpg')], { ...o, outDir: path.join(dir, 'site-8') });
  assert.equal(again.stats.encoded, 2, 'without a cache everything is encoded again');
});

test('pruning removes the entries not in use and keeps the rest', async () => {
  const cacheDir = path.join(dir, 'prune-cache');
  const o = { ...options('site-9'), cacheDir };
  const kept = await processPhotos([request('one.jpg')], o);
  await processPhotos([request('two.jpg')], o);
  assert.equal((await fs.readdir(cacheDir)).length, 2);
  const { removed, bytes } = await prunePhotoCache(cacheDir, kept.hashes!);
  assert.equal(removed, 1);
  assert.ok(bytes > 1000, `${bytes} bytes freed`);
  assert.deepEqual(await fs.readdir(cacheDir), [...kept.hashes!]);
  const again = await processPhotos([request('one.jpg')], { ...o, outDir: path.join(dir, 'site-10') });
  assert.deepEqual(again.stats, { photos: 1, encoded: 0, cached: 1 });
  assert.deepEqual(await prunePhotoCache(path.join(dir, 'no-such-cache'), new Set()), { removed: 0, bytes: 0 });
});

test('a cache entry that lost a file is encoded again instead of failing the build', async () => {
  const cacheDir = path.join(dir, 'damaged-cache');
  const first = await processPhotos([request('one.jpg')], { ...options('site-11'), cacheDir });
  const set = first.photos.get(src('one.jpg'))!;
  await fs.rm(path.join(cacheDir, set.hash, path.basename(set.webp[0]!.url)));
  const o = { ...options('site-12'), cacheDir };
  const again = await processPhotos([request('one.jpg')], o);
  assert.deepEqual(again.stats, { photos: 1, encoded: 1, cached: 0 });
  assert.deepEqual(again.diagnostics, []);
  for (const url of urls(again.photos.get(src('one.jpg'))!)) await fs.access(path.join(o.outDir, url));
  await fs.access(path.join(cacheDir, set.hash, path.basename(set.webp[0]!.url)));
});
