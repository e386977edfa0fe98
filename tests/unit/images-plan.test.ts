import { test } from 'node:test';
import assert from 'node:assert/strict';
import { planWidths, renderPicture } from '../../src/images/index.js';
import { cropSize, focusBox } from '../../src/images/plan.js';
import type { PhotoFile, PhotoSet } from '../../src/images/types.js';

test('the width plan keeps the planned widths the source can fill and never upscales', () => {
  assert.deepEqual(planWidths(3000), [480, 800, 1200, 1600, 2400]);
  assert.deepEqual(planWidths(2400), [480, 800, 1200, 1600, 2400]);
  assert.deepEqual(planWidths(2399), [480, 800, 1200, 1600]);
  assert.deepEqual(planWidths(1000), [480, 800]);
  assert.deepEqual(planWidths(480), [480]);
  // Narrower than the smallest planned width: the source's own width, never an enlargement.
  assert.deepEqual(planWidths(300), [300]);
  for (const w of [1, 479, 481, 799, 1234, 5000]) assert.ok(planWidths(w).every((x) => x <= w), `plan for ${w}`);
});

test('crop sizes keep the ratio, are as wide as the source allows and are capped at 1600 px', () => {
  assert.deepEqual(cropSize(3000, 2000, 16 / 9), { width: 1600, height: 900 });
  assert.deepEqual(cropSize(3000, 2000, 1), { width: 1600, height: 1600 });
  assert.deepEqual(cropSize(1300, 800, 4 / 3), { width: 1066, height: 800 });
  assert.deepEqual(cropSize(1300, 800, 16 / 9), { width: 1300, height: 731 });
});

test('a focus box is the largest box of the ratio, centred on the focal point as far as it fits', () => {
  // 1:1 in a 2000×1000 source: a 1000×1000 box.
  assert.deepEqual(focusBox(2000, 1000, 1, [0.5, 0.5]), { left: 500, top: 0, width: 1000, height: 1000 });
  assert.deepEqual(focusBox(2000, 1000, 1, [0.1, 0.5]), { left: 0, top: 0, width: 1000, height: 1000 });
  assert.deepEqual(focusBox(2000, 1000, 1, [0.9, 0.5]), { left: 1000, top: 0, width: 1000, height: 1000 });
  assert.deepEqual(focusBox(2000, 1000, 1, [0.7, 0.2]), { left: 900, top: 0, width: 1000, height: 1000 });
  // 16:9 in a portrait source: full width, moved vertically.
  assert.deepEqual(focusBox(900, 1600, 16 / 9, [0.5, 0.0]), { left: 0, top: 0, width: 900, height: 506 });
  assert.deepEqual(focusBox(900, 1600, 16 / 9, [0.5, 1.0]), { left: 0, top: 1094, width: 900, height: 506 });
});

const file = (width: number, ext: string, type: string): PhotoFile => ({ url: `/media/0123456789ab-${width}.${ext}`, width, height: Math.round((width * 2) / 3), bytes: width * 10, type });
const set: PhotoSet = {
  source: '/x/photo.jpg',
  hash: '0123456789abcdef01234567',
  width: 1700,
  height: 1133,
  avif: [480, 800, 1200, 1600].map((w) => file(w, 'avif', 'image/avif')),
  webp: [480, 800, 1200, 1600].map((w) => file(w, 'webp', 'image/webp')),
  jpeg: [480, 800, 1200, 1600].map((w) => file(w, 'jpg', 'image/jpeg')),
  placeholder: 'data:image/webp;base64,UklGRg==',
  color: '#3a4b5c',
  leaks: [],
};

function attributes(tag: string): Record<string, string> {
  return Object.fromEntries([...tag.matchAll(/([a-z-]+)(?:="([^"]*)")?/g)].slice(1).map((m) => [m[1]!, m[2] ?? '']));
}

test('renderPicture: AVIF and WebP sources, a JPEG img with size, alt and async decoding; lazy unless priority', () => {
  const html = renderPicture(set, { alt: 'Protesters fill the square', sizes: '(min-width: 48rem) 44rem, 100vw', priority: false });
  assert.match(html, /^<picture><source type="image\/avif" [^>]*><source type="image\/webp" [^>]*><img [^>]*><\/picture>$/);
  const [avif, webp] = [...html.matchAll(/<source [^>]*>/g)].map((m) => attributes(m[0]));
  assert.equal(avif!.srcset, '/media/0123456789ab-480.avif 480w, /media/0123456789ab-800.avif 800w, /media/0123456789ab-1200.avif 1200w, /media/0123456789ab-1600.avif 1600w');
  assert.equal(avif!.sizes, '(min-width: 48rem) 44rem, 100vw');
  assert.match(webp!.srcset!, /-1600\.webp 1600w$/);
  const img = attributes(html.match(/<img [^>]*>/)![0]);
  assert.equal(img.src, '/media/0123456789ab-800.jpg');
  assert.match(img.srcset!, /^\/media\/0123456789ab-480\.jpg 480w, .*-1600\.jpg 1600w$/);
  assert.equal(img.width, '1600');
  assert.equal(img.height, '1067');
  assert.equal(img.alt, 'Protesters fill the square');
  assert.equal(img.decoding, 'async');
  assert.equal(img.loading, 'lazy');
  assert.equal(img.fetchpriority, undefined);
  assert.equal(img.style, 'background:#3a4b5c url(data:image/webp;base64,UklGRg==) center/cover no-repeat');
});

test('renderPicture: a priority photo loads eagerly with high fetch priority', () => {
  const img = attributes(renderPicture(set, { alt: '', sizes: '100vw', priority: true }).match(/<img [^>]*>/)![0]);
  assert.equal(img.fetchpriority, 'high');
  assert.equal(img.loading, undefined);
  assert.equal(img.alt, '', 'an empty alt is kept, for decorative photos');
});

test('renderPicture escapes attribute values and adds a class when asked', () => {
  const html = renderPicture(set, { alt: 'A "quoted" <b>alt</b> & more', sizes: '100vw" onload="x', priority: false, className: 'lead "wide"' });
  assert.match(html, /alt="A &quot;quoted&quot; &lt;b&gt;alt&lt;\/b&gt; &amp; more"/);
  assert.match(html, /sizes="100vw&quot; onload=&quot;x"/);
  assert.doesNotMatch(html, /onload="/);
  assert.match(html, /^<picture class="lead &quot;wide&quot;">/);
});

test('renderPicture uses the only width of a small photo for src, width and height', () => {
  const small = { ...set, avif: [file(300, 'avif', 'image/avif')], webp: [file(300, 'webp', 'image/webp')], jpeg: [file(300, 'jpg', 'image/jpeg')] };
  const img = attributes(renderPicture(small, { alt: 'x', sizes: '100vw', priority: false }).match(/<img [^>]*>/)![0]);
  assert.equal(img.src, '/media/0123456789ab-300.jpg');
  assert.equal(img.width, '300');
  assert.equal(img.height, '200');
});
