import { createHash } from 'node:crypto';
import { existsSync, promises as fs, readFileSync } from 'node:fs';
import path from 'node:path';
import type { Diagnostic } from '../errors/types.js';
import { listFiles, writeAtomic } from '../util/fs.js';
import { ContentStore, type ChangeSet } from '../store/content-store.js';
import { unchangedFromStats } from '../store/stats.js';
import { packageRoot } from '../util/paths.js';
import { MANIFEST_PATH } from '../deploy/manifest.js';
import { packageVersion } from '../util/package-version.js';
import { programKey } from '../render/program-key.js';
import type { BuildOptions } from './context.js';

/**
 * "Nothing to do" for a build whose inputs have not changed since the output was made. A build
 * records in `.dateline/build.json` a fingerprint of everything its output depends on (every
 * file under content/, the program, the dependencies, the options) and the span of time in
 * which the clock cannot change it (no embargo lifting, no expiry, no story leaving the
 * 48-hour news sitemap). A later build with the same fingerprint inside that span replays the
 * warnings and stops: the scheduled every-15-minutes build of an unchanged site costs a
 * second. This module is imported before the pipeline, so the check pays only for itself.
 *
 * The record lives in the cache folder, not in the output: it names every content file
 * (embargoed stories too) and repeats warnings about them, and the output may be served as it is.
 * It is removed when a build starts and written once the new output is in place.
 */

/** Where the record of the build that made `outDir` is kept. */
export function buildStatePath(options: Pick<BuildOptions, 'cacheDir' | 'outDir'>): string {
  return path.join(options.cacheDir, 'builds', `${createHash('sha256').update(path.resolve(options.outDir)).digest('hex').slice(0, 16)}.json`);
}

async function manifestHash(outDir: string): Promise<string | undefined> {
  try {
    return createHash('sha256').update(await fs.readFile(path.join(outDir, MANIFEST_PATH))).digest('hex');
  } catch {
    return undefined;
  }
}

/** A fingerprint of every input, and what changed under content/ since the store last looked. */
export interface InputFingerprint {
  fingerprint: string;
  changes: ChangeSet;
  /**
   * The store these changes were found in. The build loads from this object, not from the store
   * opened again: another build sharing the cache may have written the store's file since, with
   * the entries of its own content folder, which this build never scanned.
   */
  store: ContentStore;
}

export interface BuildState {
  version: 2;
  fingerprint: string;
  /** The clock can move within [validFrom, validUntil) without changing the output (epoch ms; null: unbounded). */
  validFrom: number | null;
  validUntil: number | null;
  diagnostics: Diagnostic[];
  /** What the full build wrote, for the summary line. */
  summary: { pages: number; feeds: number; sitemaps: number; photos: number; files: number };
  builtAt: number;
  /** SHA-256 of the output's manifest, so the record is only trusted for the output it describes. */
  manifest: string;
}

/** What the clock decides, from every article's date, expiry and news-sitemap window. */
export function timeSpan(events: number[], now: number): { validFrom: number | null; validUntil: number | null } {
  let validFrom: number | null = null;
  let validUntil: number | null = null;
  for (const e of events) {
    if (e <= now) validFrom = validFrom === null ? e : Math.max(validFrom, e);
    else validUntil = validUntil === null ? e : Math.min(validUntil, e);
  }
  return { validFrom, validUntil };
}

/** The program and its dependencies: compiled code and public/ (programKey), and the locked dependency tree. */
function dependencyKey(): string {
  const lock = path.join(packageRoot(), 'package-lock.json');
  if (existsSync(lock)) return createHash('sha256').update(readFileSync(lock)).digest('hex');
  const pkg = JSON.parse(readFileSync(path.join(packageRoot(), 'package.json'), 'utf8')) as { dependencies?: Record<string, string> };
  return Object.keys(pkg.dependencies ?? {})
    .map((name) => `${name}@${packageVersion(name)}`)
    .join(';');
}

/** The options that change what a build writes. */
function optionsKey(o: BuildOptions): string {
  return JSON.stringify([o.root, o.outDir, o.baseUrl ?? null, o.drafts, o.strict, o.shard ?? null, o.incremental !== false]);
}

/**
 * Fingerprints every input. The content store's stat pass supplies each content file's digest
 * (a file is read and hashed only when its size, time or inode moved), and says what changed.
 */
export async function fingerprintInputs(options: BuildOptions): Promise<InputFingerprint> {
  const store = await ContentStore.open(options.cacheDir);
  const changes = await store.scan(path.join(options.root, 'content'), undefined, await options.prescan?.content);
  const fingerprint = await fingerprintOf(
    options,
    store.files().map((rel) => [rel, store.get(rel)!.digest]),
  );
  return { fingerprint, changes, store };
}

/** The fingerprint of the program, the dependencies, the options and every content file's digest (sorted by path). */
async function fingerprintOf(options: BuildOptions, files: [string, string][]): Promise<string> {
  const h = createHash('sha256').update(await programKey(options.root)).update('\0').update(dependencyKey()).update('\0').update(optionsKey(options)).update('\0');
  for (const [rel, digest] of files) h.update(rel).update('\0').update(digest).update('\0');
  return h.digest('hex');
}

/**
 * The fingerprint from the content store's stat index alone (store/stats.ts), without reading its
 * records; undefined when the index cannot vouch that nothing under content/ changed.
 */
async function quickFingerprint(options: BuildOptions): Promise<{ fingerprint: string; hashed: number } | undefined> {
  const found = await unchangedFromStats(path.join(options.cacheDir, 'store'), path.join(options.root, 'content'), async () => await options.prescan?.content);
  return found && { fingerprint: await fingerprintOf(options, found.files), hashed: found.hashed };
}

/** True when a build with these options records its state (and can later be found up to date). */
export function tracksState(options: BuildOptions): boolean {
  return options.write && !options.preview && options.incremental !== false;
}

/** The recorded state of the build that made the output, if any. */
export async function readState(options: Pick<BuildOptions, 'cacheDir' | 'outDir'>): Promise<BuildState | undefined> {
  try {
    const state = JSON.parse(await fs.readFile(buildStatePath(options), 'utf8')) as BuildState;
    return state.version === 2 ? state : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The previous build's state when the output is up to date for these options at `options.now`
 * (and still holds every file its manifest lists); undefined when a build is needed.
 */
export async function checkUpToDate(options: BuildOptions, how: { force?: boolean } = {}): Promise<{ state?: BuildState; inputs?: InputFingerprint; by?: 'stat index' | 'records'; hashed?: number }> {
  if (!tracksState(options)) return {};
  const state = await readState(options);
  // Most scheduled builds find nothing changed: the stat index says so without the store's records.
  if (state && !how.force) {
    const quick = await quickFingerprint(options);
    if (quick?.fingerprint === state.fingerprint && (await outputCurrent(options, state))) return { state, by: 'stat index', hashed: quick.hashed };
    if (quick === undefined) {
      const inputs = await fingerprintInputs(options);
      if (inputs.fingerprint === state.fingerprint && (await outputCurrent(options, state))) {
        // An up-to-date output found from the records: the index is written for the next check
        // (and the records too when they learned git's blob ids, so a fresh checkout reads none again).
        await (inputs.store.learnedBlobs ? inputs.store.save() : inputs.store.saveStats());
        return { state, inputs, by: 'records', hashed: inputs.changes.hashed };
      }
      return { inputs };
    }
  }
  return { inputs: await fingerprintInputs(options) };
}

/** True when the clock is inside the state's span and the output is the one recorded, whole (as many files as the build wrote). */
async function outputCurrent(options: BuildOptions, state: BuildState): Promise<boolean> {
  const now = options.now;
  if ((state.validFrom !== null && now < state.validFrom) || (state.validUntil !== null && now >= state.validUntil)) return false;
  if ((await manifestHash(options.outDir)) !== state.manifest) return false;
  const present = (await options.prescan?.outputFiles()) ?? (await listFiles(options.outDir)).filter((rel) => !rel.startsWith('.dateline/')).length;
  return present === state.summary.files;
}

/** Forgets the recorded state (a build is starting: until it is done, nothing is up to date). */
export async function clearBuildState(options: BuildOptions): Promise<void> {
  await fs.rm(buildStatePath(options), { force: true });
}

/** Records the state of a build whose output is now in place. An unwritable cache only means the next build runs in full. */
export async function writeBuildState(options: BuildOptions, inputs: InputFingerprint, state: Omit<BuildState, 'version' | 'fingerprint' | 'files' | 'builtAt' | 'manifest'>): Promise<void> {
  const manifest = await manifestHash(options.outDir);
  if (!manifest) return;
  const record: BuildState = { version: 2, fingerprint: inputs.fingerprint, ...state, builtAt: Date.now(), manifest };
  await writeAtomic(buildStatePath(options), JSON.stringify(record)).catch(() => undefined);
}
