import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { processPhotos } from '../../src/images/index.js';
import type { PhotoOptions, PhotoRequest } from '../../src/images/types.js';

let dir: string;
const src = (name: string) => path.join(dir, name);
const FILE = 'content/articles/2025/05/budget-vote/index.md';
const request = (name: string, role: PhotoRequest['role'] = 'body', line = 9): PhotoRequest => ({ source: src(name), file: FILE, position: { line, column: 3 }, role });
const options = (name: string, write = true): PhotoOptions => ({ outDir: path.join(dir, name, 'site'), cacheDir: path.join(dir, name, 'cache'), root: dir, leadMinWidth: 800, write });

before(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'dateline-advice-'));
  await sharp({ create: { width: 1200, height: 800, channels: 3, background: '#5a7' } }).jpeg().toFile(src('Parliament-Vote.jpg'));
  // 6,400 × 400 px: over the 6,000 px guide, yet small to make.
  await sharp({ create: { width: 6400, height: 400, channels: 3, background: '#778' } }).jpeg().toFile(src('panorama.jpg'));
  // A red disc on a fully transparent square whose hidden pixels are black, as most tools save them.
  const disc = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" width="400" height="400"><circle cx="200" cy="200" r="120" fill="#c0392b"/></svg>');
  await sharp(disc).png().toFile(src('logo-mark.png'));
});

after(async () => fs.rm(dir, { recursive: true, force: true }));

test('a misspelt photo name gets a did-you-mean from the files in its folder', async () => {
  const r = await processPhotos([request('parliament-vote.jpg', 'body', 14)], options('typo', false));
  assert.equal(r.diagnostics.length, 1);
  const d = r.diagnostics[0]!;
  assert.deepEqual([d.ruleId, d.position], ['photo:not-found', { line: 14, column: 3 }]);
  assert.match(d.message, /`parliament-vote\.jpg` does not exist\. Did you mean `Parliament-Vote\.jpg`\?/);
  assert.match(d.hint ?? '', /`Parliament-Vote\.jpg`/);
  const none = await processPhotos([request('unrelated-name.png')], options('typo-none', false));
  assert.ok(!none.diagnostics[0]!.message.includes('Did you mean'));
});

test('a photo over 6,000 px gets a warning with the size to commit', async () => {
  const r = await processPhotos([request('panorama.jpg', 'body', 5)], options('heavy', false));
  assert.deepEqual(r.diagnostics.map((d) => [d.ruleId, d.severity, d.position?.line]), [['photo:heavy-source', 'warning', 5]]);
  assert.match(r.diagnostics[0]!.message, /`panorama\.jpg` is 6400 × 400 px/);
  assert.match(r.diagnostics[0]!.hint ?? '', /Commit a copy 3000 × 188 px/);
});

test('a transparent PNG: placeholder colour from its visible pixels, and flattening onto white said once', async () => {
  const o = options('transparent');
  const r = await processPhotos([request('logo-mark.png', 'body', 20)], o);
  assert.deepEqual(r.diagnostics.map((d) => [d.ruleId, d.position?.line]), [['photo:transparent', 20]]);
  assert.match(r.diagnostics[0]!.message, /JPEG copy \(for older browsers\) put them on white/);
  const set = r.photos.get(src('logo-mark.png'))!;
  assert.equal(set.color, '#c0392b', 'the colour of the disc, not the black under the transparent corners');
  // Said once per photo however many files are made, and again from the cache.
  assert.ok(set.jpeg.length >= 1);
  const again = await processPhotos([request('logo-mark.png', 'body', 20)], { ...o, outDir: path.join(dir, 'transparent', 'site2') });
  assert.deepEqual(again.diagnostics.map((d) => d.ruleId), ['photo:transparent']);
  // The logo of a site is expected to be flattened: no warning there.
  const logo = await processPhotos([request('logo-mark.png', 'logo')], options('transparent-logo', false));
  assert.deepEqual(logo.diagnostics, []);
});
