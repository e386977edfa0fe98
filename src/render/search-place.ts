import { existsSync, promises as fs } from 'node:fs';
import path from 'node:path';
import { linkFiles, listFiles } from '../util/fs.js';

/**
 * Where the search index's bundles go in a site: the archive bundle's files linked from the
 * cache into `/pagefind/` (or, over a published output holding the same archive, its big folders
 * kept from there), the delta bundle under it, and `delta.json`.
 */

/** What each site folder holds, as `archive id + delta id`: a preview built in place keeps an unchanged bundle as it is. */
const placed = new Map<string, string>();
/** Where the search page loads the index from. */
export const SEARCH_BUNDLE = '/pagefind/';
/** The delta bundle, inside the archive bundle's folder. */
export const DELTA_FOLDER = 'delta';
/** What the search page reads to merge the delta and drop superseded records (see public/js/pagefind-strict/). */
export const DELTA_FILE = 'delta.json';

/** The file `/pagefind/delta.json`: which small bundle to merge with the archive and which archive records it replaces. */
export interface DeltaFile {
  /** The delta bundle's folder, relative to delta.json; null when every record is in the archive. */
  bundle: string | null;
  /** Languages the delta bundle has an index for (the search page merges it only for these). */
  languages: string[];
  /** Pagefind page ids of archive records that were changed or removed since the archive was built. */
  superseded: string[];
}

/**
 * Places a bundle (without the cache's completion marker) into the site; a delta bundle without
 * Pagefind's scripts and styles, which the search page loads from the archive's folder only.
 */
async function linkTree(from: string, to: string, delta = false, skip: readonly string[] = []): Promise<void> {
  await linkFiles(from, to, (await listFiles(from)).filter((rel) => rel !== '.complete' && !(delta && /\.(js|css)$/.test(rel)) && !skip.some((f) => rel.startsWith(`${f}/`))));
}

/** The archive's folders of many files (a fragment a record, the index's chunks): a build over a published output that holds this archive keeps them from it. */
export const ARCHIVE_FOLDERS = ['fragment', 'index'] as const;

/**
 * The files of the archive's big folders (relative to the bundle) when the published output
 * `previous` holds this very archive — its entry file is a link of the cached bundle's (bundles
 * are never changed, and its folders' names are made from their bytes) — else undefined.
 */
export async function keptArchive(previous: string | undefined, archiveDir: string): Promise<string[] | undefined> {
  if (!previous) return undefined;
  const published = path.join(previous, SEARCH_BUNDLE);
  const [mine, theirs] = await Promise.all([archiveDir, published].map((dir) => fs.stat(path.join(dir, 'pagefind-entry.json')).catch(() => undefined)));
  if (!mine || !theirs || mine.ino !== theirs.ino || mine.dev !== theirs.dev) return undefined;
  if (!ARCHIVE_FOLDERS.every((f) => existsSync(path.join(published, f)))) return undefined;
  return (await listFiles(archiveDir)).filter((rel) => ARCHIVE_FOLDERS.some((f) => rel.startsWith(`${f}/`)));
}

/** Forgets what `target` holds (a folder about to be written whole). */
export function unplace(target: string): void {
  placed.delete(target);
}

export async function writeDelta(target: string, delta: DeltaFile): Promise<void> {
  // Written beside and renamed over: the old file may be a link shared with another folder.
  const file = path.join(target, DELTA_FILE);
  await fs.mkdir(target, { recursive: true });
  await fs.writeFile(`${file}.tmp-${process.pid}`, JSON.stringify(delta) + '\n');
  await fs.rename(`${file}.tmp-${process.pid}`, file);
}

/**
 * Puts the archive bundle (but `keptFolders`, which the published output already holds), the
 * delta bundle and delta.json into the site's `/pagefind/`. A folder built in place that already
 * holds this archive only has its delta replaced.
 */
export async function place(target: string, archiveDir: string, archiveId: string, deltaDir: string | undefined, delta: DeltaFile, keptFolders: readonly string[] = []): Promise<void> {
  const deltaTarget = path.join(target, DELTA_FOLDER);
  const whole = `${archiveId}+${deltaDir ?? ''}+${JSON.stringify(delta)}`;
  if (placed.get(target) === whole && existsSync(path.join(target, 'pagefind-entry.json'))) return;
  if (placed.get(target)?.startsWith(`${archiveId}+`) && existsSync(path.join(target, 'pagefind-entry.json'))) {
    await fs.rm(deltaTarget, { recursive: true, force: true });
  } else {
    placed.delete(target);
    await fs.rm(target, { recursive: true, force: true });
    await linkTree(archiveDir, target, false, keptFolders);
  }
  if (deltaDir) await linkTree(deltaDir, deltaTarget, true);
  await writeDelta(target, delta);
  placed.set(target, whole);
}
