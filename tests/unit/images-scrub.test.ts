import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import exifr from 'exifr';
import { scrubPhotos } from '../../src/images/index.js';

let dir: string;
const src = (name: string) => path.join(dir, name);
const GPS = { GPSLatitudeRef: 'N', GPSLatitude: '31/1 57/1 0/1', GPSLongitudeRef: 'E', GPSLongitude: '35/1 55/1 0/1' };
// Stored landscape, red top-left corner; tagged to display rotated 90° clockwise.
const corner = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" width="800" height="500"><rect width="800" height="500" fill="#888"/><rect width="200" height="120" fill="#f00"/></svg>');

before(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'dateline-images-scrub-'));
  await sharp(corner).jpeg({ quality: 95 }).withMetadata({ orientation: 6 }).withIccProfile('p3').withExifMerge({ IFD0: { Make: 'Cam' }, IFD2: { BodySerialNumber: 'SN-0042' }, IFD3: GPS }).toFile(src('field.jpg'));
  await sharp(corner).png().withExif({ IFD3: GPS }).toFile(src('graphic.png'));
  await sharp(corner).jpeg().toFile(src('clean.jpg'));
});

after(async () => fs.rm(dir, { recursive: true, force: true }));

test('scrub removes GPS, serials and EXIF, applies the orientation, and keeps the colour profile', async () => {
  const before = await exifr.parse(src('field.jpg'), { gps: true });
  assert.ok(before.latitude > 31.9 && before.SerialNumber === 'SN-0042', 'the source has GPS and a serial');
  const beforeMeta = await sharp(src('field.jpg')).metadata();
  assert.equal(beforeMeta.orientation, 6);
  const iccBefore = (await exifr.parse(src('field.jpg'), { icc: true, tiff: false })) as { ProfileDescription?: string };

  const [result] = await scrubPhotos([src('field.jpg')]);
  assert.equal(result!.path, src('field.jpg'));
  assert.deepEqual(result!.removed, ['GPS position', 'camera serial number', 'EXIF']);
  assert.equal(result!.error, undefined);

  const meta = await sharp(src('field.jpg')).metadata();
  assert.equal(meta.exif, undefined);
  assert.equal(meta.xmp, undefined);
  assert.equal(meta.orientation, undefined);
  assert.deepEqual([meta.width, meta.height], [500, 800], 'orientation is now in the pixels');
  assert.equal(await exifr.gps(src('field.jpg')).catch(() => undefined), undefined);
  assert.ok(meta.icc, 'ICC profile kept');
  const iccAfter = (await exifr.parse(src('field.jpg'), { icc: true, tiff: false })) as { ProfileDescription?: string };
  assert.equal(iccAfter.ProfileDescription, iccBefore.ProfileDescription);
  // The red corner is where a reader saw it: top right.
  const { data } = await sharp(src('field.jpg')).extract({ left: 440, top: 40, width: 1, height: 1 }).raw().toBuffer({ resolveWithObject: true });
  assert.ok(data[0]! > 200 && data[1]! < 90, `top-right pixel ${[...data].join(',')}`);
  assert.deepEqual((await fs.readdir(dir)).sort(), ['clean.jpg', 'field.jpg', 'graphic.png'], 'no temporary files left');
});

test('scrub keeps a PNG a PNG, and leaves a clean file byte for byte as it was', async () => {
  const clean = await fs.readFile(src('clean.jpg'));
  const results = await scrubPhotos([src('graphic.png'), src('clean.jpg')]);
  assert.deepEqual(results.map((r) => r.removed), [['GPS position', 'EXIF'], []]);
  const png = await sharp(src('graphic.png')).metadata();
  assert.deepEqual([png.format, png.exif], ['png', undefined]);
  assert.ok((await fs.readFile(src('clean.jpg'))).equals(clean));
});

test('scrub reports a file it cannot read instead of throwing, and goes on', async () => {
  await fs.writeFile(src('notes.jpg'), 'not a photo');
  const results = await scrubPhotos([src('missing.jpg'), src('notes.jpg'), src('clean.jpg')]);
  assert.equal(results.length, 3);
  assert.match(results[0]!.error ?? '', /ENOENT/);
  assert.ok(results[1]!.error);
  assert.deepEqual(results[2], { path: src('clean.jpg'), removed: [] });
  assert.equal(await fs.readFile(src('notes.jpg'), 'utf8'), 'not a photo');
});
