import { createHash } from 'node:crypto';
import { existsSync, promises as fs } from 'node:fs';
import path from 'node:path';
import * as pagefind from 'pagefind';
import { listFiles } from '../util/fs.js';
import { urlToFile } from '../util/paths.js';

import { packageVersion } from '../util/package-version.js';

const pagefindVersion = packageVersion('pagefind');

async function linkTree(from: string, to: string): Promise<void> {
  for (const rel of await listFiles(from)) {
    await fs.mkdir(path.dirname(path.join(to, rel)), { recursive: true });
    await fs.link(path.join(from, rel), path.join(to, rel)).catch(() => fs.copyFile(path.join(from, rel), path.join(to, rel)));
  }
}

/**
 * Builds the static search index (Pagefind) from the rendered article pages only: drafts and
 * embargoed stories are never rendered, so they can never be found. The article template marks
 * its body with `data-pagefind-body`; each language gets its own index. The index is cached by
 * a hash of every article page, so a build that changed no article reuses it.
 */
export async function buildSearchIndex(outDir: string, articleUrls: string[], options: { cacheDir?: string } = {}): Promise<{ pages: number; cached: boolean }> {
  const pages = await Promise.all(articleUrls.map(async (url) => ({ url, content: await fs.readFile(path.join(outDir, urlToFile(url)), 'utf8') })));
  const hash = createHash('sha256').update(pagefindVersion);
  for (const p of pages) hash.update(p.url).update('\0').update(p.content).update('\0');
  const cached = options.cacheDir ? path.join(options.cacheDir, hash.digest('hex').slice(0, 24)) : undefined;
  const target = path.join(outDir, 'pagefind');
  if (cached && existsSync(path.join(cached, '.complete'))) {
    await linkTree(cached, target);
    await fs.rm(path.join(target, '.complete'), { force: true });
    return { pages: pages.length, cached: true };
  }
  const { index, errors } = await pagefind.createIndex({});
  if (!index) throw new Error(`Pagefind could not start: ${errors.join('; ')}`);
  try {
    for (const p of pages) {
      const r = await index.addHTMLFile({ url: p.url, content: p.content });
      if (r.errors.length) throw new Error(`Pagefind could not index ${p.url}: ${r.errors.join('; ')}`);
    }
    const w = await index.writeFiles({ outputPath: target });
    if (w.errors.length) throw new Error(`Pagefind could not write its index: ${w.errors.join('; ')}`);
  } finally {
    await pagefind.close();
  }
  if (cached) {
    try {
      await fs.rm(cached, { recursive: true, force: true });
      await linkTree(target, cached);
      await fs.writeFile(path.join(cached, '.complete'), '');
    } catch {
      // Without a cache the next build indexes again.
    }
  }
  return { pages: pages.length, cached: false };
}
