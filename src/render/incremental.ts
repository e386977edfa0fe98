import { existsSync, promises as fs } from 'node:fs';
import path from 'node:path';
import pLimit from 'p-limit';
import type { PageRecord } from '../collections/types.js';
import { readRecord, writeAtomic } from '../util/fs.js';
import type { Manifest } from '../deploy/manifest.js';
import { planCarry, type CarriedPages } from './carry-pages.js';
export type { CarriedPages } from './carry-pages.js';
import { urlToFile } from '../util/paths.js';

/**
 * Incremental rendering. Each build stores the key of every output file (page-keys.ts) in
 * `.dateline/pages.json`; the next build renders only the pages whose key changed and
 * hard-links the others from the previous output, so unchanged files are never rewritten.
 */

/** Where the page keys live inside a build (not part of the deploy manifest). */
export const RENDER_STATE_PATH = '.dateline/pages.json';

export interface RenderState {
  version: 1;
  /** Output file (relative, forward slashes) → page key. */
  pages: Record<string, string>;
}

/** The previous build's page keys, or undefined when there are none (first build, or unreadable). */
export async function readRenderState(outDir: string): Promise<RenderState | undefined> {
  const file = path.resolve(outDir, RENDER_STATE_PATH);
  // The record this process wrote last, while the file is the one it wrote (the preview's saves).
  const mine = written.get(file);
  if (mine) {
    const now = await fs.stat(file).catch(() => undefined);
    if (now && now.mtimeMs === mine.mtimeMs && now.size === mine.size && now.ino === mine.ino) return mine.state;
    written.delete(file);
  }
  return readRecord<RenderState>(file, 'pages');
}

/** The page keys this process wrote, by file, with the file's stamp just after. */
const written = new Map<string, { state: RenderState; mtimeMs: number; size: number; ino: number }>();
const WRITTEN_KEPT = 4;

/**
 * Splits the pages into those to render and those whose file can be kept from the previous
 * output (same key, file still there), links the latter into `stagingDir`, and records every
 * key there. Returns the pages left to render.
 *
 * With `carry` (the manifest of `previousOut`, for a build that publishes over it), whole folders
 * of the previous output holding nothing but kept pages are not linked file by file: they are
 * listed in `carried`, and publishing moves each into the new output with one rename (see
 * pipeline/output-folder.ts).
 */
export async function reusePages(
  pages: PageRecord[],
  keys: Map<PageRecord, string>,
  previousOut: string | undefined,
  stagingDir: string,
  options: { carry?: Manifest } = {},
): Promise<{ render: PageRecord[]; linked: string[]; carried: CarriedPages }> {
  const previous = previousOut ? await readRenderState(previousOut) : undefined;
  // Building in place (the preview): an unchanged page is already where it belongs.
  const inPlace = previousOut !== undefined && path.resolve(previousOut) === path.resolve(stagingDir);
  const present = inPlace ? presentPages(stagingDir, previous) : undefined;
  const state: RenderState = { version: 1, pages: {} };
  const render: PageRecord[] = [];
  const linked: string[] = [];
  const kept = new Map<string, PageRecord>();
  for (const page of pages) {
    const file = urlToFile(page.url);
    const key = keys.get(page)!;
    state.pages[file] = key;
    if (!previous || !previousOut || previous.pages[file] !== key) {
      render.push(page);
      continue;
    }
    if (inPlace) {
      // A page this process wrote or found in the folder before is there still (the preview owns
      // its folder); others cost one synchronous check (thousands cost a fraction of as many promises).
      if (present?.has(file) || existsSync(path.join(stagingDir, file))) {
        linked.push(file);
        present?.add(file);
      } else render.push(page);
      continue;
    }
    kept.set(file, page);
  }
  const carried: CarriedPages = { dirs: [], files: [] };
  if (options.carry && previous && previousOut && kept.size) {
    const changed = [...render.map((p) => urlToFile(p.url)), ...Object.keys(previous.pages).filter((file) => !(file in state.pages))];
    planCarry(previousOut, Object.keys(options.carry.files), [...kept.keys()], changed, carried);
    for (const file of carried.files) kept.delete(file);
  }
  const made = new Map<string, Promise<unknown>>();
  const limit = pLimit(64);
  await Promise.all(
    [...kept].map(([file, page]) =>
      limit(async () => {
        try {
          const dir = path.dirname(path.join(stagingDir, file));
          let ready = made.get(dir);
          if (!ready) made.set(dir, (ready = fs.mkdir(dir, { recursive: true })));
          await ready;
          await fs.link(path.join(previousOut!, file), path.join(stagingDir, file));
          linked.push(file);
        } catch {
          // Gone from the previous output (or on another file system): render it again.
          render.push(page);
        }
      }),
    ),
  );
  // In place, the pages that are gone (a story removed or moved) are removed.
  if (inPlace && previous) {
    const gone = Object.keys(previous.pages).filter((file) => !(file in state.pages));
    for (const file of gone) present?.delete(file);
    await Promise.all(gone.map((file) => limit(() => fs.rm(path.join(stagingDir, file), { force: true }))));
  }
  await writeRenderState(stagingDir, state);
  // The pages rendered now are checked once on the next build, then known too.
  const known = inPlace ? inPlacePages.get(path.resolve(stagingDir)) : undefined;
  if (known) known.state = state;
  return { render, linked: [...linked, ...carried.files], carried };
}

/** Pages known to be in a folder built in place, by folder, with the page keys the folder had when they were. */
const inPlacePages = new Map<string, { state: RenderState; files: Set<string> }>();

/**
 * The pages this process knows are in `dir` — valid while the folder's page keys are the ones it
 * wrote last (another process building there, or a cleared folder, starts the record again).
 */
function presentPages(dir: string, previous: RenderState | undefined): Set<string> {
  const known = inPlacePages.get(path.resolve(dir));
  if (known && previous && sameKeys(known.state, previous)) return known.files;
  const files = new Set<string>();
  inPlacePages.set(path.resolve(dir), { state: previous ?? { version: 1, pages: {} }, files });
  return files;
}

function sameKeys(a: RenderState, b: RenderState): boolean {
  if (a === b) return true;
  const files = Object.keys(a.pages);
  if (files.length !== Object.keys(b.pages).length) return false;
  return files.every((f) => a.pages[f] === b.pages[f]);
}

/**
 * Drops `files` from the page keys recorded in `outDir` (a page written outside a build, such as
 * the preview's early page of a saved article): the next build renders them whatever their key.
 */
export async function forgetPages(outDir: string, files: string[]): Promise<void> {
  const state = await readRenderState(outDir);
  if (!state || !files.some((f) => f in state.pages)) return;
  const pages = { ...state.pages };
  for (const f of files) delete pages[f];
  const next: RenderState = { version: 1, pages };
  await writeRenderState(outDir, next);
  // The pages this process knows are in the folder are still there (one was rewritten, not removed).
  const known = inPlacePages.get(path.resolve(outDir));
  if (known?.state === state) known.state = next;
}

/** Writes page keys sorted by file, so the record does not depend on rendering or shard order. */
export async function writeRenderState(outDir: string, state: RenderState): Promise<void> {
  const pages = Object.fromEntries(Object.entries(state.pages).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  const file = path.resolve(outDir, RENDER_STATE_PATH);
  await writeAtomic(file, JSON.stringify({ version: 1, pages }));
  const stamp = await fs.stat(file).catch(() => undefined);
  if (!stamp) return;
  written.delete(file);
  written.set(file, { state, mtimeMs: stamp.mtimeMs, size: stamp.size, ino: stamp.ino });
  // A build writes into a new staging folder each time: only the last few records are worth keeping.
  for (const old of written.keys()) if (written.size > WRITTEN_KEPT) written.delete(old);
}
