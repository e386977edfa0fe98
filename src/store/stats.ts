import { promises as fs, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import v8 from 'node:v8';
import { writeAtomic } from '../util/fs.js';
import { sha256 } from '../util/hash.js';
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
 * Every file under `contentDir` with its digest (sorted by path), and how many files were hashed to tell, when the index shows that nothing
 * there changed since it was written: no folder gained or lost a name, no file's size, time or
 * inode moved. Undefined when it cannot tell (no index, or something moved); the caller then
 * looks for itself.
 *
 * A fresh checkout (a CI job with the cache restored) moves every folder's and file's stat: then,
 * given the listing of the folder (listing.ts), the same names are unchanged when every moved
 * file is vouched for by git's index with the blob id recorded here (git-ids.ts), or has the
 * recorded digest: the records are not read.
 */
export async function unchangedFromStats(dir: string, contentDir: string, listing?: () => Promise<Listing | undefined>): Promise<{ files: [string, string][]; hashed: number } | undefined> {
  // When this check started: a file whose time is within a second of it is looked at again next time (see `settled`).
  const checked = Date.now();
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
  // Where each recorded file is in the listing (the index keeps the store's order, the listing is sorted).
  let at: Map<string, number> | undefined;
  if (!foldersKept) {
    listed = await listing?.().catch(() => undefined);
    if (!listed || listed.rels.length !== saved.rels.length) return undefined;
    at = new Map(listed.rels.map((rel, j) => [rel, j]));
    if (saved.rels.some((rel) => !at!.has(rel))) return undefined;
  }
  const n = saved.numbers;
  const out: [string, string][] = [];
  const moved: number[] = [];
  const stats: { size: number; mtimeMs: number; ino: number }[] = [];
  for (let i = 0; i < saved.rels.length; i++) {
    const rel = saved.rels[i]!;
    const j = at?.get(rel);
    const st = listed && j !== undefined ? { size: listed.size[j]!, mtimeMs: listed.mtimeMs[j]!, ino: listed.ino[j]! } : statSync(path.join(contentDir, rel), { throwIfNoEntry: false });
    if (!st || ('isFile' in st && !st.isFile()) || Number.isNaN(st.size)) return undefined;
    if (st.size !== n[i * 4] || st.mtimeMs !== n[i * 4 + 1] || st.ino !== n[i * 4 + 2] || !settled(st.mtimeMs, n[i * 4 + 3]!)) {
      // Another size is other bytes: the records answer what changed.
      if (st.size !== n[i * 4]) return undefined;
      moved.push(i);
      stats[i] = st;
    }
    out.push([rel, saved.digests[i]!]);
  }
  // Files whose stat moved with the same size (a touch, a checkout): git's index vouches for a
  // checkout's (one edit is not worth asking git about); the others' bytes are hashed and compared.
  const ids = moved.length >= ASK_GIT_FROM ? gitBlobIds(contentDir) : undefined;
  let hashed = 0;
  for (const i of moved) {
    const rel = saved.rels[i]!;
    const indexed = ids?.get(rel);
    if (indexed && matchesIndex(stats[i]!, indexed)) {
      if (indexed.blob === saved.blobs[i]) continue;
      // Other bytes than recorded; or no blob id recorded yet: the records learn it (once), and the next checkout is vouched for here.
      return undefined;
    }
    hashed++;
    let bytes: Buffer;
    try {
      bytes = readFileSync(path.join(contentDir, rel));
    } catch {
      return undefined;
    }
    if (sha256(bytes) !== saved.digests[i]) return undefined;
  }
  // The moved stats are recorded, so the next check does not hash or ask again (a failure only costs it that).
  if (moved.length) {
    const numbers = Float64Array.from(n);
    for (const i of moved) numbers.set([stats[i]!.size, stats[i]!.mtimeMs, stats[i]!.ino, checked], i * 4);
    const next: SavedStats = { ...saved, numbers, dirs: listed?.dirs ?? d };
    await writeAtomic(path.join(dir, STATS), v8.serialize(next)).catch(() => undefined);
  }
  return { files: out.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)), hashed };
}
