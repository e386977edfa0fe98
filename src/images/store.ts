import { promises as fs } from 'node:fs';
import path from 'node:path';

/** Puts a cached file into the output: a hard link when possible (no bytes copied), else a copy. */
export async function placeFile(from: string, to: string): Promise<void> {
  await fs.mkdir(path.dirname(to), { recursive: true });
  try {
    await fs.link(from, to);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'EEXIST') return;
    await fs.copyFile(from, to);
  }
}

/** Removes cache entries whose key is not in `keep`; returns how many and how many bytes. */
export async function prunePhotoCache(cacheDir: string, keep: Set<string>): Promise<{ removed: number; bytes: number }> {
  let removed = 0;
  let bytes = 0;
  let entries: string[] = [];
  try {
    entries = await fs.readdir(cacheDir);
  } catch {
    return { removed, bytes };
  }
  for (const entry of entries) {
    if (keep.has(entry)) continue;
    const dir = path.join(cacheDir, entry);
    for (const f of await fs.readdir(dir).catch(() => [] as string[])) bytes += (await fs.stat(path.join(dir, f)).catch(() => ({ size: 0 }))).size;
    await fs.rm(dir, { recursive: true, force: true });
    removed++;
  }
  return { removed, bytes };
}
