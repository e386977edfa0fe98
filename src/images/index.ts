import path from 'node:path';
import { itemCounter } from '../pipeline/progress.js';
import os from 'node:os';
import { sharpVersions, VERSIONS_FILE } from './sharp.js';
import pLimit from 'p-limit';
import { diagnose } from '../errors/diagnostics.js';
import { fileFailure } from '../errors/guard.js';
import type { Diagnostic } from '../errors/types.js';
import { sha256 } from '../util/hash.js';
import { ENCODE, MOTION, encodePhoto, type EncodedFile, type EncodedSet } from './encode.js';
import { inspectPhoto, photoWarnings, readSource, type PhotoFacts } from './inspect.js';
import { looksLikeSvg } from './svg.js';
import { openJsonIndex } from '../util/json-index.js';
import { encodedFileRecord, photoSetFrom, placeCachedSet, readCachedSet, writeCacheEntry, writeMedia, type StoredSet } from './store.js';
import type { PhotoFile, PhotoOptions, PhotoRequest, PhotoResult, PhotoRole, PhotoSet } from './types.js';

export type * from './types.js';
export { renderPicture } from './picture.js';
export { scrubPhotos, type ScrubResult } from './scrub.js';
export { prunePhotoCache } from './store.js';
export { planWidths } from './plan.js';
export { makeShareCards, pruneShareCards, startShareCards, type CardRequest, type ShareCards } from './share-card.js';
export { shareCardKey } from './types.js';

const RANK: Record<PhotoRole, number> = { lead: 4, logo: 3, author: 2, body: 1 };
/** Output files' folder inside the site. */
const MEDIA = 'media';


/** One request per source, keeping the strongest role (lead > logo > author > body). */
function dedupe(requests: PhotoRequest[]): PhotoRequest[] {
  const bySource = new Map<string, PhotoRequest>();
  for (const r of requests) {
    const source = path.resolve(r.source);
    const prev = bySource.get(source);
    if (!prev || RANK[r.role] > RANK[prev.role]) {
      // Copied with its accessors: a lead photo's position is looked up only if a message needs it.
      const copy = Object.defineProperties({}, Object.getOwnPropertyDescriptors(r)) as PhotoRequest;
      copy.source = source;
      if (prev?.focus && !r.focus) copy.focus = prev.focus;
      bySource.set(source, copy);
    }
  }
  return [...bySource.values()];
}

/** Settings of moving and vector images (and the SVG sanitiser's revision), part of their keys. */
const MOTION_SETTINGS = [MOTION, 'svg-sanitiser-1'];

/** What decides a photo's files besides its bytes: sharp and libvips versions, encoder settings, role and focus. */
function keySettings(req: PhotoRequest, versions: Record<string, string>): unknown[] {
  return [versions.sharp, versions.vips, ENCODE, req.role, req.focus ?? null];
}

/** The cache key: source bytes and the settings that decide the files. */
function cacheKey(bytes: Buffer, req: PhotoRequest, versions: Record<string, string>): string {
  // GIFs and SVGs have settings of their own (and the sanitiser): photos' keys stay as they were.
  const motion = bytes.subarray(0, 4).toString('latin1') === 'GIF8' || looksLikeSvg(bytes) ? MOTION_SETTINGS : [];
  const options = JSON.stringify([...keySettings(req, versions), ...motion]);
  return sha256(Buffer.concat([bytes, Buffer.from(options)])).slice(0, 24);
}

/** What a cache key is computed from, with the bytes' digest in place of the bytes. */
function keyOfDigest(digest: string, req: PhotoRequest, versions: Record<string, string>): string {
  return JSON.stringify([digest, ...keySettings(req, versions), MOTION_SETTINGS]);
}

const EMPTY = Buffer.alloc(0);

/** The set record of freshly encoded files; URLs carry the first 12 characters of the key. */
function toStoredSet(key: string, files: EncodedFile[], set: EncodedSet, facts: PhotoFacts): StoredSet {
  const file = (name: string): PhotoFile => {
    return encodedFileRecord(files.find((x) => x.name === name)!);
  };
  const variants = (type: string) => files.filter((f) => f.type === type && /-\d+\.\w+$/.test(f.name)).map((f) => file(f.name));
  const stored: StoredSet = { hash: key, width: set.width, height: set.height, avif: variants('image/avif'), webp: variants('image/webp'), jpeg: variants('image/jpeg'), placeholder: set.placeholder, color: set.color, leaks: facts.leaks, facts };
  if (set.shareName) stored.share = file(set.shareName);
  if (set.svg) stored.svg = file(`${key.slice(0, 12)}-vector.svg`);
  if (set.animation) stored.animation = file(`${key.slice(0, 12)}-loop.webp`);
  if (set.cropNames) stored.crops = { '16x9': file(set.cropNames['16x9']), '4x3': file(set.cropNames['4x3']), '1x1': file(set.cropNames['1x1']) };
  return stored;
}

/**
 * Makes every photo a set of responsive, metadata-free files (cached by the hash of the source
 * bytes, the encoder settings and sharp's version) and checks each source: missing, not an image,
 * corrupt, too small for a lead, too many pixels, unsupported format, GPS or serials in its
 * metadata. A photo used twice is processed once, as its strongest role. With `write: false` only
 * the checks run. Call once per build with every use of every photo.
 */
export async function processPhotos(requests: PhotoRequest[], options: PhotoOptions): Promise<PhotoResult> {
  const photos = new Map<string, PhotoSet>();
  const diagnostics: Diagnostic[] = [];
  const hashes = new Set<string>();
  const stats = { photos: 0, encoded: 0, cached: 0 };
  const mediaDir = path.join(options.outDir, MEDIA);
  let cacheWritable = true;
  const inflight = new Map<string, Promise<void>>();
  const limit = pLimit(Math.max(1, options.jobs ?? os.availableParallelism()));

  // Cache keys by the source's digest (from the content store): known bytes are not read again.
  const keys = options.digestOf ? await openJsonIndex<string>(path.join(options.cacheDir, 'keys.json')) : undefined;
  // sharp's versions are part of every key: recorded beside the keys, so sharp itself is loaded only when a photo is read, encoded or inspected.
  const versions = await sharpVersions(keys ? path.join(options.cacheDir, VERSIONS_FILE) : undefined);

  async function processOne(req: PhotoRequest): Promise<void> {
    const digest = options.digestOf?.(req.source);
    const known = digest ? keys?.get(keyOfDigest(digest, req, versions)) : undefined;
    let bytes: Buffer | undefined;
    // The source's bytes, read once, only when they are needed (a new photo, or one to encode or inspect again).
    const sourceBytes = async (): Promise<Buffer | undefined> => {
      if (bytes) return bytes;
      const source = await readSource(req, options.root);
      diagnostics.push(...source.diagnostics);
      return (bytes = source.bytes);
    };
    if (!known && !(await sourceBytes())) return;
    const key = known ?? cacheKey(bytes!, req, versions);
    if (digest && !known) keys?.set(keyOfDigest(digest, req, versions), key);
    const dir = path.join(options.cacheDir, key);
    // A cached set was decoded and checked when it was made: only its warnings are repeated.
    let stored = await readCachedSet(dir);
    // Without a complete cached set, the bytes are needed after all.
    if (!stored?.facts && !(await sourceBytes())) return;
    // Sets cached before their facts were kept are inspected again (their files are still reused).
    let photo = stored?.facts ? { ...stored.facts, bytes: bytes ?? EMPTY, width: stored.width, height: stored.height, leaks: stored.leaks ?? [] } : undefined;
    let found: Diagnostic[];
    if (photo) found = photoWarnings(req, photo, options);
    else ({ photo, diagnostics: found } = await inspectPhoto(req, options, bytes!));
    diagnostics.push(...found);
    if (!photo || found.some((d) => d.severity === 'error')) return;
    hashes.add(key);
    stats.photos++;
    if (!options.write) return;

    // The same bytes used in two places are encoded once: later uses wait for the first.
    if (!stored && inflight.has(key)) {
      await inflight.get(key);
      stored = await readCachedSet(dir);
    }
    if (stored && (await placeCachedSet(dir, stored, mediaDir))) {
      stats.cached++;
      photos.set(req.source, photoSetFrom(stored, req.source, photo.leaks));
      return;
    }

    // A cached set whose files went missing is encoded again: from the source's bytes (an
    // inspected photo already holds the bytes to encode, e.g. a sanitised SVG).
    if (photo.bytes === EMPTY) {
      if (!(await sourceBytes())) return;
      // Inspected again for the bytes to encode (its warnings were given above from the cached facts).
      const again = await inspectPhoto(req, options, bytes!);
      if (!again.photo) return;
      photo = again.photo;
    }
    let release = () => {};
    inflight.set(key, new Promise<void>((resolve) => (release = resolve)));
    try {
      let encoded: Awaited<ReturnType<typeof encodePhoto>>;
      try {
        encoded = await encodePhoto(photo.bytes, key.slice(0, 12), req.role, req.focus, photo);
      } catch (err) {
        // Damage the quick check missed (it decodes a thumbnail); the photo is dropped, the build goes on.
        const name = path.relative(options.root, req.source).split(path.sep).join('/');
        diagnostics.push(diagnose('photo:corrupt', req.file, `The photo \`${name}\` could not be decoded (${(err as Error).message}).`, { position: req.position, hint: 'Export or download it again, then commit the new file.' }));
        hashes.delete(key);
        stats.photos--;
        return;
      }
      stats.encoded++;
      const { bytes: _bytes, ...facts } = photo;
      const set = toStoredSet(key, encoded.files, encoded.set, facts);
      let cached = false;
      if (cacheWritable) {
        try {
          await writeCacheEntry(dir, encoded.files, set);
          cached = true;
        } catch (err) {
          // Photos encode side by side: only the first failed write says so.
          if (cacheWritable) {
            const where = path.relative(options.root, options.cacheDir).split(path.sep).join('/') || '.';
            diagnostics.push(diagnose('cache:unwritable', where, `The photo cache cannot be written (${(err as Error).message}); photos will be encoded again next time.`, { hint: 'Check that the cache folder (`--cache-dir`) is a writable folder, or remove whatever is in its place.' }));
          }
          cacheWritable = false;
        }
      }
      // Linked from the cache like a warm build's files; without a cache, written from memory
      // (replaced, never overwritten, so a file linked from an earlier build is not changed).
      if (!cached || !(await placeCachedSet(dir, set, mediaDir))) {
        await Promise.all(encoded.files.map((f) => writeMedia(mediaDir, f.name, f.data)));
      }
      photos.set(req.source, { ...set, source: req.source, leaks: photo.leaks });
    } finally {
      release();
    }
  }

  const unique = dedupe(requests);
  const tick = itemCounter(options.progress, unique.length);
  // An exception with one photo is the error of the file that uses it; the other photos go on.
  const guarded = (req: PhotoRequest) => processOne(req).catch((err: unknown) => void diagnostics.push(fileFailure(req.file, `processing the photo ${path.basename(req.source)} of`, err, req.position)));
  await Promise.all(unique.map((req) => limit(() => guarded(req).finally(() => tick()))));
  await keys?.save();
  return { photos, diagnostics, stats, hashes };
}
