import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseInZone, parseIsoWithOffset } from '../../src/util/dates.js';
import { didYouMean } from '../../src/util/suggest.js';
import { expandPermalink, normalizeUrlPath } from '../../src/util/permalink.js';
import { urlToFile, isInside } from '../../src/util/paths.js';
import { parseYamlSource } from '../../src/util/yaml-source.js';
import { buildProcess, IN_PROCESS_MAX_ARTICLES } from '../../src/util/budget.js';

test('dates need a UTC offset and must exist', () => {
  assert.equal(parseIsoWithOffset('2025-05-05T09:00:00+03:00'), Date.UTC(2025, 4, 5, 6));
  assert.equal(parseIsoWithOffset('2025-05-05T09:00Z'), Date.UTC(2025, 4, 5, 9));
  assert.equal(parseIsoWithOffset('2025-05-05T09:00:00'), undefined);
  assert.equal(parseIsoWithOffset('2025-02-30T09:00:00+00:00'), undefined);
  assert.equal(parseIsoWithOffset('May 5'), undefined);
});

test('dates without an offset are read in a time zone, with its offset on that day', () => {
  assert.deepEqual(parseInZone('2025-05-05T09:00', 'Asia/Amman'), { time: Date.UTC(2025, 4, 5, 6), iso: '2025-05-05T09:00:00+03:00' });
  assert.deepEqual(parseInZone('2025-05-05', 'Asia/Amman'), { time: Date.UTC(2025, 4, 4, 21), iso: '2025-05-05T00:00:00+03:00' });
  assert.deepEqual(parseInZone('2025-01-15 12:30:15', 'Europe/Berlin'), { time: Date.UTC(2025, 0, 15, 11, 30, 15), iso: '2025-01-15T12:30:15+01:00' });
  assert.equal(parseInZone('2025-07-15T12:00', 'Europe/Berlin')?.iso, '2025-07-15T12:00:00+02:00');
  assert.equal(parseInZone('2025-07-15T12:00', 'America/New_York')?.iso, '2025-07-15T12:00:00-04:00');
  assert.equal(parseInZone('2025-02-30', 'Asia/Amman'), undefined);
  assert.equal(parseInZone('2025-05-05T24:00', 'Asia/Amman'), undefined);
  assert.equal(parseInZone('May 5', 'Asia/Amman'), undefined);
  assert.equal(parseInZone('2025-05-05T09:00:00+03:00', 'Asia/Amman'), undefined);
});

test('did-you-mean finds close ids and ignores distant ones', () => {
  assert.equal(didYouMean('politcs', ['politics', 'economy']), 'politics');
  assert.equal(didYouMean('sport', ['politics', 'economy']), undefined);
});

test('permalinks use the date as written and prefix other languages', () => {
  const v = { section: 'conflict', slug: 'hama', date: '2017-10-10T23:30:00+03:00', langPrefix: '' };
  assert.equal(expandPermalink('/:section/:year/:month/:slug/', v), '/conflict/2017/10/hama/');
  assert.equal(expandPermalink('/:section/:year/:month/:day/:slug/', { ...v, langPrefix: 'ar' }), '/ar/conflict/2017/10/10/hama/');
  assert.equal(normalizeUrlPath('old/path'), '/old/path/');
  assert.equal(normalizeUrlPath('/story.html'), '/story.html');
});

test('URLs map to files and paths stay inside folders', () => {
  assert.equal(urlToFile('/'), 'index.html');
  assert.equal(urlToFile('/a/b/'), 'a/b/index.html');
  assert.equal(urlToFile('/404.html'), '404.html');
  assert.ok(isInside('/a/b', '/a/b/c.jpg'));
  assert.ok(!isInside('/a/b', '/a/x.jpg'));
});

test('YAML sources know where each value was written', () => {
  const src = parseYamlSource('title: x\nimage:\n  src: a.jpg\n  alt: y\ntags: [a, b]\n', 1);
  assert.deepEqual(src.positionOf(['image', 'alt']), { line: 5, column: 8 });
  assert.deepEqual(src.positionOf(['tags', 1]), { line: 6, column: 11 });
  assert.deepEqual(src.positionOf(['image', 'caption']), { line: 3, column: 1 }, 'a missing key points at its parent key');
  const bad = parseYamlSource('title: "x\n', 1);
  assert.equal(bad.errors.length > 0, true);
});

test('a build runs in the command’s process only when the store is warm, the archive small and no budget chosen', () => {
  assert.deepEqual(buildProcess(1500, true), { inProcess: true });
  assert.deepEqual(buildProcess(IN_PROCESS_MAX_ARTICLES + 1, true), { inProcess: false, mb: 384, warm: true });
  assert.deepEqual(buildProcess(10_000, true), { inProcess: false, mb: 448, warm: true });
  // Cold: a first build's budget, whatever the size.
  assert.deepEqual(buildProcess(100, false), { inProcess: false, mb: 512, warm: false });
  assert.deepEqual(buildProcess(10_000, false), { inProcess: false, mb: 728, warm: false });
  // A budget the user sets is used in a child, warm or not.
  assert.deepEqual(buildProcess(100, true, 300), { inProcess: false, mb: 300, warm: false });
});
