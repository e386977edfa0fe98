import path from 'node:path';
import type { Site } from '../collections/types.js';
import { writeIfChanged } from '../util/fs.js';
import { feedsFormat } from './formats/feeds.js';
import { headersFormat, redirectsFormat } from './formats/host-config.js';
import { robotsFormat, sitemapsFormat } from './formats/sitemaps.js';
import type { OutputFormat } from './types.js';

export type { OutputFormat, EmittedFile } from './types.js';
export { feedPaths } from './urls.js';

/** Every output format, in the order they are written. */
export const outputFormats: OutputFormat[] = [feedsFormat, sitemapsFormat, robotsFormat, redirectsFormat, headersFormat];

/** Writes feeds, sitemaps, robots.txt, _redirects and _headers into `outDir`. */
export async function emitFiles(site: Site, outDir: string, options: { only?: string[] } = {}): Promise<{ files: string[]; counts: { feeds: number; sitemaps: number } }> {
  const files: string[] = [];
  const counts = { feeds: 0, sitemaps: 0 };
  for (const format of outputFormats) {
    if (options.only && !options.only.includes(format.name)) continue;
    for (const file of await format.emit(site)) {
      await writeIfChanged(path.join(outDir, file.path), file.contents);
      files.push(file.path);
      if (format.counts === 'feed') counts.feeds++;
      if (format.counts === 'sitemap') counts.sitemaps++;
    }
  }
  return { files, counts };
}
