import { createHash } from 'node:crypto';
import { existsSync, promises as fs } from 'node:fs';
import path from 'node:path';
import * as pagefind from 'pagefind';
import { linkFiles, listFiles } from '../util/fs.js';
import { urlToFile } from '../util/paths.js';
import { packageVersion } from '../util/package-version.js';
import { searchBundles } from '../collections/search-bundles.js';

const pagefindVersion = packageVersion('pagefind');

/** An article as the search index sees it: its URL and the year it was published (as written). */
export interface SearchArticle {
  url: string;
  year: string;
  /** The article page's render key (render/incremental.ts): same key, same HTML, so the file need not be read to know it is unchanged. */
  key: string;
}

/** The search index's view of an article. */
export function searchArticle(a: { url: string; date: string }, key: string): SearchArticle {
  return { url: a.url, year: a.date.slice(0, 4), key };
}

/** Places a bundle (without the cache's completion marker) into the site. */
async function linkTree(from: string, to: string): Promise<void> {
  await linkFiles(from, to, (await listFiles(from)).filter((rel) => rel !== '.complete'));
}

/** Indexes pages into a new bundle at `target` with Pagefind. */
async function indexPages(pages: { url: string; content: string }[], target: string): Promise<void> {
  const { index, errors } = await pagefind.createIndex({});
  if (!index) throw new Error(`Pagefind could not start: ${errors.join('; ')}`);
  for (const p of pages) {
    const r = await index.addHTMLFile({ url: p.url, content: p.content });
    if (r.errors.length) throw new Error(`Pagefind could not index ${p.url}: ${r.errors.join('; ')}`);
  }
  const w = await index.writeFiles({ outputPath: target });
  if (w.errors.length) throw new Error(`Pagefind could not write its index: ${w.errors.join('; ')}`);
  await index.deleteIndex();
}

/**
 * Builds the static search index (Pagefind) from the rendered article pages only: drafts and
 * embargoed stories are never rendered, so they can never be found. The article template marks
 * its body with `data-pagefind-body`; each language gets its own index inside a bundle. Each
 * year's bundle is cached by a hash of its articles' URLs and page keys, so a build reindexes
 * (and reads) only the years whose articles changed.
 */
export async function buildSearchIndex(outDir: string, articles: SearchArticle[], options: { cacheDir?: string } = {}): Promise<{ pages: number; cached: boolean; indexed: number }> {
  const bundles = searchBundles(articles.map((a) => a.year));
  // A site without articles still gets an (empty) bundle, so the search page loads.
  if (bundles.length === 0) bundles.push({ year: '', path: '/pagefind/' });
  let indexed = 0;
  const cacheDir = options.cacheDir && (await fs.mkdir(options.cacheDir, { recursive: true }).then(() => true, () => false)) ? options.cacheDir : undefined;
  try {
    for (const bundle of bundles) {
      const members = articles.filter((a) => a.year === bundle.year);
      const hash = createHash('sha256').update(pagefindVersion).update('\0');
      for (const a of members) hash.update(a.url).update('\0').update(a.key).update('\0');
      const target = path.join(outDir, bundle.path);
      const cached = cacheDir ? path.join(cacheDir, hash.digest('hex').slice(0, 24)) : undefined;
      if (cached && existsSync(path.join(cached, '.complete'))) {
        await linkTree(cached, target);
        continue;
      }
      const pages = await Promise.all(members.map(async ({ url }) => ({ url, content: await fs.readFile(path.join(outDir, urlToFile(url)), 'utf8') })));
      indexed += pages.length;
      const fresh = cached ? `${cached}.tmp-${process.pid}` : target;
      await fs.rm(fresh, { recursive: true, force: true });
      await indexPages(pages, fresh);
      if (!cached) continue;
      try {
        await fs.writeFile(path.join(fresh, '.complete'), '');
        await fs.rm(cached, { recursive: true, force: true });
        await fs.rename(fresh, cached);
        await linkTree(cached, target);
      } catch {
        // Without a cache entry the bundle is placed from the fresh copy; the next build indexes it again.
        await linkTree(fresh, target);
        await fs.rm(fresh, { recursive: true, force: true });
      }
    }
  } finally {
    await pagefind.close();
  }
  return { pages: articles.length, cached: indexed === 0, indexed };
}
