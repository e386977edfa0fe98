import { spawn } from 'node:child_process';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import type { BuildContext } from './context.js';

/**
 * Swaps `staging` in as `out` with renames (readers see the old folder or the new one). The old
 * folder is deleted by a detached process, so the build does not wait for thousands of unlinks;
 * an old folder a stopped deletion left behind is removed by the next swap.
 */
export async function replaceOutput(staging: string, out: string): Promise<void> {
  const parent = path.dirname(out);
  const prefix = `${path.basename(out)}.old-`;
  const leftovers = (await fs.readdir(parent).catch(() => [] as string[])).filter((name) => name.startsWith(prefix));
  await Promise.all(leftovers.map((name) => fs.rm(path.join(parent, name), { recursive: true, force: true })));
  const old = path.join(parent, `${prefix}${process.pid}-${Date.now().toString(36)}`);
  const hadOld = await fs.rename(out, old).then(
    () => true,
    () => false,
  );
  await fs.rename(staging, out);
  if (hadOld) removeDetached(old);
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

/** A fresh folder beside the output, so the final move is a rename on one file system. */
export async function makeStagingDir(ctx: BuildContext): Promise<string> {
  if (ctx.options.inPlace) {
    const out = path.resolve(ctx.options.outDir);
    await fs.mkdir(out, { recursive: true });
    return out;
  }
  return makeStagingFor(ctx.options.outDir);
}

/** A fresh folder beside `outDir`. */
export async function makeStagingFor(outDir: string): Promise<string> {
  const out = path.resolve(outDir);
  await fs.mkdir(path.dirname(out), { recursive: true });
  return fs.mkdtemp(path.join(path.dirname(out), `.dateline-tmp-${path.basename(out)}-`));
}
