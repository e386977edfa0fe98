import { promises as fs, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import v8 from 'node:v8';
import { sha256 } from '../util/hash.js';
import { listFiles, writeAtomic } from '../util/fs.js';
import type { Listing } from './listing.js';
import type { StoreEntry } from './types.js';

/**
 * The content store's stat index, `<cacheDir>/store/stats.v8`: each file's size, time, inode and
 * digest, without the parsed records. It answers "did anything under content/ change?" for
 * 10,000 files in milliseconds, where reading the records takes most of a second (V8
 * deserialising and collecting ~100 MB of objects): a build whose output is up to date reads only
 * this. Every line is a fact about a file at the time it was recorded (these bytes had this
 * stat), so an index older than the records can only make a file be read and hashed again.
 */

const STATS = 'stats.v8';
const VERSION = 1;

interface SavedStats {
  version: number;
  rels: string[];
  digests: string[];
  /** size, mtimeMs, ino, scannedAt (NaN when unknown) for each file in turn. */
  numbers: Float64Array;
}

/** Writes the index of `entries` (in the background of a save: a failure only costs the next check a full read). */
export async function writeStats(dir: string, entries: ReadonlyMap<string, StoreEntry>): Promise<void> {
  const rels = [...entries.keys()];
  const numbers = new Float64Array(rels.length * 4);
  const digests = rels.map((rel, i) => {
    const e = entries.get(rel)!;
    numbers.set([e.size, e.mtimeMs, e.ino, e.scannedAt ?? NaN], i * 4);
    return e.digest;
  });
  await writeAtomic(path.join(dir, STATS), v8.serialize({ version: VERSION, rels, digests, numbers } satisfies SavedStats));
}

/** The files under content/ and their digests (sorted by path), found from the index; undefined when there is no index. */
export async function digestsFromStats(dir: string, contentDir: string, listed?: Listing): Promise<[string, string][] | undefined> {
  let saved: SavedStats;
  try {
    saved = v8.deserialize(await fs.readFile(path.join(dir, STATS))) as SavedStats;
    if (saved.version !== VERSION || !(saved.numbers instanceof Float64Array) || saved.numbers.length !== saved.rels.length * 4) return undefined;
  } catch {
    return undefined;
  }
  const known = new Map<string, number>();
  saved.rels.forEach((rel, i) => known.set(rel, i));
  const rels = listed?.rels ?? (await listFiles(contentDir));
  const out: [string, string][] = [];
  for (let i = 0; i < rels.length; i++) {
    const rel = rels[i]!;
    const abs = path.join(contentDir, rel);
    const st = listed && !Number.isNaN(listed.size[i]) ? { size: listed.size[i]!, mtimeMs: listed.mtimeMs[i]!, ino: listed.ino[i]! } : statSync(abs, { throwIfNoEntry: false });
    if (!st) continue;
    const k = known.get(rel);
    const n = saved.numbers;
    // As the store's stat pass: a file changed within a second of the pass that recorded it is read again.
    const trusted = k !== undefined && !(n[k * 4 + 1]! >= n[k * 4 + 3]! - 1000) && !Number.isNaN(n[k * 4 + 3]!);
    if (trusted && n[k * 4] === st.size && n[k * 4 + 1] === st.mtimeMs && n[k * 4 + 2] === st.ino) {
      out.push([rel, saved.digests[k]!]);
      continue;
    }
    try {
      out.push([rel, sha256(readFileSync(abs))]);
    } catch {
      // gone since it was listed
    }
  }
  return out;
}
