import { promises as fs, type Dirent } from 'node:fs';
import path from 'node:path';
import { writeAtomic } from '../util/fs.js';
import { sha256 } from '../util/hash.js';
import { sameItems } from '../util/same.js';
import type { EncodedFile } from './encode.js';
import type { PhotoFile, PhotoSet } from './types.js';
import type { PhotoFacts } from './inspect.js';

/** A photo set as the cache keeps it (`<cacheDir>/<hash>/set.json`), beside its encoded files. */
export type StoredSet = Omit<PhotoSet, 'source' | 'leaks'> & { leaks?: string[]; facts?: PhotoFacts };

/** The record of a file just encoded into `media/`, with the hash of its bytes (hashed here, in memory, once). */
export function encodedFileRecord(f: EncodedFile): PhotoFile {
  return { url: `/media/${f.name}`, width: f.width, height: f.height, bytes: f.data.length, type: f.type, sha256: sha256(f.data) };
}

/** Every file of a set: variants, share card, crops. */
export function setFiles(set: Pick<PhotoSet, 'avif' | 'webp' | 'jpeg' | 'share' | 'crops' | 'svg' | 'animation'>): PhotoFile[] {
  return [...set.avif, ...set.webp, ...set.jpeg, ...(set.share ? [set.share] : []), ...Object.values(set.crops ?? {}), ...(set.svg ? [set.svg] : []), ...(set.animation ? [set.animation] : [])];
}

const madeSets = new WeakMap<StoredSet, Map<string, PhotoSet>>();

/**
 * The photo set of `source` made from a cached set: the same object while neither changes, so
 * what a long-lived process (the preview) derived from it (article views, page keys) is kept.
 */
export function photoSetFrom(stored: StoredSet, source: string, leaks: string[]): PhotoSet {
  let bySource = madeSets.get(stored);
  if (!bySource) madeSets.set(stored, (bySource = new Map()));
  const before = bySource.get(source);
  if (before && sameItems(before.leaks, leaks)) return before;
  const set: PhotoSet = { ...stored, source, leaks };
  bySource.set(source, set);
  return set;
}

/** The cached set in `dir`, or undefined when there is none (or it cannot be read). */
export async function readCachedSet(dir: string): Promise<StoredSet | undefined> {
  const known = sets.get(dir);
  if (known) return known;
  try {
    const set = JSON.parse(await fs.readFile(path.join(dir, 'set.json'), 'utf8')) as StoredSet;
    sets.set(dir, set);
    return set;
  } catch {
    return undefined;
  }
}

/** Sets read or written by this process, by entry folder (an entry's set never changes once complete). */
const sets = new Map<string, StoredSet>();

/**
 * Stores encoded files and their set in `dir`: written into a folder of their own beside it, which
 * is then renamed to `dir`, so an entry is there whole or not at all (one rename, not one a file:
 * a cold build writes ~4,000 card sets). An entry another build completed first is kept; one that
 * lost a file, or that an interrupted build left without its set.json, is replaced.
 */
export async function writeCacheEntry(dir: string, files: EncodedFile[], set: StoredSet): Promise<void> {
  const tmp = `${dir}.tmp-${process.pid}-${Math.random().toString(36).slice(2)}`;
  try {
    await fs.mkdir(tmp, { recursive: true });
    await Promise.all([...files.map((f) => fs.writeFile(path.join(tmp, f.name), f.data)), fs.writeFile(path.join(tmp, 'set.json'), JSON.stringify(set))]);
    await fs.rename(tmp, dir).catch(async (err: NodeJS.ErrnoException) => {
      if (err.code !== 'ENOTEMPTY' && err.code !== 'EEXIST') throw err;
      // Complete already (another build drew the same set at the same time): the same bytes, kept.
      // Else an entry that lost a file, or one an interrupted build left: replaced.
      const complete = await Promise.all(['set.json', ...files.map((f) => f.name)].map((name) => fs.access(path.join(dir, name)).then(() => true, () => false)));
      if (complete.every(Boolean)) return fs.rm(tmp, { recursive: true, force: true });
      await fs.rm(dir, { recursive: true, force: true });
      await fs.rename(tmp, dir);
    });
  } catch (err) {
    // Nothing half-written is left beside the entry.
    await fs.rm(tmp, { recursive: true, force: true });
    throw err;
  }
  sets.set(dir, set);
}

/** Puts a cached file into the output: a hard link when possible (no bytes copied), else a copy. */
export async function placeFile(from: string, to: string, dirReady = false): Promise<void> {
  if (!dirReady) await fs.mkdir(path.dirname(to), { recursive: true });
  try {
    await fs.link(from, to);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    // Same name, same hash, same bytes: already there from an earlier build.
    if (code === 'EEXIST') return;
    if (code === 'ENOENT') throw err;
    await fs.copyFile(from, to);
  }
}

/**
 * A media folder a build adds to in place (the published site's own `media/`, kept across
 * builds: see pipeline/output-folder.ts): the names it held when the build started, and the names
 * the build uses, so the files no page uses any more can be removed once the build is published.
 */
interface TrackedMedia {
  present: Set<string>;
  used: Set<string>;
}
const tracked = new Map<string, TrackedMedia>();

/** Starts recording which files of `mediaDir` a build uses; `present` are the names already there. */
export function trackMedia(mediaDir: string, present: Set<string>): void {
  tracked.set(mediaDir, { present, used: new Set() });
}

/** Stops recording `mediaDir` and returns the names the build used (undefined when it was not recorded). */
export function untrackMedia(mediaDir: string): Set<string> | undefined {
  const t = tracked.get(mediaDir);
  tracked.delete(mediaDir);
  return t?.used;
}

/** The names a build has used in `mediaDir` so far, when it is recorded. */
export function mediaUsed(mediaDir: string): ReadonlySet<string> | undefined {
  return tracked.get(mediaDir)?.used;
}

/** Records that the build uses the file `name` of `mediaDir` (written or kept). */
export function noteMedia(mediaDir: string, name: string): void {
  tracked.get(mediaDir)?.used.add(name);
}

/**
 * Writes a media file from memory (replaced, never overwritten, so a file linked from elsewhere
 * is not changed) and records it as used. In the published media folder a name that is already
 * there is the same bytes (names are made from them) and stays as it is.
 */
export async function writeMedia(mediaDir: string, name: string, data: Uint8Array): Promise<void> {
  const track = tracked.get(mediaDir);
  if (!track?.present.has(name)) await writeAtomic(path.join(mediaDir, name), data);
  track?.used.add(name);
}

/** Cache entries whose files this process placed, by media folder. */
const placed = new Map<string, Set<string>>();

/** Forgets what was placed in `mediaDir` (a staging folder that is gone, or was published and replaced). */
export function forgetPlaced(mediaDir: string): void {
  placed.delete(mediaDir);
}

/**
 * True when `mediaDir` already holds every file of a cached set — placed there by this process
 * before (a folder built in place, the preview), or in the published site's media folder — with
 * nothing to do but record the files as used.
 */
export function alreadyPlaced(dir: string, set: StoredSet, mediaDir: string): boolean {
  const names = setFiles(set).map((f) => path.basename(f.url));
  const track = tracked.get(mediaDir);
  if (track) for (const name of names) track.used.add(name);
  if (placed.get(mediaDir)?.has(dir)) return true;
  return track !== undefined && names.every((name) => track.present.has(name));
}

/** Places every file of a cached set into `mediaDir`; false when the entry is incomplete (a file went missing), so it is encoded again. */
export async function placeCachedSet(dir: string, set: StoredSet, mediaDir: string): Promise<boolean> {
  if (alreadyPlaced(dir, set, mediaDir)) return true;
  const names = setFiles(set).map((f) => path.basename(f.url));
  const done = placed.get(mediaDir);
  try {
    await fs.mkdir(mediaDir, { recursive: true });
    await Promise.all(names.map((name) => placeFile(path.join(dir, name), path.join(mediaDir, name), true)));
    if (done) done.add(dir);
    else placed.set(mediaDir, new Set([dir]));
    return true;
  } catch {
    return false;
  }
}

/** Removes cache entries whose key is not in `keep`; returns how many and how many bytes. */
export async function prunePhotoCache(cacheDir: string, keep: Set<string>): Promise<{ removed: number; bytes: number }> {
  let removed = 0;
  let bytes = 0;
  let entries: Dirent[] = [];
  try {
    entries = await fs.readdir(cacheDir, { withFileTypes: true });
  } catch {
    return { removed, bytes };
  }
  for (const entry of entries) {
    // Entries are folders; the files beside them (the index, sharp's versions) stay.
    if (!entry.isDirectory() || keep.has(entry.name)) continue;
    const dir = path.join(cacheDir, entry.name);
    for (const f of await fs.readdir(dir).catch(() => [] as string[])) bytes += (await fs.stat(path.join(dir, f)).catch(() => ({ size: 0 }))).size;
    await fs.rm(dir, { recursive: true, force: true });
    removed++;
  }
  return { removed, bytes };
}
