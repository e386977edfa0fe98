import { promises as fs, statSync } from 'node:fs';
import path from 'node:path';
import v8 from 'node:v8';
import { writeAtomic } from '../util/fs.js';
import type { DirIndex, Listing } from './listing.js';
import { ASK_GIT_FROM, gitBlobIds, matchesIndex } from './git-ids.js';
import type { StoreEntry } from './types.js';

/**
 * The content store's stat index, `<cacheDir>/store/stats.v8`: each file's size, time, inode and
 * digest, and each folder's time and inode as the last stat pass found them, without the parsed
 * records. It answers "has anything under content/ changed?" for 10,000 stories with 20,000
 * `stat` calls and no `readdir` (a folder whose names change gets a new time), where reading the
 * records takes most of a second (V8 deserialising and collecting ~100 MB of objects): a build
 * whose output is up to date reads only this. Anything it cannot vouch for — a time within a
 * second of the pass that recorded it, a folder or file whose stat moved, an index without
 * folders — sends the check to the records.
 */

const STATS = 'stats.v8';

/**
 * Whether a time recorded by a stat pass that started at `at` (epoch ms) can be trusted alone: a
 * file or folder changed within a second of the pass may change again without its time moving.
 */
export function settled(mtimeMs: number, at: number): boolean {
  return !Number.isNaN(at) && mtimeMs < at - 1000;
}
const VERSION = 3;

interface SavedStats {
  version: number;
  rels: string[];
  digests: string[];
  /** Git's blob id of each file's recorded bytes ('' when git did not vouch for them: see git-ids.ts). */
  blobs: string[];
  /** size, mtimeMs, ino, scannedAt (NaN when unknown) for each file in turn. */
  numbers: Float64Array;
  dirs?: DirIndex;
}

/** Writes the index of `entries` and the folders the last stat pass walked (a failure only costs the next check a read of the records). */
export async function writeStats(dir: string, entries: ReadonlyMap<string, StoreEntry>, dirs?: DirIndex): Promise<void> {
  const rels = [...entries.keys()];
  const numbers = new Float64Array(rels.length * 4);
  const blobs: string[] = [];
  const digests = rels.map((rel, i) => {
    const e = entries.get(rel)!;
    numbers.set([e.size, e.mtimeMs, e.ino, e.scannedAt ?? NaN], i * 4);
    blobs.push(e.blob ?? '');
    return e.digest;
  });
  await writeAtomic(path.join(dir, STATS), v8.serialize({ version: VERSION, rels, digests, blobs, numbers, ...(dirs ? { dirs } : {}) } satisfies SavedStats));
}

/**
 * Every file under `contentDir` with its digest (sorted by path) when the index shows that nothing
 * there changed since it was written: no folder gained or lost a name, no file's size, time or
 * inode moved. Undefined when it cannot tell (no index, or something moved); the caller then
 * looks for itself.
 *
 * A fresh checkout (a CI job with the cache restored) moves every folder's and file's stat: then,
 * given the listing of the folder (listing.ts), the same names with every moved file vouched for
 * by git's index with the blob id recorded here (git-ids.ts) are unchanged too.
 */
export async function unchangedFromStats(dir: string, contentDir: string, listing?: () => Promise<Listing | undefined>): Promise<[string, string][] | undefined> {
  let saved: SavedStats;
  try {
    saved = v8.deserialize(await fs.readFile(path.join(dir, STATS))) as SavedStats;
  } catch {
    return undefined;
  }
  const d = saved.dirs;
  // Without the content folder itself among the folders (it did not exist), a folder made since could not be seen.
  if (saved.version !== VERSION || !d || d.rels[0] !== '' || !(saved.numbers instanceof Float64Array) || saved.numbers.length !== saved.rels.length * 4 || saved.blobs?.length !== saved.rels.length) return undefined;
  let foldersKept = true;
  for (let i = 0; i < d.rels.length && foldersKept; i++) {
    const st = statSync(path.join(contentDir, d.rels[i]!), { throwIfNoEntry: false });
    if (!st?.isDirectory() || st.mtimeMs !== d.mtimeMs[i] || st.ino !== d.ino[i] || !settled(st.mtimeMs, d.at)) foldersKept = false;
  }
  // Folders that moved may hold other names: the listing says which, or nothing can be told.
  let listed: Listing | undefined;
  if (!foldersKept) {
    listed = await listing?.().catch(() => undefined);
    if (!listed || listed.rels.length !== saved.rels.length || listed.rels.some((rel, i) => rel !== saved.rels[i])) return undefined;
  }
  const n = saved.numbers;
  const out: [string, string][] = [];
  const moved: number[] = [];
  const stats: { size: number; mtimeMs: number; ino: number }[] = [];
  for (let i = 0; i < saved.rels.length; i++) {
    const rel = saved.rels[i]!;
    const st = listed ? { size: listed.size[i]!, mtimeMs: listed.mtimeMs[i]!, ino: listed.ino[i]! } : statSync(path.join(contentDir, rel), { throwIfNoEntry: false });
    if (!st || ('isFile' in st && !st.isFile()) || Number.isNaN(st.size)) return undefined;
    if (st.size !== n[i * 4] || st.mtimeMs !== n[i * 4 + 1] || st.ino !== n[i * 4 + 2] || !settled(st.mtimeMs, n[i * 4 + 3]!)) {
      // One edit is not worth asking git about (the records answer); a checkout is.
      if (!saved.blobs[i] || st.size !== n[i * 4]) return undefined;
      moved.push(i);
      stats[i] = st;
    }
    out.push([rel, saved.digests[i]!]);
  }
  if (moved.length) {
    if (moved.length < ASK_GIT_FROM) return undefined;
    const ids = gitBlobIds(contentDir);
    for (const i of moved) {
      const indexed = ids?.get(saved.rels[i]!);
      if (!indexed || indexed.blob !== saved.blobs[i] || !matchesIndex(stats[i]!, indexed)) return undefined;
    }
  }
  return out.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
}
