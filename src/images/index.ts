import { promises as fs } from 'node:fs';
import path from 'node:path';
import os from 'node:os';
import sharp from 'sharp';
import pLimit from 'p-limit';
import { diagnose } from '../errors/diagnostics.js';
import type { Diagnostic } from '../errors/types.js';
import { sha256 } from '../util/hash.js';
import { writeAtomic } from '../util/fs.js';
import { ENCODE, encodePhoto } from './encode.js';
import { inspectPhoto, photoWarnings, readSource } from './inspect.js';
import { placeFile } from './store.js';
import type { PhotoFile, PhotoOptions, PhotoRequest, PhotoResult, PhotoRole, PhotoSet } from './types.js';

export type * from './types.js';
export { renderPicture } from './picture.js';
export { scrubPhotos } from './scrub.js';
export { prunePhotoCache } from './store.js';
export { planWidths } from './plan.js';

const RANK: Record<PhotoRole, number> = { lead: 4, logo: 3, author: 2, body: 1 };
/** Output files' folder inside the site. */
const MEDIA = 'media';

// Each encode uses one libvips thread and photos are encoded side by side, one per core, so both
// cores stay busy on sets of many photos; the decoded-image cache is capped to bound memory.
sharp.concurrency(1);
sharp.cache({ memory: 200, items: 50, files: 0 });

/** One request per source, keeping the strongest role (lead > logo > author > body). */
function dedupe(requests: PhotoRequest[]): PhotoRequest[] {
  const bySource = new Map<string, PhotoRequest>();
  for (const r of requests) {
    const source = path.resolve(r.source);
    const prev = bySource.get(source);
    if (!prev || RANK[r.role] > RANK[prev.role]) bySource.set(source, { ...r, source, ...(prev?.focus && !r.focus ? { focus: prev.focus } : {}) });
  }
  return [...bySource.values()];
}

function cacheKey(bytes: Buffer, req: PhotoRequest): string {
  return sha256(Buffer.concat([bytes, Buffer.from(JSON.stringify([sharp.versions.sharp, sharp.versions.vips, ENCODE, req.role, req.focus ?? null]))])).slice(0, 24);
}

type StoredSet = Omit<PhotoSet, 'source' | 'leaks'> & { leaks?: string[] };

async function readCached(dir: string): Promise<StoredSet | undefined> {
  try {
    return JSON.parse(await fs.readFile(path.join(dir, 'set.json'), 'utf8')) as StoredSet;
  } catch {
    return undefined;
  }
}

/**
 * Makes every photo a set of responsive, metadata-free files (cached by the hash of the source
 * bytes, the options and sharp's version) and checks each source. With `write: false` only the
 * checks run.
 */
export async function processPhotos(requests: PhotoRequest[], options: PhotoOptions): Promise<PhotoResult> {
  const photos = new Map<string, PhotoSet>();
  const diagnostics: Diagnostic[] = [];
  const hashes = new Set<string>();
  const stats = { photos: 0, encoded: 0, cached: 0 };
  let cacheWarned = false;
  const inflight = new Map<string, Promise<void>>();
  const limit = pLimit(Math.max(1, os.availableParallelism()));
  await Promise.all(
    dedupe(requests).map((req) =>
      limit(async () => {
        const source = await readSource(req, options.root);
        diagnostics.push(...source.diagnostics);
        if (!source.bytes) return;
        const key = cacheKey(source.bytes, req);
        const dir = path.join(options.cacheDir, key);
        // A cached set was decoded and checked when it was made: only its warnings are repeated.
        let stored = await readCached(dir);
        let photo = stored ? { bytes: source.bytes, width: stored.width, height: stored.height, leaks: stored.leaks ?? [] } : undefined;
        let found: Diagnostic[];
        if (photo) found = photoWarnings(req, photo, options);
        else ({ photo, diagnostics: found } = await inspectPhoto(req, options, source.bytes));
        diagnostics.push(...found);
        if (!photo || found.some((d) => d.severity === 'error')) return;
        hashes.add(key);
        stats.photos++;
        if (!options.write) return;
        let sourceDir = dir;
        // The same bytes used in two places are encoded once: later uses wait for the first.
        if (!stored && inflight.has(key)) {
          await inflight.get(key);
          stored = await readCached(dir);
        }
        let release = () => {};
        if (stored) stats.cached++;
        else {
          inflight.set(key, new Promise<void>((r) => (release = r)));
          const id = key.slice(0, 12);
          const { files, set } = await encodePhoto(photo.bytes, id, req.role, req.focus);
          stats.encoded++;
          const file = (name: string): PhotoFile => {
            const f = files.find((x) => x.name === name)!;
            return { url: `/${MEDIA}/${name}`, width: f.width, height: f.height, bytes: f.data.length, type: f.type };
          };
          const byType = (type: string) => files.filter((f) => f.type === type && /-\d+\.\w+$/.test(f.name)).map((f) => file(f.name));
          stored = { hash: key, width: set.width, height: set.height, placeholder: set.placeholder, color: set.color, avif: byType('image/avif'), webp: byType('image/webp'), jpeg: byType('image/jpeg'), leaks: photo.leaks };
          if (set.shareName) stored.share = file(set.shareName);
          if (set.cropNames) stored.crops = { '16x9': file(set.cropNames['16x9']), '4x3': file(set.cropNames['4x3']), '1x1': file(set.cropNames['1x1']) };
          try {
            // set.json last: an entry counts only once every file is in place.
            await Promise.all(files.map((f) => writeAtomic(path.join(dir, f.name), f.data)));
            await writeAtomic(path.join(dir, 'set.json'), JSON.stringify(stored));
          } catch (err) {
            // Without a cache the build goes on: files are written straight to the output.
            if (!cacheWarned) {
              cacheWarned = true;
              diagnostics.push(diagnose('cache:unwritable', path.relative(options.root, options.cacheDir) || '.cache', `The photo cache cannot be written (${(err as Error).message}); photos will be encoded again next time.`));
            }
            sourceDir = path.join(options.outDir, MEDIA);
            await fs.mkdir(sourceDir, { recursive: true });
            await Promise.all(files.map((f) => fs.writeFile(path.join(sourceDir, f.name), f.data)));
          }
        }
        release();
        if (sourceDir === dir) {
          const all = [...stored.avif, ...stored.webp, ...stored.jpeg, ...(stored.share ? [stored.share] : []), ...Object.values(stored.crops ?? {})];
          await Promise.all(all.map((f) => placeFile(path.join(dir, path.basename(f.url)), path.join(options.outDir, MEDIA, path.basename(f.url)))));
        }
        photos.set(req.source, { ...stored, source: req.source, leaks: photo.leaks });
      }),
    ),
  );
  return { photos, diagnostics, stats, hashes };
}
