import path from 'node:path';
import { promises as fs } from 'node:fs';
import type { Command } from 'commander';
import pc from 'picocolors';
import { toBuildOptions, type CommonFlags } from '../options.js';
import { addCommonFlags } from './build.js';

const PHOTO = /\.(jpe?g|png|webp|avif|tiff?|heic)$/i;

async function expand(paths: string[]): Promise<string[]> {
  const out: string[] = [];
  for (const p of paths) {
    const stat = await fs.stat(p).catch(() => undefined);
    if (!stat) continue;
    if (stat.isDirectory()) {
      for (const rel of await fs.readdir(p, { recursive: true })) if (PHOTO.test(rel)) out.push(path.join(p, rel));
    } else out.push(p);
  }
  return out;
}

/** `dateline photos scrub [paths…]` and `dateline cache prune`. */
export function registerMaintenance(program: Command): void {
  const photos = program.command('photos').description('work on source photos');
  photos
    .command('scrub')
    .description('rewrite source photos in place without EXIF/XMP/IPTC metadata (GPS, serials), keeping orientation and colour')
    .argument('[paths...]', 'photos or folders', ['content'])
    .action(async (paths: string[]) => {
      const { scrubPhotos } = await import('../../images/index.js');
      const files = await expand(paths);
      const results = await scrubPhotos(files);
      let changed = 0;
      for (const r of results) {
        if (r.removed.length === 0) continue;
        changed++;
        process.stdout.write(`${path.relative(process.cwd(), r.path)}: removed ${r.removed.join(', ')}\n`);
      }
      process.stdout.write(pc.green(`Scrubbed ${changed} of ${files.length} photo${files.length === 1 ? '' : 's'}.`) + '\n');
    });

  const cache = program.command('cache').description('manage the build cache');
  addCommonFlags(cache.command('prune').description('remove cached photos the current content no longer uses')).action(async (flags: CommonFlags) => {
    const options = toBuildOptions(flags, { write: false, preview: false });
    const [{ build }, { prunePhotoCache }] = await Promise.all([import('../../pipeline/build.js'), import('../../images/index.js')]);
    const result = await build(options);
    const hashes = result.context.photos?.hashes;
    if (!result.context.photos || !hashes) {
      process.stderr.write('The content could not be read, so nothing was pruned; run `dateline check` to see why.\n');
      process.exitCode = 1;
      return;
    }
    const { removed, bytes } = await prunePhotoCache(path.join(options.cacheDir, 'photos'), hashes);
    process.stdout.write(pc.green(`Removed ${removed} cached photo set${removed === 1 ? '' : 's'} (${(bytes / 1e6).toFixed(1)} MB).`) + '\n');
  });
}
