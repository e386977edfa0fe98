import { promises as fs } from 'node:fs';
import path from 'node:path';
import { writeAtomic } from '../util/fs.js';

/**
 * Parsed front matter by the hash of its file, so an unchanged article is not split and parsed
 * again (YAML parsing with node positions is most of the load stage). Only clean parses are
 * kept, and only data that JSON holds exactly. Positions are not stored: they are needed only
 * for a message or a photo's line, and are then taken from a fresh parse of the file.
 */
export interface FrontMatterEntry {
  data: unknown;
  /** Where the body starts: character offset into the normalised text, and 1-based line. */
  bodyOffset: number;
  bodyLine: number;
}

const VERSION = 1;

export class FrontMatterCache {
  private readonly previous: Map<string, FrontMatterEntry>;
  private readonly used = new Map<string, FrontMatterEntry>();
  private added = 0;
  /** How many documents were taken from the cache this run. */
  hits = 0;

  private constructor(
    private readonly file: string | undefined,
    previous: Map<string, FrontMatterEntry>,
  ) {
    this.previous = previous;
  }

  /** Opens the cache in `cacheDir` (or an empty one without a folder). */
  static async open(cacheDir: string | undefined): Promise<FrontMatterCache> {
    if (!cacheDir) return new FrontMatterCache(undefined, new Map());
    const file = path.join(cacheDir, 'front-matter.json');
    try {
      const saved = JSON.parse(await fs.readFile(file, 'utf8')) as { version: number; entries: Record<string, FrontMatterEntry> };
      if (saved.version === VERSION) return new FrontMatterCache(file, new Map(Object.entries(saved.entries)));
    } catch {
      // missing or unreadable: start empty
    }
    return new FrontMatterCache(file, new Map());
  }

  get(hash: string): FrontMatterEntry | undefined {
    const hit = this.previous.get(hash);
    if (hit) {
      this.used.set(hash, hit);
      this.hits++;
    }
    return hit;
  }

  set(hash: string, entry: FrontMatterEntry): void {
    if (!jsonSafe(entry.data)) return;
    this.used.set(hash, entry);
    this.added++;
  }

  /** Writes the entries this run used (so deleted articles drop out), when anything changed. */
  async save(): Promise<void> {
    if (!this.file || (this.added === 0 && this.used.size === this.previous.size)) return;
    try {
      await writeAtomic(this.file, JSON.stringify({ version: VERSION, entries: Object.fromEntries(this.used) }));
    } catch {
      // An unwritable cache costs time on the next build, nothing else.
    }
  }
}

/** True when JSON keeps the value exactly (no infinities, NaN or undefined). */
function jsonSafe(value: unknown): boolean {
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return true;
  if (typeof value === 'number') return Number.isFinite(value) && !Object.is(value, -0);
  if (Array.isArray(value)) return value.every(jsonSafe);
  if (typeof value === 'object') return Object.getPrototypeOf(value) === Object.prototype && Object.values(value as object).every(jsonSafe);
  return false;
}
