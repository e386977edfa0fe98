import { randomBytes } from 'node:crypto';
import { existsSync, promises as fs, readFileSync } from 'node:fs';
import path from 'node:path';
import v8 from 'node:v8';
import { fileURLToPath } from 'node:url';
import { sha256 } from '../util/hash.js';
import { listFiles, writeAtomic } from '../util/fs.js';
import { packageRoot } from '../util/paths.js';
import type { StoreEntry } from './types.js';

/**
 * The store on disk: `records.v8`, one file in V8's serialisation format holding a header and
 * every entry (stat, digest, parsed front matter, Markdown metadata); `records.log`, the entries
 * changed by later saves, appended (see `writeRecords`); and `html/<digest>`,
 * one file per distinct Markdown HTML, read only when a page that shows it is rendered. The
 * whole store is discarded when its format version or the dependency lock (YAML parser, unified,
 * remark and rehype versions) changes; when only the compiled loader changes, the parsed front
 * matter is.
 */

/** Bump when the entry layout changes. */
const STORE_VERSION = 1;
const RECORDS = 'records.v8';
const LOG = 'records.log';

let keyMemo: string | undefined;

let lockMemo: string | undefined;

/** The dependency lock's hash (every package version, transitive ones included). */
function lockKey(): string {
  if (lockMemo) return lockMemo;
  const lock = path.join(packageRoot(), 'package-lock.json');
  return (lockMemo = existsSync(lock) ? sha256(readFileSync(lock)) : 'no-lock');
}

/** What the entries depend on besides the files: the format, the locked dependencies and the loader's code. */
export async function storeKey(): Promise<string> {
  if (keyMemo) return keyMemo;
  const parts = [`store-${STORE_VERSION}`, lockKey()];
  const here = path.dirname(fileURLToPath(import.meta.url));
  for (const dir of [path.join(here, '../load'), here]) {
    for (const rel of await listFiles(dir)) if (rel.endsWith('.js')) parts.push(rel, sha256(readFileSync(path.join(dir, rel))));
  }
  parts.push(sha256(readFileSync(path.join(here, '../util/yaml-source.js'))));
  return (keyMemo = sha256(parts.join('\0')));
}

/** The header of the records file, with the entries. */
interface SavedRecords {
  key: string;
  format?: number;
  lock?: string;
  /** Names this records file: a log frame belongs to the records file whose id it carries. */
  id?: string;
  entries: Map<string, StoreEntry>;
}

/** One save appended to the log: entries set and entries deleted since the records file was written. */
interface LogFrame {
  id: string;
  set: [string, StoreEntry][];
  del: string[];
}

/** The entries as read, and what a later save needs to append to the same log. */
export interface ReadRecords {
  entries: Map<string, StoreEntry>;
  /** Where a save of changed entries can append, when it can. */
  at?: AppendPoint;
}

/**
 * The entries saved in `dir` (the records file, then every frame of its log in order), or none
 * when there are none or they were made by another version.
 */
export async function readRecords(dir: string): Promise<ReadRecords> {
  const none: ReadRecords = { entries: new Map() };
  let saved: SavedRecords;
  let baseBytes: number;
  try {
    const bytes = await fs.readFile(path.join(dir, RECORDS));
    baseBytes = bytes.length;
    saved = v8.deserialize(bytes) as SavedRecords;
    if (!(saved.entries instanceof Map)) return none;
  } catch {
    // missing, unreadable or from another format: start empty
    return none;
  }
  if (saved.key !== (await storeKey())) {
    // Another loader, same layout and packages: what the loader made (parsed front matter) goes;
    // digests stay, and Markdown results, which carry their own key (the Markdown code's revision
    // and inputs, checked on use), so an upgrade that did not change Markdown renders none again.
    if (saved.format !== STORE_VERSION || saved.lock !== lockKey()) return none;
    const { entries } = applyLog(saved, await readLog(dir));
    for (const entry of entries.values()) delete entry.doc;
    // Saved whole next time, under the new key.
    return { entries };
  }
  const log = await readLog(dir);
  const { entries, bytes } = applyLog(saved, log);
  // A torn frame would hide every frame appended after it: the next save writes the store whole.
  const whole = bytes === (log?.length ?? 0);
  return { entries, ...(saved.id && whole ? { at: { base: saved.id, logBytes: bytes, baseBytes } } : {}) };
}

async function readLog(dir: string): Promise<Buffer | undefined> {
  return fs.readFile(path.join(dir, LOG)).catch(() => undefined);
}

/**
 * Applies the log's frames that belong to this records file. A frame is a 4-byte length and a V8
 * serialisation; one torn at the end (a process killed while appending) and everything after it
 * is ignored, as are frames of a records file that has since been replaced.
 */
function applyLog(saved: SavedRecords, log: Buffer | undefined): { entries: Map<string, StoreEntry>; bytes: number } {
  const entries = saved.entries;
  let at = 0;
  while (log && saved.id && at + 4 <= log.length) {
    const length = log.readUInt32LE(at);
    if (at + 4 + length > log.length) break;
    let frame: LogFrame;
    try {
      frame = v8.deserialize(log.subarray(at + 4, at + 4 + length)) as LogFrame;
    } catch {
      break;
    }
    at += 4 + length;
    if (frame.id !== saved.id) continue;
    for (const rel of frame.del) entries.delete(rel);
    for (const [rel, entry] of frame.set) entries.set(rel, entry);
  }
  return { entries, bytes: at };
}

/** The records file's and the log's size, time and inode, or undefined when there is no records file. */
export async function recordsStamp(dir: string): Promise<string | undefined> {
  const st = await fs.stat(path.join(dir, RECORDS)).catch(() => undefined);
  if (!st) return undefined;
  const log = await fs.stat(path.join(dir, LOG)).catch(() => undefined);
  return `${st.size}:${st.mtimeMs}:${st.ino}/${log ? `${log.size}:${log.mtimeMs}:${log.ino}` : '-'}`;
}

/** The log is folded into a new records file once it passes this share of the records file's size (and 1 MB). */
const LOG_SHARE = 0.25;
const LOG_MIN_BYTES = 1 << 20;
/** A save larger than this writes the whole store (one write call of a frame stays small). */
const MAX_FRAME = 256 << 10;

/** Where a save can append: the records file's id, and the log's and records file's lengths. */
export interface AppendPoint {
  base: string;
  logBytes: number;
  baseBytes: number;
}

/**
 * Saves the entries. With `changes` made since the records file `at.base` was read or written,
 * only the changed entries are appended to its log, as one frame written by one call (an edit
 * costs its own entry, not the whole store). Otherwise — or when the log has grown past a quarter
 * of the records file and 1 MB, a quarter of the entries changed, or the frame would pass 256 KB —
 * every entry is written to a
 * new records file (atomically, so a reader never sees half a store) whose new id retires the
 * old log. Returns where the next save can append.
 */
export async function writeRecords(
  dir: string,
  entries: Map<string, StoreEntry>,
  changes?: { at: AppendPoint; set: Set<string>; del: Set<string> },
): Promise<AppendPoint> {
  const at = changes?.at;
  if (changes && at && changes.set.size + changes.del.size <= entries.size * LOG_SHARE && at.logBytes < Math.max(LOG_MIN_BYTES, at.baseBytes * LOG_SHARE)) {
    const frame: LogFrame = {
      id: at.base,
      set: [...changes.set].filter((rel) => entries.has(rel)).map((rel) => [rel, entries.get(rel)!]),
      del: [...changes.del].filter((rel) => !entries.has(rel)),
    };
    const body = v8.serialize(frame);
    if (body.length <= MAX_FRAME) {
      const bytes = Buffer.alloc(4 + body.length);
      bytes.writeUInt32LE(body.length);
      body.copy(bytes, 4);
      // O_APPEND and one write call (appendFile writes in chunks): a frame from another build sharing the cache lands before or after this one, never inside it.
      const fh = await fs.open(path.join(dir, LOG), 'a');
      try {
        await fh.write(bytes);
      } finally {
        await fh.close();
      }
      return { ...at, logBytes: at.logBytes + bytes.length };
    }
  }
  const id = randomBytes(12).toString('hex');
  const bytes = v8.serialize({ key: await storeKey(), format: STORE_VERSION, lock: lockKey(), id, entries } satisfies SavedRecords);
  await writeAtomic(path.join(dir, RECORDS), bytes);
  // Its frames name the replaced records file, so they would be skipped; removed to keep reads short.
  await fs.rm(path.join(dir, LOG), { force: true });
  return { base: id, logBytes: 0, baseBytes: bytes.length };
}

/** Where the HTML with this digest is kept. */
export function htmlPath(dir: string, digest: string): string {
  return path.join(dir, 'html', digest.slice(0, 2), digest.slice(2));
}
