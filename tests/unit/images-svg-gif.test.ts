import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { processPhotos, renderPicture } from '../../src/images/index.js';
import type { PhotoOptions, PhotoRequest } from '../../src/images/types.js';
import { HOSTILE_SVG, animatedGif } from '../helpers/graphics.js';

let dir: string;
const src = (name: string) => path.join(dir, name);
const FILE = 'content/articles/2025/05/chart/index.md';
const request = (name: string, role: PhotoRequest['role'] = 'body', line = 7): PhotoRequest => ({ source: src(name), file: FILE, position: { line, column: 1 }, role });
const options = (name: string, write = true): PhotoOptions => ({ outDir: path.join(dir, name, 'site'), cacheDir: path.join(dir, name, 'cache'), root: dir, leadMinWidth: 800, write });

before(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'dateline-svg-gif-'));
  await fs.writeFile(src('chart.svg'), HOSTILE_SVG);
  await fs.writeFile(src('loop.gif'), await animatedGif(['#a3161a', '#0b4f8a', '#16181d']));
  await sharp({ create: { width: 640, height: 360, channels: 3, background: '#5a7' } }).gif().toFile(src('still.gif'));
  await fs.writeFile(src('page.svg'), '<html><body>not a drawing</body></html>');
});

after(async () => fs.rm(dir, { recursive: true, force: true }));

test('an SVG is published sanitised: no script, no event handler, no external reference; a warning names what was removed', async () => {
  const o = options('svg');
  const r = await processPhotos([request('chart.svg')], o);
  assert.deepEqual(r.diagnostics.map((d) => [d.ruleId, d.severity, d.position?.line]), [['photo:svg-unsafe', 'warning', 7]]);
  const message = r.diagnostics[0]!.message;
  for (const part of ['<script>', '`onload`', 'https://tracker.example/pixel.png', '<style>']) assert.ok(message.includes(part), `${part} in: ${message}`);
  const set = r.photos.get(src('chart.svg'))!;
  assert.ok(set.svg, 'an SVG set keeps its vector file');
  assert.deepEqual([set.svg.width, set.svg.height, set.svg.type], [600, 300, 'image/svg+xml']);
  const published = await fs.readFile(path.join(o.outDir, set.svg.url), 'utf8');
  for (const bad of ['<script', 'onload', 'tracker.example', 'javascript:', '@import']) assert.ok(!published.includes(bad), `${bad} is gone`);
  for (const good of ['linearGradient', 'url(#grad)', 'xlink:href="#bar"', 'Wheat prices, 2024']) assert.ok(published.includes(good), `${good} is kept`);
  // The cleaned file is still a drawing librsvg renders, and feeds get a JPEG rendering of it.
  assert.equal((await sharp(Buffer.from(published)).metadata()).width, 600);
  assert.ok(set.jpeg.length > 0 && set.avif.length === 0);
  const html = renderPicture({ ...set, source: src('chart.svg') }, { alt: 'Wheat prices', sizes: '100vw', priority: false });
  assert.equal(html, `<img src="${set.svg.url}" width="600" height="300" alt="Wheat prices" decoding="async" loading="lazy">`);
  // From the cache, the warning is repeated.
  const again = await processPhotos([request('chart.svg')], { ...o, outDir: path.join(dir, 'svg', 'site2') });
  assert.deepEqual([again.stats.cached, again.diagnostics.map((d) => d.ruleId)], [1, ['photo:svg-unsafe']]);
});

test('an SVG lead graphic gets a share card and crops rendered from the vector', async () => {
  const r = await processPhotos([request('chart.svg', 'lead', 3)], options('svg-lead'));
  const set = r.photos.get(src('chart.svg'))!;
  assert.equal(set.share?.width, 1200);
  assert.ok(set.crops?.['16x9']);
  assert.ok(!r.diagnostics.some((d) => d.ruleId === 'photo:too-small'), 'a vector is never too small');
});

test('a file named .svg that is no SVG drawing is refused with a position', async () => {
  const r = await processPhotos([request('page.svg', 'body', 11)], options('not-svg'));
  assert.deepEqual(r.diagnostics.map((d) => [d.ruleId, d.position?.line]), [['photo:not-an-image', 11]]);
});

test('a still GIF becomes an ordinary photo set', async () => {
  const o = options('still');
  const r = await processPhotos([request('still.gif')], o);
  assert.deepEqual(r.diagnostics, []);
  const set = r.photos.get(src('still.gif'))!;
  assert.equal(set.animation, undefined);
  assert.ok(set.avif.length && set.webp.length && set.jpeg.length);
  assert.equal((await sharp(path.join(o.outDir, set.jpeg[0]!.url)).metadata()).format, 'jpeg');
});

test('an animated GIF becomes an animated WebP loop with its first frame as poster, which reduced motion shows', async () => {
  const o = options('animated');
  const r = await processPhotos([request('loop.gif')], o);
  assert.deepEqual(r.diagnostics, []);
  const set = r.photos.get(src('loop.gif'))!;
  assert.ok(set.animation);
  const loop = await sharp(path.join(o.outDir, set.animation.url), { animated: true }).metadata();
  assert.deepEqual([loop.format, loop.pages, loop.width, loop.pageHeight], ['webp', 3, 320, 180]);
  assert.deepEqual(loop.delay, [200, 200, 200]);
  // The poster is the first frame (red), not a blend of frames.
  const { dominant } = await sharp(path.join(o.outDir, set.jpeg[0]!.url)).stats();
  assert.ok(dominant.r > 120 && dominant.b < 80, JSON.stringify(dominant));
  const html = renderPicture({ ...set, source: src('loop.gif') }, { alt: 'A screencast', sizes: '100vw', priority: false });
  const sources = [...html.matchAll(/<source([^>]*)>/g)].map((m) => m[1]!);
  assert.equal(sources.length, 3);
  assert.match(sources[0]!, /media="\(prefers-reduced-motion: reduce\)" type="image\/avif"/);
  assert.match(sources[1]!, /media="\(prefers-reduced-motion: reduce\)" type="image\/webp"/);
  assert.ok(!sources[2]!.includes('media='));
  assert.ok(sources[2]!.includes(set.animation.url));
  assert.match(html, new RegExp(`<img src="${set.jpeg[0]!.url}"`), 'the fallback image is the still poster');
});
