import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, promises as fs, readdirSync, readFileSync, renameSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { trackMedia } from '../images/store.js';
import { MANIFEST_PATH } from '../deploy/manifest.js';
import type { BuildContext } from './context.js';

/**
 * Swaps `staging` in as `out` with renames (readers see the old folder or the new one). The old
 * folder is deleted by a detached process, so the build does not wait for thousands of unlinks;
 * an old folder a stopped deletion left behind is removed by the next swap.
 *
 * With `media` (an incremental build that added its photos, cards and documents to the published
 * `out/media/` instead of linking thousands of unchanged files into the staging folder), the old
 * output's media folder is moved into the new output right after the swap, and the files no page
 * uses any more (not in `media`) are removed from it. Every name there is made from a hash of
 * the file's bytes, so adding files never changed what the old output showed.
 */
export async function replaceOutput(staging: string, out: string, media?: ReadonlySet<string>, carried: string[] = []): Promise<void> {
  const parent = path.dirname(out);
  const prefix = `${path.basename(out)}.old-`;
  const leftovers = (await fs.readdir(parent).catch(() => [] as string[])).filter((name) => name.startsWith(prefix));
  await Promise.all(leftovers.map((name) => fs.rm(path.join(parent, name), { recursive: true, force: true })));
  const old = path.join(parent, `${prefix}${process.pid}-${Date.now().toString(36)}`);
  const hadOld = await fs.rename(out, old).then(
    () => true,
    () => false,
  );
  // While folders are being moved from the old output, a marker names it and them.
  const dirs = hadOld ? [...(media ? ['media'] : []), ...carried] : [];
  const moving = dirs.length ? path.join(parent, moveMarker(out)) : undefined;
  if (moving) writeFileSync(moving, JSON.stringify({ old, dirs } satisfies MoveRecord));
  await fs.rename(staging, out);
  if (moving) {
    for (const rel of dirs) moveInto(path.join(old, rel), path.join(out, rel));
    unlinkSync(moving);
    if (media) for (const name of readdirSync(path.join(out, 'media'))) if (!media.has(name)) unlinkSync(path.join(out, 'media', name));
  }
  if (hadOld) removeDetached(old);
}

/** What the marker of a publish in progress records: the old output and the folders to move from it. */
interface MoveRecord {
  old: string;
  dirs: string[];
}

/**
 * Moves folder `from` to `to` with one rename; where `to` already has some of it (a file the
 * build wrote there), entry by entry. What `to` holds wins: it is the newer build's.
 */
function moveInto(from: string, to: string): void {
  if (!existsSync(from)) return;
  if (!existsSync(to)) {
    mkdirSync(path.dirname(to), { recursive: true });
    renameSync(from, to);
    return;
  }
  if (!statSync(to).isDirectory() || !statSync(from).isDirectory()) return;
  for (const name of readdirSync(from)) moveInto(path.join(from, name), path.join(to, name));
}

/** Deletes a folder in a detached Node process that outlives this one (no shell, any platform). */
function removeDetached(dir: string): void {
  try {
    const child = spawn(process.execPath, ['-e', `require('node:fs').rmSync(${JSON.stringify(dir)}, { recursive: true, force: true })`], { detached: true, stdio: 'ignore' });
    child.on('error', () => void fs.rm(dir, { recursive: true, force: true }).catch(() => undefined));
    child.unref();
  } catch {
    void fs.rm(dir, { recursive: true, force: true }).catch(() => undefined);
  }
}

/**
 * A publish stopped between the swap and the moves from the old output (the process was killed)
 * leaves the output without some of its folders and a marker naming the old output that has
 * them: they are moved. (A marker holding a bare path is from a version that moved `media/` only.)
 */
function recoverMoves(out: string): void {
  const marker = path.join(path.dirname(out), moveMarker(out));
  let record: MoveRecord;
  try {
    const text = readFileSync(marker, 'utf8');
    record = text.startsWith('{') ? (JSON.parse(text) as MoveRecord) : { old: text, dirs: ['media'] };
  } catch {
    return;
  }
  if (existsSync(out)) for (const rel of record.dirs) moveInto(path.join(record.old, rel), path.join(out, rel));
  unlinkSync(marker);
}

/** The marker beside `out` while folders are moved into it from the old output. */
const moveMarker = (out: string) => `.dateline-media-move-${path.basename(out)}`;

/**
 * A fresh folder beside the output, so the final move is a rename on one file system. An
 * incremental build over a published output (with a manifest and a media folder) adds its media
 * files to that output's `media/` (`ctx.mediaRoot`), recording which it uses; other builds write
 * media into the staging folder.
 */
export async function makeStagingDir(ctx: BuildContext): Promise<string> {
  const out = path.resolve(ctx.options.outDir);
  if (ctx.options.inPlace) {
    await fs.mkdir(out, { recursive: true });
    ctx.mediaRoot = out;
    return out;
  }
  const staging = await makeStagingFor(ctx.options.outDir);
  ctx.mediaRoot = staging;
  const sharded = (ctx.options.shard?.count ?? 1) > 1;
  if (ctx.options.incremental !== false && !sharded) {
    recoverMoves(out);
    const media = path.join(out, 'media');
    if (existsSync(path.join(out, MANIFEST_PATH)) && statSync(media, { throwIfNoEntry: false })?.isDirectory()) {
      trackMedia(media, new Set(readdirSync(media)));
      ctx.mediaRoot = out;
    }
  }
  return staging;
}

/** The published media folder a build adds to (see {@link makeStagingDir}), or undefined when it writes media into its staging folder. */
export function publishedMedia(ctx: BuildContext): string | undefined {
  return ctx.mediaRoot && !ctx.options.inPlace && ctx.mediaRoot !== ctx.stagingDir ? path.join(ctx.mediaRoot, 'media') : undefined;
}

/** A fresh folder beside `outDir`. */
export async function makeStagingFor(outDir: string): Promise<string> {
  const out = path.resolve(outDir);
  await fs.mkdir(path.dirname(out), { recursive: true });
  return fs.mkdtemp(path.join(path.dirname(out), `.dateline-tmp-${path.basename(out)}-`));
}
