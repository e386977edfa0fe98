import { readFile } from 'node:fs/promises';
import path from 'node:path';
import * as pagefind from 'pagefind';
import type { Site } from '../collections/types.js';
import { urlToFile } from '../util/paths.js';

/**
 * Builds the static search index (Pagefind) from the rendered article pages only: drafts
 * and embargoed stories are never rendered, so they can never be found. The article template
 * marks its body with `data-pagefind-body`; each language gets its own index.
 */
export async function buildSearchIndex(outDir: string, site: Site): Promise<{ pages: number }> {
  const { index, errors } = await pagefind.createIndex({ forceLanguage: undefined, keepIndexUrl: false });
  if (!index) throw new Error(`Pagefind could not start: ${errors.join('; ')}`);
  let pages = 0;
  try {
    for (const article of site.articles) {
      const content = await readFile(path.join(outDir, urlToFile(article.url)), 'utf8');
      const r = await index.addHTMLFile({ url: article.url, content });
      if (r.errors.length) throw new Error(`Pagefind could not index ${article.url}: ${r.errors.join('; ')}`);
      pages++;
    }
    const w = await index.writeFiles({ outputPath: path.join(outDir, 'pagefind') });
    if (w.errors.length) throw new Error(`Pagefind could not write its index: ${w.errors.join('; ')}`);
  } finally {
    await pagefind.close();
  }
  return { pages };
}
