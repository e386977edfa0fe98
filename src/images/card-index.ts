import { promises as fs } from 'node:fs';
import path from 'node:path';
import { writeAtomic } from '../util/fs.js';
import type { StoredSet } from './store.js';

/**
 * Every share card set of a cache folder in one file (`<cacheDir>/index.json`), so a build finds
 * thousands of cards with one read instead of one `set.json` per story; kept in memory for the
 * life of the process (a long-lived preview reads it once). The per-entry `set.json` stays the
 * source of truth: an entry missing here is read from its folder, and one whose files are gone is
 * drawn again.
 */
export interface CardIndex {
  get(key: string): StoredSet | undefined;
  set(key: string, set: StoredSet): void;
  /** Writes the index when this run added to it. */
  save(): Promise<void>;
}

interface IndexFile {
  version: 1;
  sets: Record<string, StoredSet>;
}

const INDEX_FILE = 'index.json';
const open = new Map<string, Promise<Map<string, StoredSet>>>();

async function read(cacheDir: string): Promise<Map<string, StoredSet>> {
  try {
    const file = JSON.parse(await fs.readFile(path.join(cacheDir, INDEX_FILE), 'utf8')) as IndexFile;
    return file.version === 1 && file.sets && typeof file.sets === 'object' ? new Map(Object.entries(file.sets)) : new Map();
  } catch {
    return new Map();
  }
}

/** The card index of `cacheDir` (read once per process). */
export async function openCardIndex(cacheDir: string): Promise<CardIndex> {
  let loading = open.get(cacheDir);
  if (!loading) open.set(cacheDir, (loading = read(cacheDir)));
  const sets = await loading;
  let added = false;
  return {
    get: (key) => sets.get(key),
    set(key, set) {
      if (sets.get(key) === set) return;
      sets.set(key, set);
      added = true;
    },
    async save() {
      if (!added) return;
      const file: IndexFile = { version: 1, sets: Object.fromEntries(sets) };
      // A cache that cannot be written costs only speed: the next run reads each entry's set.json.
      await writeAtomic(path.join(cacheDir, INDEX_FILE), JSON.stringify(file)).catch(() => undefined);
    },
  };
}
