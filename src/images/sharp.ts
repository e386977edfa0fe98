import { createRequire } from 'node:module';
import { promises as fs, readFileSync } from 'node:fs';
import path from 'node:path';
import type SharpModule from 'sharp';
import { writeAtomic } from '../util/fs.js';

export type SharpApi = typeof SharpModule;

let loading: Promise<SharpApi> | undefined;

/**
 * sharp (and libvips), loaded on first use: a build whose photos and cards are all cached never
 * loads it (~0.1 s of a fresh process's start-up, measured after the rest of the program).
 *
 * One libvips thread per operation; the cores are filled by encoding photos side by side (and a
 * photo's three formats at once). AV1 encodes, half of the CPU, do not get faster with more libvips
 * threads, and extra threads measured no faster (tests/bench/photos.ts). The operation cache is
 * capped; most memory is encoder working sets (≈ 0.5–0.7 GB peak with two photos in flight).
 */
export function loadSharp(): Promise<SharpApi> {
  return (loading ??= import('sharp').then(({ default: sharp }) => {
    sharp.concurrency(1);
    sharp.cache({ memory: 200, items: 50, files: 0 });
    return sharp;
  }));
}

/** What the recorded versions were read from: the installed sharp package, the platform, and how libvips was chosen. */
function installed(): string {
  const require = createRequire(import.meta.url);
  // sharp's entry is `<package>/dist/index.cjs`; its package.json is not exported.
  const pkg = path.join(path.dirname(path.dirname(require.resolve('sharp'))), 'package.json');
  const version = (JSON.parse(readFileSync(pkg, 'utf8')) as { version: string }).version;
  return JSON.stringify([version, process.platform, process.arch, process.env.SHARP_FORCE_GLOBAL_LIBVIPS ?? null, process.env.SHARP_IGNORE_GLOBAL_LIBVIPS ?? null]);
}

/** The file a cache folder records sharp's versions in (beside the cache's own index). */
export const VERSIONS_FILE = 'sharp-versions.json';
const known = new Map<string, Promise<Record<string, string>>>();

/**
 * `sharp.versions` (sharp's, libvips's and its libraries'; part of every photo's and card's cache
 * key), read from `file` when the installed sharp is the one recorded there, else from sharp
 * itself (then recorded in `file`). A sharp of another version, platform or libvips choice is
 * loaded and recorded again. Without `file`, sharp answers.
 */
export async function sharpVersions(file?: string): Promise<Record<string, string>> {
  if (!file) return { ...(await loadSharp()).versions } as Record<string, string>;
  let found = known.get(file);
  if (!found) {
    found = readVersions(file);
    known.set(file, found);
  }
  return found;
}

async function readVersions(file: string): Promise<Record<string, string>> {
  let from: string | undefined;
  try {
    from = installed();
    const saved = JSON.parse(await fs.readFile(file, 'utf8')) as { from?: unknown; versions?: unknown };
    if (saved.from === from && saved.versions && typeof saved.versions === 'object') return saved.versions as Record<string, string>;
  } catch {
    // No record (or sharp's package could not be found): sharp answers.
  }
  const versions = { ...(await loadSharp()).versions } as Record<string, string>;
  if (from) {
    const record = JSON.stringify({ from, versions });
    await fs
      .mkdir(path.dirname(file), { recursive: true })
      .then(() => writeAtomic(file, record))
      .catch(() => undefined);
  }
  return versions;
}
