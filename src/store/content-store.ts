import { readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { sha256 } from '../util/hash.js';
import { listFiles } from '../util/fs.js';
import { ASK_GIT_FROM, gitBlobIds, matchesIndex } from './git-ids.js';
import { namedFiles, type DirIndex, type Listing } from './listing.js';
import { settled, writeStats } from './stats.js';
import { readRecords, recordsStamp, writeRecords, type AppendPoint } from './format.js';
import type { ChangeSet, StoreEntry } from './types.js';
import { DeferredSaves } from './deferred-saves.js';

export type { ChangeSet, StoreEntry, StoredDocument, StoredMarkdown } from './types.js';

/** True when the file's size, time and inode are still `st`. */
function sameStat(abs: string, st: { size: number; mtimeMs: number; ino: number }): boolean {
  const now = statSync(abs, { throwIfNoEntry: false });
  return !!now && now.size === st.size && now.mtimeMs === st.mtimeMs && now.ino === st.ino;
}

/** Files the loader reads (Markdown and YAML): the only ones whose bytes a scan keeps for it. */
const LOADED = /\.(md|markdown|ya?ml)$/i;

/**
 * The content store: one entry per file under content/, keyed by its path relative to content/,
 * holding its stat and digest, its parsed front matter (or YAML data) and its Markdown result
 * (metadata in the entry, HTML in a content-addressed file read only when a page needs it).
 * Persisted in `<cacheDir>/store/`; one store object per folder lives as long as the process,
 * so `dateline dev` keeps it in memory between saves.
 *
 * A stat pass (or the dev watcher's change set) finds what changed: a file whose size, time and
 * inode are as recorded is trusted without being read; otherwise it is read and hashed, and its
 * derived data is kept only when the digest is the same.
 */
export class ContentStore {
  private static readonly open_ = new Map<string, Promise<ContentStore>>();
  /** Bytes read by the last scan, so the loader does not read a changed file twice. */
  private readonly fresh = new Map<string, Buffer>();
  private dirty = false;
  /** Entries set or removed since the last save (appended to the log), unless the whole store must be written. */
  private readonly changedKeys = new Set<string>();
  private readonly changedEntries = new Set<StoreEntry>();
  private readonly removedKeys = new Set<string>();
  private whole = false;
  /** Size, time and inode of the records file as last read or written. */
  private stamp: string | undefined;
  /** A write of the records file under way: its stamp is known only when it ends. */
  private saving: Promise<void> | undefined;
  /** True once a scan has recorded a blob id git vouched for that the entry did not have (see git-ids.ts). */
  learnedBlobs = false;
  /** True once a scan has run; a dev rebuild then only needs the watcher's change set. */
  scanned = false;
  /** When the last scan started (epoch ms): a file modified within a second of it is hashed on the next scan. */
  private scanStarted = 0;
  /** The folders of content/ as the last stat pass from a listing found them (saved with the stat index: see stats.ts). */
  private dirIndex: DirIndex | undefined;

  private constructor(
    /** `<cacheDir>/store`, or undefined for a store that is never saved. */
    readonly dir: string | undefined,
    readonly entries: Map<string, StoreEntry>,
    /** Where a save of changed entries appends (the records file read or last written). */
    private at?: AppendPoint,
  ) {}

  /** The store of `cacheDir` (read once per process), or a fresh unsaved one without a folder. */
  static open(cacheDir: string | undefined): Promise<ContentStore> {
    if (!cacheDir) return Promise.resolve(new ContentStore(undefined, new Map()));
    const dir = path.resolve(cacheDir, 'store');
    const kept = ContentStore.open_.get(dir);
    const store = (async () => {
      // The copy in memory is used while the file on disk is the one it read or wrote (a cleared cache is read again).
      const mine = await kept;
      await mine?.saving;
      if (mine && (await recordsStamp(dir)) === mine.stamp) return mine;
      const stamp = await recordsStamp(dir);
      const read = await readRecords(dir);
      const fresh = new ContentStore(dir, read.entries, read.at);
      fresh.stamp = stamp;
      return fresh;
    })();
    ContentStore.open_.set(dir, store);
    return store;
  }

  /** Forgets the in-memory copy of every store (tests that change the cache behind the process). */
  static forgetAll(): void {
    ContentStore.open_.clear();
  }

  /** The entry of a file (path relative to content/). */
  get(rel: string): StoreEntry | undefined {
    return this.entries.get(rel);
  }

  /** The bytes of a Markdown or YAML file if the last scan read them (once; the loader takes them). */
  takeBytes(rel: string): Buffer | undefined {
    const b = this.fresh.get(rel);
    this.fresh.delete(rel);
    return b;
  }

  /** Marks an entry (by its path, or the entry itself) as changed, so `save` writes it; without one, every entry. */
  touch(what?: string | StoreEntry): void {
    this.dirty = true;
    if (what === undefined) this.whole = true;
    else if (typeof what === 'string') this.changedKeys.add(what);
    else this.changedEntries.add(what);
  }

  /** The files under content/ (relative, sorted), as the store knows them. */
  files(): string[] {
    return [...this.entries.keys()].sort();
  }

  /**
   * Brings the entries up to date with `contentDir`: every file when `only` is absent (the stat
   * pass), else only the paths in `only` (absolute; the dev watcher's change set — a folder is
   * scanned below it). Returns what was added, changed and removed. A stat pass may be given the
   * listing of `contentDir` already made (see listing.ts) instead of making it.
   */
  async scan(contentDir: string, only?: string[], listed?: Listing): Promise<ChangeSet> {
    if (only) listed = undefined;
    const started = listed?.started ?? Date.now();
    const previousScan = this.scanStarted;
    this.scanStarted = started;
    const changes: ChangeSet = { added: [], changed: [], removed: [], unchanged: 0, hashed: 0 };
    let rels: string[];
    let gone: string[];
    if (only && this.scanned) {
      ({ rels, gone } = await namedFiles(contentDir, only, this.entries));
    } else {
      this.dirIndex = listed?.dirs;
      rels = listed?.rels ?? (await listFiles(contentDir));
      const present = new Set(rels);
      gone = [...this.entries.keys()].filter((k) => !present.has(k));
    }
    // Files whose stat moved: read and hashed below, unless git vouches for their bytes.
    const moved: { rel: string; abs: string; st: { size: number; mtimeMs: number; ino: number }; known: StoreEntry | undefined }[] = [];
    // One synchronous stat a file: thousands cost a fraction of as many queued promises (measured).
    for (let i = 0; i < rels.length; i++) {
      const rel = rels[i]!;
      const abs = path.join(contentDir, rel);
      const st = listed && !Number.isNaN(listed.size[i]) ? { size: listed.size[i]!, mtimeMs: listed.mtimeMs[i]!, ino: listed.ino[i]!, isFile: () => true } : statSync(abs, { throwIfNoEntry: false });
      if (!st?.isFile()) {
        if (this.entries.has(rel)) gone.push(rel);
        continue;
      }
      const known = this.entries.get(rel);
      // A time within a second of the scan that recorded it is not trusted alone (see `settled`).
      if (known && settled(known.mtimeMs, known.scannedAt ?? previousScan) && known.size === st.size && known.mtimeMs === st.mtimeMs && known.ino === st.ino) {
        changes.unchanged++;
        continue;
      }
      moved.push({ rel, abs, st, known });
    }
    // Many moved stats (a fresh checkout, a first build): git's index, to recognise bytes without reading them.
    const blobs = !only && moved.length >= ASK_GIT_FROM ? gitBlobIds(contentDir) : undefined;
    for (const { rel, abs, st, known } of moved) {
      // The index's blob id, when git recorded the file with the stat it has now.
      const indexed = blobs?.get(rel);
      const blob = indexed && matchesIndex(st, indexed) ? indexed.blob : undefined;
      const stat = { size: st.size, mtimeMs: st.mtimeMs, ino: st.ino, scannedAt: started };
      if (known && blob !== undefined && known.blob === blob && known.size === st.size) {
        // The new stat is kept in memory (and in the stat index the next save writes) but does not
        // make the entry changed: a fresh checkout moves every stat, and writing the whole store
        // for it would cost more than asking git again.
        Object.assign(known, stat);
        changes.unchanged++;
        continue;
      }
      let bytes: Buffer;
      try {
        bytes = readFileSync(abs);
      } catch {
        if (this.entries.has(rel)) gone.push(rel);
        continue;
      }
      const digest = sha256(bytes);
      changes.hashed++;
      // A blob id is kept with the digest only for the bytes git recorded: the stat is still the index's after the read.
      const vouched = blob !== undefined && sameStat(abs, st) ? { blob } : {};
      this.touch(rel);
      if ('blob' in vouched && known?.blob !== blob) this.learnedBlobs = true;
      if (known && known.digest === digest) {
        // The same bytes: a blob id recorded with them still names them.
        Object.assign(known, stat, vouched);
        changes.unchanged++;
        continue;
      }
      this.entries.set(rel, { ...stat, digest, ...vouched });
      // Kept for the loader, which reads Markdown and YAML only: a photo's bytes (most of an
      // archive's size: ~300 MB at 4,000 generated stories) are not held for the whole build.
      if (LOADED.test(rel)) this.fresh.set(rel, bytes);
      (known ? changes.changed : changes.added).push(rel);
    }
    for (const rel of new Set(gone)) {
      if (this.entries.delete(rel)) {
        changes.removed.push(rel);
        this.dirty = true;
        this.removedKeys.add(rel);
      }
    }
    this.scanned = true;
    changes.added.sort();
    changes.changed.sort();
    changes.removed.sort();
    return changes;
  }

  /** Saves the preview puts off until it is idle (deferred-saves.ts). */
  private static readonly deferred = new DeferredSaves<ContentStore>();

  /** Writes the entries a second after the last call, and never while a build holds the stores (`hold`): the preview's saves, between rebuilds. */
  saveSoon(): void {
    ContentStore.deferred.request(this, () => this.save());
  }

  /** A build starts: pending writes wait until it ends (`release`). */
  static hold(): void {
    ContentStore.deferred.hold();
  }

  /** A build ended: pending writes are due a second after the last one ends. */
  static release(): void {
    ContentStore.deferred.release();
  }

  /** Writes every store with a pending `saveSoon` now (the preview on its way out). */
  static flushAll(): Promise<void> {
    return ContentStore.deferred.flushAll();
  }

  /** Writes the stat index (stats.ts) of the entries as they are; a failure costs the next check a read of the records. */
  async saveStats(): Promise<void> {
    if (this.dir) await writeStats(this.dir, this.entries, this.dirIndex).catch(() => undefined);
  }

  /** Writes the entries when anything changed. An unwritable cache costs time on the next build, nothing else. */
  save(): Promise<void> {
    if (!this.dir || !this.dirty) return this.saving ?? Promise.resolve();
    const dir = this.dir;
    const saving = (async () => {
      await this.saving;
      // Taken now: entries changed while this write runs are saved by the next one.
      const set = new Set(this.changedKeys);
      if (this.changedEntries.size) for (const [rel, entry] of this.entries) if (this.changedEntries.has(entry)) set.add(rel);
      const del = new Set(this.removedKeys);
      const whole = this.whole || !this.at;
      this.changedKeys.clear();
      this.changedEntries.clear();
      this.removedKeys.clear();
      this.whole = false;
      try {
        this.dirty = false;
        this.at = await writeRecords(dir, this.entries, whole ? undefined : { at: this.at!, set, del });
        this.stamp = await recordsStamp(dir);
        await writeStats(dir, this.entries, this.dirIndex).catch(() => undefined);
      } catch {
        // next build scans again
        this.dirty = true;
        this.whole = true;
      }
    })();
    this.saving = saving;
    return saving.finally(() => {
      if (this.saving === saving) this.saving = undefined;
    });
  }
}
