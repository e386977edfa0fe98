import { statSync } from 'node:fs';
import path from 'node:path';
import { hashFile, MANIFEST_PATH, readManifest, writeManifest, type FileHash, type Manifest } from '../deploy/manifest.js';
import { mediaUsed, setFiles } from '../images/store.js';
import { publishedMedia } from './output-folder.js';
import { writeAtomic } from '../util/fs.js';
import { fileIdsPath, readFileIds, type FileIds } from './file-ids.js';
import { isSharded, searchArticles } from './search-step.js';
import { SHARD_RECORD_PATH, type ShardRecord } from './shard.js';
import type { BuildContext, Step } from './context.js';

/** Output paths whose names are made from a hash of their bytes: `media/` files and the parts of the Pagefind index. */
const CONTENT_ADDRESSED = /^(media\/[0-9a-f]{12}-|pagefind\/(delta\/)?(fragment|index)\/|pagefind\/(delta\/)?pagefind\.[^/]+\.pf_meta$)/;

/** Records every file's hash and every URL, for deploy and `check --against`. */
export const manifestStep: Step = {
  name: 'manifest',
  writes: true,
  async run(ctx) {
    // The preview is never deployed: it keeps no manifest (the file count is the pages written).
    if (ctx.options.inPlace) {
      ctx.written!.files = ctx.written!.pages;
      ctx.written!.changed = ctx.written!.rendered ?? 0;
      return;
    }
    const site = ctx.site!;
    const redirects = site.pages.flatMap((p) => (p.kind === 'redirect' ? [{ from: p.url, to: p.to, status: 301 }] : []));
    // With --keep-going, a held-back article's previous page stays published: its URL is still the site's.
    const kept = (ctx.heldBack ?? []).flatMap((h) => (h.kept ? [h.kept] : []));
    const urls = [...site.pages.filter((p) => p.kind !== 'redirect').map((p) => p.url), ...kept].sort();
    // Files linked from the previous output (same inode, size and time) keep their recorded hash.
    const previousDir = path.resolve(ctx.options.outDir);
    const incremental = ctx.options.incremental !== false;
    const previous = incremental ? (ctx.previousManifest ?? (await readManifest(path.join(previousDir, MANIFEST_PATH)).catch(() => undefined))) : undefined;
    const ids = previous ? await readFileIds(fileIdsPath(ctx.options)) : undefined;
    const reuse = previous
      ? (rel: string, stat: { size: number; mtimeMs: number; ino: number }): string | undefined => {
          const known = previous.files[rel];
          if (!known || known.bytes !== stat.size) return undefined;
          // The identity the previous build recorded, else the previous output's file itself.
          const id = ids?.files[rel];
          if (id && id[0] === stat.ino && id[1] === stat.mtimeMs) return known.hash;
          // Names that carry a hash of their content (photos, cards, documents, the search index's parts): same name and size, same bytes.
          if (CONTENT_ADDRESSED.test(rel)) return known.hash;
          if (id) return undefined;
          const old = statSync(path.join(previousDir, rel), { throwIfNoEntry: false });
          return old && old.ino === stat.ino && old.mtimeMs === stat.mtimeMs ? known.hash : undefined;
        }
      : undefined;
    // A file whose hash is not carried over from the previous output was written by this build.
    let carried = 0;
    const counted = reuse
      ? (rel: string, stat: { size: number; mtimeMs: number; ino: number }) => {
          const known = reuse(rel, stat);
          if (known !== undefined) carried++;
          return known;
        }
      : undefined;
    const next: FileIds = { version: 1, files: {} };
    const seen = (rel: string, stat: { mtimeMs: number; ino: number }) => {
      next.files[rel] = [stat.ino, stat.mtimeMs];
    };
    const articles = site.articles.map((a) => ({ url: a.url, hash: a.hash, ...(a.id ? { id: a.id } : {}) }));
    const encoded = encodedHashes(ctx);
    const media = await keptMedia(ctx, previous?.files, encoded);
    carried += media.carried;
    const pages = await carriedPages(ctx, previousDir, previous?.files, ids, seen);
    carried += pages.carried;
    const known = ctx.fileHashes ? new Map([...encoded, ...ctx.fileHashes]) : encoded;
    const manifest = await writeManifest(ctx.stagingDir!, { redirects, urls, articles, files: { ...media.files, ...pages.files } }, counted, known, seen);
    await writeAtomic(fileIdsPath(ctx.options), JSON.stringify(next)).catch(() => undefined);
    if (isSharded(ctx)) {
      const record: ShardRecord = { version: 1, shard: ctx.options.shard!, articles: searchArticles(ctx), urls, redirects, manifestArticles: articles };
      await writeAtomic(path.join(ctx.stagingDir!, SHARD_RECORD_PATH), JSON.stringify(record));
    }
    ctx.written!.files = Object.keys(manifest.files).length;
    ctx.written!.changed = ctx.written!.files - carried;
  },
};

/**
 * The hashes of the photo and card files this build placed, as recorded when they were encoded
 * (sets cached before hashes were recorded have none: those files are read).
 */
function encodedHashes(ctx: BuildContext): Map<string, FileHash> {
  const out = new Map<string, FileHash>();
  for (const set of ctx.photos?.photos.values() ?? []) for (const f of setFiles(set)) if (f.sha256) out.set(f.url.slice(1), { hash: f.sha256, bytes: f.bytes });
  return out;
}

/**
 * The pages in folders kept whole from the published output (moved into the new output when it
 * is published): the same files, so their recorded hashes and identities stay.
 */
async function carriedPages(
  ctx: BuildContext,
  previousDir: string,
  previous: Manifest['files'] | undefined,
  ids: FileIds | undefined,
  seen: (rel: string, stat: { mtimeMs: number; ino: number }) => void,
): Promise<{ files: Record<string, FileHash>; carried: number }> {
  const files: Record<string, FileHash> = {};
  let carried = 0;
  for (const rel of ctx.carried?.files ?? []) {
    const known = previous?.[rel];
    const id = ids?.files[rel];
    const abs = path.join(previousDir, rel);
    if (id) seen(rel, { ino: id[0], mtimeMs: id[1] });
    else seen(rel, statSync(abs));
    if (known) {
      files[rel] = { hash: known.hash, bytes: known.bytes };
      carried++;
    } else files[rel] = { hash: await hashFile(abs), bytes: statSync(abs).size };
  }
  return { files, carried };
}

/**
 * The media files of a build that added them to the published folder (not the staging one): a
 * name the previous manifest lists keeps its hash (names are made from the bytes), a new one is
 * read once.
 */
async function keptMedia(ctx: BuildContext, previous: Manifest['files'] | undefined, encoded: ReadonlyMap<string, FileHash>): Promise<{ files?: Record<string, FileHash>; carried: number }> {
  const dir = publishedMedia(ctx);
  if (!dir) return { carried: 0 };
  const files: Record<string, FileHash> = {};
  let carried = 0;
  // Tens of thousands of names at 10,000 articles, nearly all known: those cost no promise.
  const unknown: string[] = [];
  for (const name of mediaUsed(dir) ?? []) {
    const rel = `media/${name}`;
    const known = previous?.[rel];
    if (known && CONTENT_ADDRESSED.test(rel)) {
      files[rel] = { hash: known.hash, bytes: known.bytes };
      carried++;
    } else unknown.push(rel);
  }
  await Promise.all(
    unknown.map(async (rel) => {
      const abs = path.join(dir, rel.slice('media/'.length));
      files[rel] = { hash: encoded.get(rel)?.hash ?? (await hashFile(abs)), bytes: statSync(abs).size };
    }),
  );
  return { files, carried };
}
