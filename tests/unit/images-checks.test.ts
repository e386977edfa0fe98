import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import exifr from 'exifr';
import { processPhotos } from '../../src/images/index.js';
import type { PhotoOptions, PhotoRequest } from '../../src/images/types.js';

let dir: string;
const src = (name: string) => path.join(dir, name);
const FILE = 'content/articles/2025/05/budget-vote/index.md';
const request = (name: string, role: PhotoRequest['role'] = 'body', line = 9): PhotoRequest => ({ source: src(name), file: FILE, position: { line, column: 1 }, role });
const options = (name: string, write = true): PhotoOptions => ({ outDir: path.join(dir, name, 'site'), cacheDir: path.join(dir, name, 'cache'), root: dir, leadMinWidth: 1000, write });
const GPS = { GPSLatitudeRef: 'N', GPSLatitude: '31/1 57/1 0/1', GPSLongitudeRef: 'E', GPSLongitude: '35/1 55/1 0/1' };

/** A HEIC file's first bytes, for builds of libvips without an HEVC encoder. */
const heicHeader = () => Buffer.concat([Buffer.from([0, 0, 0, 0x18]), Buffer.from('ftypheic'), Buffer.from([0, 0, 0, 0]), Buffer.from('mif1heic'), Buffer.alloc(64)]);

const plain = (width: number, height: number) => sharp({ create: { width, height, channels: 3, background: '#5a7' } });

before(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'dateline-images-checks-'));
  const full = await sharp({ create: { width: 900, height: 600, channels: 3, noise: { type: 'gaussian', mean: 128, sigma: 40 } } } as never).jpeg().toBuffer();
  await fs.writeFile(src('truncated.jpg'), full.subarray(0, Math.floor(full.length * 0.6)));
  // Whole length, but a stretch of the compressed data overwritten, as a bad sector or transfer leaves it.
  const damaged = Buffer.from(full);
  for (let i = Math.floor(damaged.length * 0.4); i < damaged.length * 0.4 + 2000; i += 7) damaged[i] = 0xff;
  await fs.writeFile(src('damaged.jpg'), damaged);
  await fs.writeFile(src('notes.jpg'), 'These are the reporter’s notes, not a photo.\n');
  await plain(900, 600).jpeg().toFile(src('narrow-lead.jpg'));
  await plain(900, 600).tiff().toFile(src('scan.tiff'));
  // The start of an iPhone photo: an ISO-BMFF `ftyp` box of brand `heic` (HEVC), which no browser shows.
  await fs.writeFile(src('iphone.heic'), await plain(64, 48).heif({ compression: 'hevc' } as never).toBuffer().catch(() => heicHeader()));
  // 12000 × 9000 = 108 megapixels of one colour: a few kilobytes on disk, 324 MB decoded.
  await sharp({ create: { width: 12000, height: 9000, channels: 3, background: '#000' } }).png({ compressionLevel: 9 }).toFile(src('bomb.png'));
  await plain(1200, 800).jpeg().withExif({ IFD0: { Make: 'Cam' }, IFD2: { BodySerialNumber: 'SN-0042', CameraOwnerName: 'Stringer' }, IFD3: GPS }).toFile(src('gps.jpg'));
  await plain(1200, 800).png().toFile(src('clean.png'));
});

after(async () => fs.rm(dir, { recursive: true, force: true }));

const cases: [string, PhotoRequest['role'], string, RegExp][] = [
  ['missing.jpg', 'body', 'photo:not-found', /`missing\.jpg` does not exist/],
  ['notes.jpg', 'body', 'photo:not-an-image', /`notes\.jpg` is not an image/],
  ['truncated.jpg', 'body', 'photo:corrupt', /`truncated\.jpg` is truncated or corrupt/],
  ['damaged.jpg', 'body', 'photo:corrupt', /`damaged\.jpg` is truncated or corrupt/],
  ['narrow-lead.jpg', 'lead', 'photo:too-small', /`narrow-lead\.jpg` is 900 px wide; lead photos must be at least 1000 px/],
  ['bomb.png', 'body', 'photo:too-large', /`bomb\.png` has more than 100 megapixels/],
  ['scan.tiff', 'body', 'photo:unsupported-format', /`scan\.tiff` is a TIFF file/],
  ['iphone.heic', 'body', 'photo:unsupported-format', /`iphone\.heic` is a HEIC file/],
];

for (const [name, role, ruleId, message] of cases) {
  test(`${name} as a ${role} photo: ${ruleId}, positioned, and nothing written`, async () => {
    const o = options(`bad-${name}`);
    const r = await processPhotos([request(name, role, 12)], o);
    assert.equal(r.diagnostics.length, 1, JSON.stringify(r.diagnostics));
    const d = r.diagnostics[0]!;
    assert.equal(d.ruleId, ruleId);
    assert.equal(d.severity, 'error');
    assert.equal(d.file, FILE);
    assert.deepEqual(d.position, { line: 12, column: 1 });
    assert.match(d.message, message);
    assert.ok(d.hint, 'every photo error says what to do');
    assert.equal(r.photos.size, 0);
    assert.deepEqual(r.stats, { photos: 0, encoded: 0, cached: 0 });
    await assert.rejects(fs.access(path.join(o.outDir, 'media')), 'no media folder');
    await assert.rejects(fs.access(o.cacheDir), 'no cache entry');
  });
}

test('a decompression bomb is refused quickly, before it is decoded', async () => {
  const t = performance.now();
  const r = await processPhotos([request('bomb.png')], options('bomb-fast'));
  assert.equal(r.diagnostics[0]?.ruleId, 'photo:too-large');
  assert.ok(performance.now() - t < 1000, `took ${Math.round(performance.now() - t)} ms`);
});

test('a JPEG with a harmless decoder warning (extraneous bytes before a marker) is accepted', async () => {
  const ok = await plain(900, 600).jpeg().toBuffer();
  const sos = ok.indexOf(Buffer.from([0xff, 0xda]));
  await fs.writeFile(src('extraneous.jpg'), Buffer.concat([ok.subarray(0, sos), Buffer.from([1, 2, 3, 4, 5]), ok.subarray(sos)]));
  await assert.rejects(sharp(src('extraneous.jpg'), { failOn: 'warning' }).raw().toBuffer(), /extraneous bytes/);
  const r = await processPhotos([request('extraneous.jpg')], options('extraneous', false));
  assert.deepEqual(r.diagnostics, []);
  assert.equal(r.stats.photos, 1);
});

test('bad photos do not stop the good ones', async () => {
  const o = options('mixed');
  const r = await processPhotos([request('missing.jpg', 'body', 4), request('clean.png', 'body', 6), request('notes.jpg', 'body', 8)], o);
  assert.deepEqual(r.diagnostics.map((d) => `${d.position?.line} ${d.ruleId}`).sort(), ['4 photo:not-found', '8 photo:not-an-image']);
  assert.deepEqual([...r.photos.keys()], [src('clean.png')]);
  assert.equal(r.stats.encoded, 1);
});

test('GPS, a camera serial and an owner name in a source are reported as one warning naming the photo', async () => {
  const tags = await exifr.parse(src('gps.jpg'), { gps: true });
  assert.ok(tags.latitude > 31.9 && tags.longitude > 35.9, 'the source really carries GPS');
  const o = options('gps');
  const r = await processPhotos([request('gps.jpg', 'body', 21)], o);
  assert.equal(r.diagnostics.length, 1);
  const d = r.diagnostics[0]!;
  assert.equal(d.ruleId, 'photo:gps-metadata');
  assert.equal(d.severity, 'warning');
  assert.deepEqual([d.file, d.position?.line], [FILE, 21]);
  assert.match(d.message, /`gps\.jpg` carries GPS position, camera serial number, and owner name in its metadata/);
  assert.match(d.hint ?? '', /dateline photos scrub/);
  const set = r.photos.get(src('gps.jpg'))!;
  assert.deepEqual(set.leaks, ['GPS position', 'camera serial number', 'owner name']);
  assert.equal(r.stats.encoded, 1, 'a warning does not stop the photo');
  // From the cache the warning is repeated: the repository still leaks.
  const again = await processPhotos([request('gps.jpg', 'body', 21)], { ...o, outDir: path.join(dir, 'gps', 'site2') });
  assert.deepEqual(again.stats, { photos: 1, encoded: 0, cached: 1 });
  assert.deepEqual(again.diagnostics.map((x) => x.ruleId), ['photo:gps-metadata']);
});

test('GPS copied into XMP is found too', async () => {
  const xmp = '<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"><rdf:Description rdf:about="" xmlns:exif="http://ns.adobe.com/exif/1.0/" exif:GPSLatitude="31,57.0N" exif:GPSLongitude="35,55.0E"/></rdf:RDF></x:xmpmeta>';
  await plain(1200, 800).jpeg().withXmp(xmp).toFile(src('xmp-gps.jpg'));
  const r = await processPhotos([request('xmp-gps.jpg')], options('xmp', false));
  assert.deepEqual(r.diagnostics.map((d) => d.ruleId), ['photo:gps-metadata']);
});

test('check mode (write: false) runs every check, fills hashes, and encodes and writes nothing', async () => {
  const o = options('check', false);
  const r = await processPhotos([request('clean.png', 'lead'), request('gps.jpg', 'lead'), request('narrow-lead.jpg', 'lead'), request('truncated.jpg')], o);
  assert.deepEqual(r.diagnostics.map((d) => d.ruleId).sort(), ['photo:corrupt', 'photo:gps-metadata', 'photo:too-small']);
  assert.equal(r.stats.encoded, 0);
  assert.equal(r.hashes?.size, 2, 'cache keys of the photos that passed');
  await assert.rejects(fs.access(path.join(dir, 'check')), 'nothing at all is written');
});

test('a photo used twice is processed once, as its strongest role', async () => {
  const o = options('twice');
  const r = await processPhotos([request('clean.png', 'body', 30), request('clean.png', 'lead', 2), request(path.join('.', 'clean.png'), 'author', 40)], o);
  assert.deepEqual(r.diagnostics, []);
  assert.equal(r.photos.size, 1);
  assert.deepEqual(r.stats, { photos: 1, encoded: 1, cached: 0 });
  const set = r.photos.get(src('clean.png'))!;
  assert.ok(set.share && set.crops, 'the lead use wins: share card and crops are made');
  // And the lead rules apply to it: too narrow for a lead, even when the body use would be fine.
  const narrow = await processPhotos([request('narrow-lead.jpg', 'body', 30), request('narrow-lead.jpg', 'lead', 2)], options('twice-narrow', false));
  assert.deepEqual(narrow.diagnostics.map((d) => `${d.position?.line} ${d.ruleId}`), ['2 photo:too-small']);
});

test('a lead photo that is too small and leaks GPS gets both messages', async () => {
  await plain(900, 600).jpeg().withExif({ IFD3: GPS }).toFile(src('small-gps.jpg'));
  const r = await processPhotos([request('small-gps.jpg', 'lead')], options('small-gps', false));
  assert.deepEqual(r.diagnostics.map((d) => d.ruleId), ['photo:too-small', 'photo:gps-metadata']);
});
