import path from 'node:path';
import type { Site } from '../collections/types.js';
import { writeIfChanged } from '../util/fs.js';
import { atomFormat } from './formats/atom.js';
import { headersFormat } from './formats/headers.js';
import { jsonFeedFormat } from './formats/json-feed.js';
import { newsSitemapFormat } from './formats/news-sitemap.js';
import { redirectsFormat } from './formats/redirects.js';
import { robotsFormat } from './formats/robots.js';
import { rssFormat } from './formats/rss.js';
import { sitemapFormat } from './formats/sitemap.js';
import type { OutputFormat } from './types.js';

export type { OutputFormat, EmittedFile } from './types.js';
export { feedPaths } from './urls.js';

/** Every output format, in the order they are written. */
export const outputFormats: OutputFormat[] = [rssFormat, atomFormat, jsonFeedFormat, sitemapFormat, newsSitemapFormat, robotsFormat, redirectsFormat, headersFormat];

/** Writes feeds, sitemaps, robots.txt, _redirects and _headers into `outDir` (only files whose bytes changed); `only` picks formats by name. */
export async function emitFiles(site: Site, outDir: string, options: { only?: string[] } = {}): Promise<{ files: string[]; counts: { feeds: number; sitemaps: number } }> {
  const files: string[] = [];
  const counts = { feeds: 0, sitemaps: 0 };
  for (const format of outputFormats) {
    if (options.only && !options.only.includes(format.name)) continue;
    const emitted = await format.emit(site);
    // writeIfChanged creates parent folders and leaves identical files untouched (mtimes, deploy diff).
    await Promise.all(emitted.map((file) => writeIfChanged(path.join(outDir, file.path), file.contents)));
    for (const file of emitted) files.push(file.path);
    if (format.counts === 'feed') counts.feeds += emitted.length;
    if (format.counts === 'sitemap') counts.sitemaps += emitted.length;
  }
  return { files, counts };
}
