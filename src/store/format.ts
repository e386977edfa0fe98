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
 * every entry (stat, digest, parsed front matter, Markdown metadata), and `html/<digest>`,
 * one file per distinct Markdown HTML, read only when a page that shows it is rendered. The
 * whole store is discarded when its format version or the dependency lock (YAML parser, unified,
 * remark and rehype versions) changes; when only the compiled loader changes, the parsed front
 * matter is.
 */

/** Bump when the entry layout changes. */
const STORE_VERSION = 1;
const RECORDS = 'records.v8';

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
    for (const rel of await listFiles(dir)) if (rel.endsWith('.js')) parts.push(rel, sha256(await fs.readFile(path.join(dir, rel))));
  }
  parts.push(sha256(await fs.readFile(path.join(here, '../util/yaml-source.js'))));
  return (keyMemo = sha256(parts.join('\0')));
}

/** The entries saved in `dir`, or none when there are none or they were made by another version. */
export async function readRecords(dir: string): Promise<Map<string, StoreEntry>> {
  try {
    const saved = v8.deserialize(await fs.readFile(path.join(dir, RECORDS))) as { key: string; format?: number; lock?: string; entries: Map<string, StoreEntry> };
    if (!(saved.entries instanceof Map)) return new Map();
    if (saved.key === (await storeKey())) return saved.entries;
    // Another loader, same layout and packages: what the loader made (parsed front matter) goes;
    // digests stay, and Markdown results, which carry their own key (the Markdown code's revision
    // and inputs, checked on use), so an upgrade that did not change Markdown renders none again.
    if (saved.format === STORE_VERSION && saved.lock === lockKey()) {
      for (const entry of saved.entries.values()) delete entry.doc;
      return saved.entries;
    }
  } catch {
    // missing, unreadable or from another format: start empty
  }
  return new Map();
}

/** The records file's size, time and inode, or undefined when there is none. */
export async function recordsStamp(dir: string): Promise<string | undefined> {
  const st = await fs.stat(path.join(dir, RECORDS)).catch(() => undefined);
  return st ? `${st.size}:${st.mtimeMs}:${st.ino}` : undefined;
}

/** Writes every entry (atomically, so a reader never sees half a store). */
export async function writeRecords(dir: string, entries: Map<string, StoreEntry>): Promise<void> {
  await writeAtomic(path.join(dir, RECORDS), v8.serialize({ key: await storeKey(), format: STORE_VERSION, lock: lockKey(), entries }));
}

/** Where the HTML with this digest is kept. */
export function htmlPath(dir: string, digest: string): string {
  return path.join(dir, 'html', digest.slice(0, 2), digest.slice(2));
}
