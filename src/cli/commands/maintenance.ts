import path from 'node:path';
import { promises as fs } from 'node:fs';
import type { Command } from 'commander';
import pc from 'picocolors';
import { toBuildOptions, type CommonFlags } from '../options.js';
import { addCommonFlags } from './build.js';

const PHOTO = /\.(jpe?g|png|webp|avif|tiff?|heic)$/i;
/** PDFs and office files (the same list as src/documents/scrub.ts, kept here so `--help` stays fast). */
const DOCUMENT = /\.(pdf|docx|docm|xlsx|xlsm|pptx|pptm|odt|ods|odp)$/i;

async function expand(paths: string[], kind: RegExp): Promise<string[]> {
  const out: string[] = [];
  for (const p of paths) {
    const stat = await fs.stat(p).catch(() => undefined);
    if (!stat) continue;
    if (stat.isDirectory()) {
      for (const rel of await fs.readdir(p, { recursive: true })) if (kind.test(rel)) out.push(path.join(p, rel));
    } else if (kind.test(p)) out.push(p);
  }
  return out;
}

/** Scrubs the photos and (with `documents`) the PDFs and office files under `paths`, printing what was removed. */
async function scrub(paths: string[], documents: boolean): Promise<void> {
  const { scrubPhotos } = await import('../../images/index.js');
  const photos = await expand(paths, PHOTO);
  const results = [...(await scrubPhotos(photos))];
  const docs = documents ? await expand(paths, DOCUMENT) : [];
  if (docs.length) {
    const { scrubDocuments } = await import('../../documents/scrub.js');
    results.push(...(await scrubDocuments(docs)));
  }
  let changed = 0;
  for (const r of results) {
    if (r.error) process.stderr.write(`${path.relative(process.cwd(), r.path)}: left as it is (${r.error})\n`);
    if (r.removed.length === 0) continue;
    changed++;
    process.stdout.write(`${path.relative(process.cwd(), r.path)}: removed ${r.removed.join(', ')}\n`);
  }
  const n = (count: number, word: string) => `${count} ${word}${count === 1 ? '' : 's'}`;
  const total = documents ? `${n(photos.length, 'photo')} and ${n(docs.length, 'document')}` : n(photos.length, 'photo');
  process.stdout.write(pc.green(`Scrubbed ${changed} of ${total}.`) + '\n');
}

/** `dateline scrub [paths…]` (photos and documents), `dateline photos scrub [paths…]` (the older name) and `dateline cache prune`. */
export function registerMaintenance(program: Command): void {
  program
    .command('scrub')
    .description('rewrite source photos (EXIF/XMP/IPTC: GPS, serials) and documents (PDF and office metadata: author, creator tool, edit history, XMP) in place without metadata')
    .argument('[paths...]', 'files or folders', ['content'])
    .action((paths: string[]) => scrub(paths, true));
  const photos = program.command('photos').description('work on source photos');
  photos
    .command('scrub')
    .description('the older name of `dateline scrub`: photos and documents alike')
    .argument('[paths...]', 'files or folders', ['content'])
    .action((paths: string[]) => scrub(paths, true));

  const cache = program.command('cache').description('manage the build cache');
  addCommonFlags(cache.command('prune').description('remove cached photos and share cards the current content no longer uses')).action(async (flags: CommonFlags) => {
    const options = toBuildOptions(flags, { write: false, preview: false });
    const [{ build }, { prunePhotoCache, pruneShareCards }, { shareCardRequests }] = await Promise.all([
      import('../../pipeline/build.js'),
      import('../../images/index.js'),
      import('../../pipeline/share-cards.js'),
    ]);
    const result = await build(options);
    const ctx = result.context;
    const hashes = ctx.photos?.hashes;
    if (!ctx.photos || !hashes || !ctx.content?.config) {
      process.stderr.write('The content could not be read, so nothing was pruned; run `dateline check` to see why.\n');
      process.exitCode = 1;
      return;
    }
    const photos = await prunePhotoCache(path.join(options.cacheDir, 'photos'), hashes);
    // Every article's card, held ones too (a scheduled story keeps the card it will publish with).
    const cards = await pruneShareCards(shareCardRequests(ctx, ctx.content.articles), path.join(options.cacheDir, 'cards'));
    const sets = (n: number, what: string) => `${n} ${what}${n === 1 ? '' : 's'}`;
    process.stdout.write(pc.green(`Removed ${sets(photos.removed, 'cached photo set')} (${(photos.bytes / 1e6).toFixed(1)} MB) and ${sets(cards.removed, 'share card set')} (${(cards.bytes / 1e6).toFixed(1)} MB).`) + '\n');
  });
}
