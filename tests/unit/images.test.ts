import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import sharp, { type Sharp } from 'sharp';
import exifr from 'exifr';
import { planWidths, processPhotos, renderPicture, scrubPhotos, prunePhotoCache } from '../../src/images/index.js';
import type { PhotoOptions, PhotoRequest } from '../../src/images/types.js';

let dir: string;
const photo = (name: string) => path.join(dir, name);
const req = (name: string, role: PhotoRequest['role'] = 'body', extra: Partial<PhotoRequest> = {}): PhotoRequest => ({ source: photo(name), file: 'content/articles/a/index.md', position: { line: 7, column: 1 }, role, ...extra });

async function scene(width: number, height: number): Promise<Sharp> {
  const noise = await sharp({ create: { width, height, channels: 3, noise: { type: 'gaussian', mean: 128, sigma: 40 } } } as never).png().toBuffer();
  return sharp(noise).composite([{ input: Buffer.from(`<svg width="${width}" height="${height}"><rect width="${width}" height="${height / 2}" fill="#7aa"/></svg>`), blend: 'multiply' }]);
}

before(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'dateline-images-'));
  await (await scene(1800, 1200)).jpeg().toFile(photo('lead.jpg'));
  await (await scene(600, 400)).jpeg().toFile(photo('small.jpg'));
  await (await scene(1600, 1000)).jpeg().withMetadata({ orientation: 6 }).withExifMerge({ IFD0: { Make: 'Cam' }, IFD2: { BodySerialNumber: 'SN123' }, IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '31/1 57/1 0/1', GPSLongitudeRef: 'E', GPSLongitude: '35/1 55/1 0/1' } }).toFile(photo('gps.jpg'));
  const full = await (await scene(1000, 800)).jpeg().toBuffer();
  await fs.writeFile(photo('truncated.jpg'), full.subarray(0, Math.floor(full.length / 2)));
  await fs.writeFile(photo('text.jpg'), 'not an image at all');
  await (await scene(900, 600)).gif().toFile(photo('anim.gif'));
});

after(async () => fs.rm(dir, { recursive: true, force: true }));

const options = (name: string, write = true): PhotoOptions => ({ outDir: path.join(dir, name, 'site'), cacheDir: path.join(dir, name, 'cache'), root: dir, leadMinWidth: 800, write });

test('the width plan never upscales', () => {
  assert.deepEqual(planWidths(3000), [480, 800, 1200, 1600, 2400]);
  assert.deepEqual(planWidths(1000), [480, 800]);
  assert.deepEqual(planWidths(300), [300]);
});

test('a lead photo becomes AVIF, WebP and JPEG sets, a share card and crops, with true dimensions and no metadata', async () => {
  const o = options('lead');
  const r = await processPhotos([req('lead.jpg', 'lead', { focus: [0.2, 0.5] })], o);
  assert.deepEqual(r.diagnostics, []);
  const set = r.photos.get(photo('lead.jpg'))!;
  assert.deepEqual(set.avif.map((f) => f.width), [480, 800, 1200, 1600]);
  for (const f of [...set.avif, ...set.webp, ...set.jpeg, set.share!, ...Object.values(set.crops!)]) {
    const file = path.join(o.outDir, f.url);
    const meta = await sharp(file).metadata();
    assert.equal(meta.width, f.width, f.url);
    assert.equal(meta.height, f.height, f.url);
    assert.equal(meta.exif, undefined, f.url);
    assert.equal(await exifr.parse(file, { gps: true, xmp: true }).catch(() => undefined), undefined, f.url);
  }
  assert.deepEqual([set.share!.width, set.share!.height], [1200, 630]);
  assert.equal(Math.round((set.crops!['16x9'].width / set.crops!['16x9'].height) * 100), 178);
  assert.equal(set.crops!['1x1'].width, set.crops!['1x1'].height);
  const avif800 = set.avif.find((f) => f.width === 800)!;
  const webp800 = set.webp.find((f) => f.width === 800)!;
  assert.ok(avif800.bytes <= webp800.bytes, `AVIF ${avif800.bytes} > WebP ${webp800.bytes}`);
  assert.match(set.placeholder, /^data:image\/webp;base64,/);
  assert.match(set.color, /^#[0-9a-f]{6}$/);
  assert.deepEqual(r.stats, { photos: 1, encoded: 1, cached: 0 });
  const again = await processPhotos([req('lead.jpg', 'lead', { focus: [0.2, 0.5] })], { ...o, outDir: path.join(dir, 'lead', 'site2') });
  assert.deepEqual(again.stats, { photos: 1, encoded: 0, cached: 1 });
  const pruned = await prunePhotoCache(o.cacheDir, new Set());
  assert.equal(pruned.removed, 1);
});

test('orientation is applied and GPS and serials are reported in the source but never published', async () => {
  const o = options('gps');
  const r = await processPhotos([req('gps.jpg')], o);
  const set = r.photos.get(photo('gps.jpg'))!;
  assert.deepEqual([set.width, set.height], [1000, 1600], 'rotated by EXIF orientation 6');
  assert.deepEqual(r.diagnostics.map((d) => d.ruleId), ['photo:gps-metadata']);
  assert.match(r.diagnostics[0]!.message, /GPS position and camera serial number/);
  for (const f of set.jpeg) assert.equal(await exifr.parse(path.join(o.outDir, f.url), { gps: true }).catch(() => undefined), undefined);
});

test('bad photos get a positioned message each and write nothing', async () => {
  const o = options('bad');
  const r = await processPhotos(
    [req('missing.jpg'), req('text.jpg'), req('truncated.jpg'), req('small.jpg', 'lead'), req('anim.gif')],
    o,
  );
  assert.deepEqual(r.diagnostics.map((d) => d.ruleId).sort(), ['photo:corrupt', 'photo:not-an-image', 'photo:not-found', 'photo:too-small', 'photo:unsupported-format']);
  assert.ok(r.diagnostics.every((d) => d.position?.line === 7 && d.file === 'content/articles/a/index.md'));
  assert.equal(r.photos.size, 0);
  await assert.rejects(fs.readdir(path.join(o.outDir, 'media')));
});

test('a decompression bomb is refused before it is decoded', async () => {
  const big = photo('bomb.png');
  await sharp({ create: { width: 12000, height: 9000, channels: 3, background: '#000' } }).png({ compressionLevel: 9 }).toFile(big);
  const r = await processPhotos([req('bomb.png')], options('bomb', false));
  assert.deepEqual(r.diagnostics.map((d) => d.ruleId), ['photo:too-large']);
});

test('scrub removes GPS and serials from a source and keeps its colour profile', async () => {
  const file = photo('to-scrub.jpg');
  await (await scene(800, 600)).withIccProfile('p3').jpeg().withExif({ IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '31/1 57/1 0/1', GPSLongitudeRef: 'E', GPSLongitude: '35/1 55/1 0/1' } }).toFile(file);
  assert.ok((await exifr.gps(file))?.latitude);
  const [r] = await scrubPhotos([file]);
  assert.ok(r!.removed.includes('GPS position'));
  assert.equal((await exifr.gps(file).catch(() => undefined))?.latitude, undefined);
  assert.ok((await sharp(file).metadata()).icc, 'ICC profile kept');
});

test('renderPicture: lead photos are eager and high priority, others lazy; sizes are set', async () => {
  const r = await processPhotos([req('lead.jpg', 'lead')], options('pic'));
  const set = r.photos.get(photo('lead.jpg'))!;
  const lead = renderPicture(set, { alt: 'A "quoted" alt', sizes: '100vw', priority: true });
  assert.match(lead, /fetchpriority="high"/);
  assert.doesNotMatch(lead, /loading="lazy"/);
  assert.match(lead, /alt="A &quot;quoted&quot; alt"/);
  assert.match(lead, /width="1600" height="1067"/);
  assert.match(renderPicture(set, { alt: '', sizes: '100vw', priority: false }), /loading="lazy"/);
});
