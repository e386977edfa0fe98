import path from 'node:path';
import { buildSearchIndex, searchArticle, type SearchIndexResult } from '../render/search-index.js';
import type { BuildContext, Step } from './context.js';
import { publishedMedia } from './output-folder.js';

/** True when this run builds one share of the pages (`--shard i/n` with n > 1). */
export function isSharded(ctx: BuildContext): boolean {
  return (ctx.options.shard?.count ?? 1) > 1;
}

/** Every published article's search record, from memory. */
export function searchArticles(ctx: BuildContext) {
  return ctx.site!.articles.map(searchArticle);
}

/**
 * Starts the search index (Pagefind runs in a child process) as soon as the site's articles are
 * final, so it is built while the pages render; the search step waits for it. A shard holds only
 * some article pages: `dateline merge` indexes the whole site.
 */
export function startSearch(ctx: BuildContext): void {
  if (ctx.searchTask || isSharded(ctx) || !ctx.options.write) return;
  const outDir = ctx.stagingDir!;
  const articles = searchArticles(ctx);
  const cacheDir = path.join(ctx.options.cacheDir, 'search');
  // Over a published output (see output-folder.ts), the search archive it holds can be kept from it.
  const previous = publishedMedia(ctx) ? path.resolve(ctx.options.outDir) : undefined;
  // In place, the previous run's index may still be being written into the same folder: it goes first.
  const before = ctx.options.inPlace ? running.get(outDir) : undefined;
  const task = (async () => {
    await before?.catch(() => undefined);
    return await buildSearchIndex(outDir, articles, { cacheDir, ...(previous ? { previous } : {}) });
  })();
  // Awaited by the search step; a build that stops before it must not report an unhandled rejection.
  task.catch(() => undefined);
  if (ctx.options.inPlace) {
    running.set(outDir, task);
    void task.finally(() => running.get(outDir) === task && running.delete(outDir)).catch(() => undefined);
  }
  ctx.searchTask = task;
}

/** Indexes still being written into a folder built in place, by folder. */
const running = new Map<string, Promise<SearchIndexResult>>();

/** Resolves once no search index is being written in the background (the preview waits for it before it exits). */
export async function searchSettled(): Promise<void> {
  await Promise.allSettled([...running.values()]);
}

/**
 * Builds the static search index of published articles (or waits for the one started during
 * rendering). The live preview does not wait: the page a save changed is shown at once and the
 * search index follows a moment later.
 */
export const searchStep: Step = {
  name: 'search',
  writes: true,
  async run(ctx) {
    if (isSharded(ctx)) return;
    startSearch(ctx);
    if (ctx.options.inPlace && ctx.options.preview) {
      ctx.written!.searchPages = ctx.site!.articles.length;
      return;
    }
    const result = await ctx.searchTask!;
    if (result.carried) {
      // Moved from the published output with the folders of unchanged pages (publish), and listed in the manifest from it.
      ctx.carried ??= { dirs: [], files: [] };
      ctx.carried.dirs.push(...result.carried.dirs);
      ctx.carried.files.push(...result.carried.files);
    }
    ctx.written!.searchPages = result.pages;
    ctx.searchStats = { indexed: result.indexed, delta: result.delta };
  },
};
