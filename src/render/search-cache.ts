import { existsSync, promises as fs } from 'node:fs';
import path from 'node:path';
import type { SearchArticle } from './search-index.js';

/**
 * The search index's bundles in `.cache/search/`, by id: each appears whole (renamed in with its
 * completion marker), is never replaced, and is removed only after an hour unused, so builds
 * sharing the cache at once never lose one they are reading.
 */

/** Builds a bundle into `cacheDir/name` (unless it is there) and returns its folder. */
export async function cachedBundle(cacheDir: string, name: string, articles: SearchArticle[], indexRecords: (articles: SearchArticle[], target: string) => Promise<void>): Promise<{ dir: string; built: boolean }> {
  const dir = path.join(cacheDir, name);
  if (existsSync(path.join(dir, '.complete'))) {
    // Marked as in use, so another build sharing the cache does not prune it meanwhile.
    const now = new Date();
    await fs.utimes(dir, now, now).catch(() => undefined);
    return { dir, built: false };
  }
  const fresh = `${dir}.tmp-${process.pid}-${Math.random().toString(36).slice(2)}`;
  await fs.rm(fresh, { recursive: true, force: true });
  await indexRecords(articles, fresh);
  await fs.writeFile(path.join(fresh, '.complete'), '');
  // A bundle appears in the cache whole (renamed in with its marker) and is never replaced: a
  // build sharing the cache may be reading it. Another build that made the same one first wins.
  for (let attempt = 0; ; attempt++) {
    try {
      await fs.rename(fresh, dir);
      return { dir, built: true };
    } catch (err) {
      if (existsSync(path.join(dir, '.complete'))) {
        await fs.rm(fresh, { recursive: true, force: true });
        return { dir, built: true };
      }
      if (attempt > 0 || !existsSync(dir)) throw err;
      // A folder without the marker (left by a stopped build of an older version): set aside, then removed.
      const stale = `${dir}.stale-${process.pid}-${Math.random().toString(36).slice(2)}`;
      await fs.rename(dir, stale);
      await fs.rm(stale, { recursive: true, force: true });
    }
  }
}

/** How long a cached bundle stays after its last use: builds sharing one cache may be using it. */
const PRUNE_AFTER_MS = 60 * 60 * 1000;

/** Removes cached bundles other than the ones named that no build has used for an hour. */
export async function prune(cacheDir: string, keep: Set<string>): Promise<void> {
  const before = Date.now() - PRUNE_AFTER_MS;
  for (const name of await fs.readdir(cacheDir).catch(() => [] as string[])) {
    if (!/^(delta-)?[0-9a-f]{24}$/.test(name) || keep.has(name)) continue;
    const stat = await fs.stat(path.join(cacheDir, name)).catch(() => undefined);
    if (stat && stat.mtimeMs < before) await fs.rm(path.join(cacheDir, name), { recursive: true, force: true }).catch(() => undefined);
  }
}
