import assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { listFiles } from '../../src/util/fs.js';

/** Asserts two output folders hold the same files with the same bytes, naming the first differences. */
export async function assertSameTree(actual: string, expected: string, options: { ignore?: (rel: string) => boolean } = {}): Promise<number> {
  const keep = (rel: string) => !options.ignore?.(rel);
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
    if (!x.equals(y)) differ.push(rel);
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
