import { createHash } from 'node:crypto';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { codeKey } from '../util/code-key.js';
import type { Site } from '../collections/types.js';
import { linkFrom, readRecord, writeAtomic, writeIfChanged } from '../util/fs.js';
import { atomFormat } from './formats/atom.js';
import { headersFormat } from './formats/headers.js';
import { jsonFeedFormat } from './formats/json-feed.js';
import { newsSitemapFormat } from './formats/news-sitemap.js';
import { redirectsFormat } from './formats/redirects.js';
import { robotsFormat } from './formats/robots.js';
import { rssFormat } from './formats/rss.js';
import { sitemapFormat } from './formats/sitemap.js';
import { fileContents, type OutputFormat } from './types.js';

export type { OutputFormat, EmittedFile } from './types.js';
export { fileContents } from './types.js';
export { feedPaths } from './urls.js';

/** Every output format, in the order they are written. */
export const outputFormats: OutputFormat[] = [rssFormat, atomFormat, jsonFeedFormat, sitemapFormat, newsSitemapFormat, robotsFormat, redirectsFormat, headersFormat];

/** Where the keys of emitted files live inside a build (not part of the deploy manifest). */
export const EMIT_STATE_PATH = '.dateline/emitted.json';

interface EmitState {
  version: 1;
  /** Output file → key of what it was made from ('' for a file made every time). */
  files: Record<string, string>;
}

function readEmitState(outDir: string): Promise<EmitState | undefined> {
  return readRecord<EmitState>(path.join(outDir, EMIT_STATE_PATH), 'files');
}

/**
 * Writes feeds, sitemaps, robots.txt, _redirects and _headers into `outDir` (only files whose bytes changed); `only` picks formats by name.
 * With `previous` (the previous output), a file with a key equal to the one recorded there is linked from it instead of being made again.
 */
export async function emitFiles(site: Site, outDir: string, options: { only?: string[]; previous?: string } = {}): Promise<{ files: string[]; counts: { feeds: number; sitemaps: number }; reused: number }> {
  const files: string[] = [];
  const counts = { feeds: 0, sitemaps: 0 };
  const previous = options.previous ? await readEmitState(options.previous) : undefined;
  const state: EmitState = { version: 1, files: {} };
  // What writes the files (this module and what it imports: formats, feed bodies, XML): an upgrade that changes it writes them again.
  const emitCode = codeKey(fileURLToPath(import.meta.url));
  let reused = 0;
  // Emitting in place (the preview): a file with an unchanged key is already there.
  const inPlace = options.previous !== undefined && path.resolve(options.previous) === path.resolve(outDir);
  const linkPrevious = (rel: string): Promise<boolean> => (inPlace ? fs.access(path.join(outDir, rel)).then(() => true, () => false) : linkFrom(options.previous!, outDir, rel));
  for (const format of outputFormats) {
    if (options.only && !options.only.includes(format.name)) continue;
    const emitted = await format.emit(site);
    await Promise.all(
      emitted.map(async (file) => {
        const key = file.key === undefined ? '' : createHash('sha256').update(emitCode).update('\0').update(format.name).update('\0').update(file.key).digest('hex');
        state.files[file.path] = key;
        if (key && previous?.files[file.path] === key && (await linkPrevious(file.path))) {
          reused++;
          return;
        }
        // writeIfChanged creates parent folders and leaves identical files untouched (mtimes, deploy diff).
        await writeIfChanged(path.join(outDir, file.path), fileContents(file));
      }),
    );
    for (const file of emitted) files.push(file.path);
    if (format.counts === 'feed') counts.feeds += emitted.length;
    if (format.counts === 'sitemap') counts.sitemaps += emitted.length;
  }
  if (!options.only) {
    // In place, files no format emits any more (a section's feeds when it has no stories left) are removed.
    if (inPlace && previous) await Promise.all(Object.keys(previous.files).filter((rel) => !(rel in state.files)).map((rel) => fs.rm(path.join(outDir, rel), { force: true })));
    await writeAtomic(path.join(outDir, EMIT_STATE_PATH), JSON.stringify(state));
  }
  return { files, counts, reused };
}
