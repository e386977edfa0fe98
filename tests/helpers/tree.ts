import assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { listFiles } from '../../src/util/fs.js';
import { isDeepStrictEqual } from 'node:util';
import { MANIFEST_PATH } from '../../src/deploy/manifest.js';
import { searchRecords } from './search-records.js';

function withoutSearch(manifest: Buffer): unknown {
  const m = JSON.parse(manifest.toString('utf8')) as { files: Record<string, unknown> };
  for (const rel of Object.keys(m.files)) if (rel.startsWith('pagefind/')) delete m.files[rel];
  return m;
}

/** True when a site's search index is one bundle with no delta (the search page merges nothing). */
async function searchIsWhole(site: string): Promise<boolean> {
  const text = await fs.readFile(path.join(site, 'pagefind', 'delta.json'), 'utf8').catch(() => undefined);
  if (text === undefined) return true;
  const delta = JSON.parse(text) as { bundle: string | null; superseded: string[] };
  return delta.bundle === null && delta.superseded.length === 0;
}

/**
 * Asserts two output folders hold the same files with the same bytes, naming the first
 * differences. A search index built as an archive plus a delta (an incremental build) is compared
 * by what a reader can find in it (the same records, none twice) rather than by its bytes.
 */
export async function assertSameTree(actual: string, expected: string, options: { ignore?: (rel: string) => boolean } = {}): Promise<number> {
  const layered = !(await searchIsWhole(actual)) || !(await searchIsWhole(expected));
  if (layered) assert.deepEqual(await searchRecords(actual), await searchRecords(expected), 'records a reader can find by search');
  const keep = (rel: string) => !options.ignore?.(rel) && !(layered && rel.startsWith('pagefind/'));
  const a = (await listFiles(actual)).filter(keep);
  const b = (await listFiles(expected)).filter(keep);
  assert.deepEqual(
    a.filter((f) => !b.includes(f)),
    [],
    'files only in the first folder',
  );
  assert.deepEqual(
    b.filter((f) => !a.includes(f)),
    [],
    'files only in the second folder',
  );
  const differ: string[] = [];
  for (const rel of a) {
    const [x, y] = await Promise.all([fs.readFile(path.join(actual, rel)), fs.readFile(path.join(expected, rel))]);
    if (layered && rel === MANIFEST_PATH) {
      // The deploy manifest lists the search bundle's files too: compared without them.
      if (!isDeepStrictEqual(withoutSearch(x), withoutSearch(y))) differ.push(rel);
    } else if (!x.equals(y)) differ.push(rel);
  }
  assert.deepEqual(differ, [], 'files whose bytes differ');
  return a.length;
}

/** Inode of every file below `dir`, by relative path. */
export async function inodes(dir: string): Promise<Map<string, number>> {
  const map = new Map<string, number>();
  for (const rel of await listFiles(dir)) map.set(rel, (await fs.stat(path.join(dir, rel))).ino);
  return map;
}
