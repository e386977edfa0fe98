import { promises as fs } from 'node:fs';
import { writeAtomic } from './fs.js';

/**
 * A map kept in one JSON file of a cache folder, read once per process (a long-lived preview
 * reads it once) and written back only when a run added to it. It only ever saves work: an entry
 * missing or wrong in it is found again the slow way, so a lost or unwritable file costs time,
 * never correctness.
 */
export interface JsonIndex<T> {
  get(key: string): T | undefined;
  set(key: string, value: T): void;
  /** Drops every entry whose key is not in `keys` (entries nothing uses any more). */
  retain(keys: Set<string>): void;
  /** Writes the file when this run changed it. */
  save(): Promise<void>;
}

interface IndexFile<T> {
  version: 1;
  entries: Record<string, T>;
}

const open = new Map<string, Promise<Map<string, unknown>>>();

async function read(file: string): Promise<Map<string, unknown>> {
  try {
    const data = JSON.parse(await fs.readFile(file, 'utf8')) as IndexFile<unknown>;
    return data.version === 1 && data.entries && typeof data.entries === 'object' ? new Map(Object.entries(data.entries)) : new Map();
  } catch {
    return new Map();
  }
}

/** The index kept in `file`. */
export async function openJsonIndex<T>(file: string): Promise<JsonIndex<T>> {
  let loading = open.get(file);
  if (!loading) open.set(file, (loading = read(file)));
  const entries = (await loading) as Map<string, T>;
  let changed = false;
  return {
    get: (key) => entries.get(key),
    set(key, value) {
      if (entries.get(key) === value) return;
      entries.set(key, value);
      changed = true;
    },
    retain(keys) {
      for (const key of entries.keys()) {
        if (keys.has(key)) continue;
        entries.delete(key);
        changed = true;
      }
    },
    async save() {
      if (!changed) return;
      changed = false;
      const data: IndexFile<T> = { version: 1, entries: Object.fromEntries(entries) };
      await writeAtomic(file, JSON.stringify(data)).catch(() => undefined);
    },
  };
}
