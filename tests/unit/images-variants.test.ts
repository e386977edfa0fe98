import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import sharp, { type Region, type Sharp } from 'sharp';
import exifr from 'exifr';
import { processPhotos } from '../../src/images/index.js';
import type { PhotoFile, PhotoOptions, PhotoRequest, PhotoSet } from '../../src/images/types.js';

let dir: string;
const src = (name: string) => path.join(dir, name);
const request = (name: string, role: PhotoRequest['role'], extra: Partial<PhotoRequest> = {}): PhotoRequest => ({ source: src(name), file: 'content/articles/2025/05/a/index.md', position: { line: 3, column: 1 }, role, ...extra });
const options = (name: string): PhotoOptions => ({ outDir: path.join(dir, name, 'site'), cacheDir: path.join(dir, name, 'cache'), root: dir, leadMinWidth: 800, write: true });
const filesOf = (set: PhotoSet): PhotoFile[] => [...set.avif, ...set.webp, ...set.jpeg, ...(set.share ? [set.share] : []), ...Object.values(set.crops ?? {})];

/** A textured scene (noise under shapes), so encoders have something to work on. */
async function scene(width: number, height: number): Promise<Sharp> {
  const noise = await sharp({ create: { width, height, channels: 3, noise: { type: 'gaussian', mean: 128, sigma: 30 } } } as never).blur(1).png().toBuffer();
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}"><rect width="${width}" height="${height / 2}" fill="#6a9"/><circle cx="${width / 3}" cy="${height / 2}" r="${height / 4}" fill="#c53"/></svg>`;
  return sharp(noise).composite([{ input: Buffer.from(svg), blend: 'multiply' }]);
}

/** Mean colour of an image region, as [r, g, b] (stats() would ignore the extract, so it is averaged here). */
async function meanColour(file: string, region?: Region): Promise<number[]> {
  const img = sharp(file).removeAlpha();
  const { data, info } = await (region ? img.extract(region) : img).raw().toBuffer({ resolveWithObject: true });
  const sums = [0, 0, 0];
  for (let i = 0; i < data.length; i++) sums[i % info.channels]! += data[i]!;
  return sums.map((s) => Math.round(s / (info.width * info.height)));
}

before(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'dateline-images-variants-'));
  await (await scene(1700, 1100)).jpeg({ quality: 90 }).toFile(src('lead.jpg'));
  await (await scene(300, 200)).jpeg().toFile(src('thumb.jpg'));
  // Left half red, right half blue: where a crop was taken from shows in its colour.
  const halves = `<svg xmlns="http://www.w3.org/2000/svg" width="1800" height="900"><rect width="900" height="900" fill="#e00"/><rect x="900" width="900" height="900" fill="#00e"/></svg>`;
  await sharp(Buffer.from(halves)).jpeg().toFile(src('halves.jpg'));
  // Stored landscape with a red top-left corner, tagged Orientation 6 (display rotated 90° clockwise).
  const corner = `<svg xmlns="http://www.w3.org/2000/svg" width="1000" height="600"><rect width="1000" height="600" fill="#888"/><rect width="250" height="150" fill="#f00"/></svg>`;
  await sharp(Buffer.from(corner)).jpeg().withMetadata({ orientation: 6 }).toFile(src('rotated.jpg'));
  // A transparent logo whose hidden pixels are black.
  await sharp({ create: { width: 600, height: 200, channels: 4, background: { r: 0, g: 0, b: 0, alpha: 0 } } })
    .composite([{ input: Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" width="600" height="200"><circle cx="100" cy="100" r="80" fill="#036"/></svg>') }])
    .png()
    .toFile(src('logo.png'));
});

after(async () => fs.rm(dir, { recursive: true, force: true }));

test('a lead photo gets every planned width in AVIF, WebP and JPEG, each file as large as the set says', async () => {
  const o = options('lead');
  const r = await processPhotos([request('lead.jpg', 'lead')], o);
  assert.deepEqual(r.diagnostics, []);
  assert.deepEqual(r.stats, { photos: 1, encoded: 1, cached: 0 });
  const set = r.photos.get(src('lead.jpg'))!;
  assert.deepEqual([set.width, set.height], [1700, 1100]);
  assert.match(set.hash, /^[0-9a-f]{24}$/);
  assert.ok(r.hashes?.has(set.hash));
  for (const [format, ext, type] of [['avif', 'avif', 'image/avif'], ['webp', 'webp', 'image/webp'], ['jpeg', 'jpg', 'image/jpeg']] as const) {
    assert.deepEqual(set[format].map((f) => f.width), [480, 800, 1200, 1600], format);
    for (const f of set[format]) {
      assert.equal(f.url, `/media/${set.hash.slice(0, 12)}-${f.width}.${ext}`);
      assert.equal(f.type, type);
      assert.equal(f.height, Math.round((f.width * 1100) / 1700), f.url);
    }
  }
  const written = (await fs.readdir(path.join(o.outDir, 'media'))).sort();
  assert.deepEqual(written, filesOf(set).map((f) => path.basename(f.url)).sort(), 'exactly the files of the set are written');
  for (const f of filesOf(set)) {
    const file = path.join(o.outDir, f.url);
    const meta = await sharp(file).metadata();
    assert.equal(meta.width, f.width, f.url);
    assert.equal(meta.height, f.height, f.url);
    assert.equal(meta.format, { 'image/avif': 'heif', 'image/webp': 'webp', 'image/jpeg': 'jpeg' }[f.type], f.url);
    assert.equal((await fs.stat(file)).size, f.bytes, f.url);
  }
  for (let i = 0; i < set.avif.length; i++) assert.ok(set.avif[i]!.bytes <= set.webp[i]!.bytes, `AVIF ${set.avif[i]!.bytes} B > WebP ${set.webp[i]!.bytes} B at ${set.avif[i]!.width} px`);
  assert.ok(set.avif.find((f) => f.width === 800)!.bytes < 100 * 1024);
});

test('no published file carries EXIF, XMP, IPTC or GPS, even from a source full of them', async () => {
  const gps = { GPSLatitudeRef: 'N', GPSLatitude: '31/1 57/1 0/1', GPSLongitudeRef: 'E', GPSLongitude: '35/1 55/1 0/1' };
  await (await scene(1300, 900)).jpeg().withExif({ IFD0: { Make: 'Cam', Artist: 'A. Photographer' }, IFD2: { BodySerialNumber: 'SN-0042' }, IFD3: gps }).withXmp('<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"><rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/" dc:format="image/jpeg"/></rdf:RDF></x:xmpmeta>').toFile(src('tagged.jpg'));
  const before = await exifr.parse(src('tagged.jpg'), { gps: true, xmp: true });
  assert.ok(before?.latitude > 31.9 && before?.SerialNumber === 'SN-0042', 'the source has GPS and a serial');
  const o = options('clean');
  const r = await processPhotos([request('tagged.jpg', 'lead')], o);
  const set = r.photos.get(src('tagged.jpg'))!;
  assert.equal(filesOf(set).length, 3 * 3 + 1 + 3, '480, 800 and 1200 in three formats, a share card, three crops');
  for (const f of filesOf(set)) {
    const file = path.join(o.outDir, f.url);
    const meta = await sharp(file).metadata();
    assert.equal(meta.exif, undefined, `${f.url} has EXIF`);
    assert.equal(meta.xmp, undefined, `${f.url} has XMP`);
    assert.equal(meta.iptc, undefined, `${f.url} has IPTC`);
    if (f.type !== 'image/webp') {
      // exifr reads JPEG and AVIF (not WebP); it finds nothing at all.
      const tags = await exifr.parse(file, { gps: true, xmp: true, iptc: true, tiff: true });
      assert.equal(tags, undefined, `${f.url}: ${JSON.stringify(tags)}`);
    }
  }
});

test('the share card is exactly 1200×630 and the crops have their ratios, at least 1200 px wide when the source allows', async () => {
  const o = options('crops');
  const set = (await processPhotos([request('lead.jpg', 'lead')], o)).photos.get(src('lead.jpg'))!;
  assert.deepEqual([set.share!.width, set.share!.height], [1200, 630]);
  const card = await sharp(path.join(o.outDir, set.share!.url)).metadata();
  assert.deepEqual([card.width, card.height, card.format], [1200, 630, 'jpeg']);
  const { crops } = set;
  assert.ok(crops);
  for (const [key, ratio] of [['16x9', 16 / 9], ['4x3', 4 / 3], ['1x1', 1]] as const) {
    const c: PhotoFile = crops[key];
    const meta = await sharp(path.join(o.outDir, c.url)).metadata();
    assert.deepEqual([meta.width, meta.height], [c.width, c.height], key);
    assert.ok(Math.abs(c.width / c.height - ratio) < 0.01, `${key}: ${c.width}×${c.height}`);
  }
  // 1700×1100: 16:9 and 4:3 can be 1200+ px wide; 1:1 can only be as wide as the photo is high.
  assert.ok(crops['16x9'].width >= 1200 && crops['4x3'].width >= 1200);
  assert.deepEqual([crops['1x1'].width, crops['1x1'].height], [1100, 1100]);
});

test('a focal point decides where crops are taken from', async () => {
  const left = options('focus-left');
  const right = options('focus-right');
  const l = (await processPhotos([request('halves.jpg', 'lead', { focus: [0.05, 0.5] })], left)).photos.get(src('halves.jpg'))!;
  const r = (await processPhotos([request('halves.jpg', 'lead', { focus: [0.95, 0.5] })], right)).photos.get(src('halves.jpg'))!;
  assert.notEqual(l.hash, r.hash, 'the focus is part of the cache key');
  const [lr, , lb] = await meanColour(path.join(left.outDir, l.crops!['1x1'].url));
  const [rr, , rb] = await meanColour(path.join(right.outDir, r.crops!['1x1'].url));
  assert.ok(lr! > 200 && lb! < 40, `left focus gives a red square, got ${lr},${lb}`);
  assert.ok(rb! > 200 && rr! < 40, `right focus gives a blue square, got ${rr},${rb}`);
  const [l43r] = await meanColour(path.join(left.outDir, l.crops!['4x3'].url));
  const [r43r] = await meanColour(path.join(right.outDir, r.crops!['4x3'].url));
  assert.ok(l43r! > r43r! + 100, '4:3 crops follow the focus too');
});

test('EXIF orientation is applied before anything else', async () => {
  const o = options('rotated');
  const set = (await processPhotos([request('rotated.jpg', 'body')], o)).photos.get(src('rotated.jpg'))!;
  assert.deepEqual([set.width, set.height], [600, 1000], 'portrait after rotation');
  const jpeg = set.jpeg[0]!;
  assert.deepEqual([jpeg.width, jpeg.height], [480, 800]);
  const file = path.join(o.outDir, jpeg.url);
  const meta = await sharp(file).metadata();
  assert.deepEqual([meta.width, meta.height, meta.orientation], [480, 800, undefined]);
  // The stored top-left corner is the displayed top-right one.
  const [tr] = await meanColour(file, { left: 440, top: 10, width: 30, height: 60 });
  const [tl] = await meanColour(file, { left: 10, top: 10, width: 30, height: 60 });
  assert.ok(tr! > 200 && tl! < 160, `top-right red ${tr}, top-left grey ${tl}`);
});

test('a photo narrower than the smallest width is offered at its own width only, with placeholder and colour', async () => {
  const o = options('thumb');
  const set = (await processPhotos([request('thumb.jpg', 'author')], o)).photos.get(src('thumb.jpg'))!;
  for (const format of ['avif', 'webp', 'jpeg'] as const) assert.deepEqual(set[format].map((f) => [f.width, f.height]), [[300, 200]]);
  assert.equal(set.share, undefined, 'no share card for an author photo');
  assert.equal(set.crops, undefined);
  assert.match(set.color, /^#[0-9a-f]{6}$/);
  const [, data] = set.placeholder.match(/^data:image\/webp;base64,(.+)$/) ?? [];
  assert.ok(data, set.placeholder);
  const tiny = await sharp(Buffer.from(data, 'base64')).metadata();
  assert.equal(tiny.width, 16);
  assert.ok(set.placeholder.length < 600, `placeholder is ${set.placeholder.length} bytes`);
});

test('a logo keeps its transparency in AVIF and WebP, turns white (not black) in JPEG, and gets a share card', async () => {
  const o = options('logo');
  const set = (await processPhotos([request('logo.png', 'logo')], o)).photos.get(src('logo.png'))!;
  assert.equal(set.crops, undefined);
  assert.deepEqual([set.share!.width, set.share!.height], [1200, 630]);
  assert.equal((await sharp(path.join(o.outDir, set.webp[0]!.url)).metadata()).hasAlpha, true);
  const corner = { left: 0, top: 0, width: 20, height: 20 };
  assert.deepEqual(await meanColour(path.join(o.outDir, set.jpeg[0]!.url), corner), [255, 255, 255]);
  assert.deepEqual(await meanColour(path.join(o.outDir, set.share!.url), corner), [255, 255, 255]);
});
