import { createReadStream, promises as fs, statSync } from 'node:fs';
import { createHash } from 'node:crypto';
import path from 'node:path';
import pLimit from 'p-limit';
import { listFiles } from '../util/fs.js';

/** A redirect the build published (also written to `_redirects`). */
export interface ManifestRedirect {
  from: string;
  to: string;
  status: number;
}

/** What a build wrote: every file's hash and size, its redirects and its page URLs. */
export interface Manifest {
  version: 1;
  files: Record<string, { hash: string; bytes: number }>;
  redirects: ManifestRedirect[];
  urls: string[];
  /** Each published article's URL, index.md hash and `id`: how the next build recognises a moved story. */
  articles?: ManifestArticle[];
}

/** A published article as the next build's URL guard needs it. */
export interface ManifestArticle {
  url: string;
  hash: string;
  id?: string;
}

/** A file's SHA-256 (hex) and size in bytes, as the manifest records it. */
export interface FileHash {
  hash: string;
  bytes: number;
}

/** The hash and size of content about to be written (or just written), computed from memory. */
export function hashContent(content: string | Uint8Array): FileHash {
  return { hash: createHash('sha256').update(content).digest('hex'), bytes: typeof content === 'string' ? Buffer.byteLength(content) : content.byteLength };
}

/** Where the manifest lives inside a build. */
export const MANIFEST_PATH = '.dateline/manifest.json';

/** SHA-256 of a file, read as a stream. */
export function hashFile(file: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const h = createHash('sha256');
    createReadStream(file)
      .on('data', (d) => h.update(d))
      .on('error', reject)
      .on('end', () => resolve(h.digest('hex')));
  });
}

/**
 * Hashes every file of a build and writes `.dateline/manifest.json`. `known` holds the hashes of
 * files the build wrote from memory (taken as they were written, so they are not read back);
 * `reuse` may return a known hash for a file (one hard-linked from the previous build); `seen`
 * is told each file's identity (it is then stat'ed even when its hash is known).
 */
export async function writeManifest(
  outDir: string,
  extra: { redirects: ManifestRedirect[]; urls: string[]; articles?: ManifestArticle[]; files?: Record<string, FileHash> },
  reuse?: (rel: string, stat: { size: number; mtimeMs: number; ino: number }) => Promise<string | undefined> | string | undefined,
  known?: ReadonlyMap<string, FileHash>,
  seen?: (rel: string, stat: { size: number; mtimeMs: number; ino: number }) => void,
): Promise<Manifest> {
  const limit = pLimit(16);
  // `.dateline/` holds the build's own records (this manifest, page keys): not part of the site.
  const rels = (await listFiles(outDir)).filter((rel) => !rel.startsWith('.dateline/'));
  const entries = await Promise.all(
    rels.map((rel) => {
      const fromMemory = known?.get(rel);
      if (fromMemory && !seen) return [rel, { hash: fromMemory.hash, bytes: fromMemory.bytes }] as const;
      const abs = path.join(outDir, rel);
      // One synchronous stat a file: thousands of them cost a fraction of as many queued promises.
      const stat = statSync(abs);
      seen?.(rel, stat);
      if (fromMemory) return [rel, { hash: fromMemory.hash, bytes: stat.size }] as const;
      const carried = reuse?.(rel, stat);
      if (typeof carried === 'string') return [rel, { hash: carried, bytes: stat.size }] as const;
      return limit(async () => [rel, { hash: (await carried) ?? (await hashFile(abs)), bytes: stat.size }] as const);
    }),
  );
  // Files of the output that are not in `outDir` (media kept in the published folder) are listed as
  // given (they win over a walked file of the same name), all in path order: the walk's list is
  // sorted, so the given names are sorted alone and merged in (tens of thousands of media files at
  // 10,000 articles: a sort of everything was a tenth of the step).
  const files: Record<string, FileHash> = {};
  const given = extra.files ? Object.keys(extra.files).sort() : [];
  let j = 0;
  for (const [rel, hash] of entries) {
    for (; j < given.length && given[j]! < rel; j++) files[given[j]!] = extra.files![given[j]!]!;
    files[rel] = hash;
  }
  for (; j < given.length; j++) files[given[j]!] = extra.files![given[j]!]!;
  const manifest: Manifest = { version: 1, files, redirects: extra.redirects, urls: extra.urls, ...(extra.articles ? { articles: extra.articles } : {}) };
  await fs.mkdir(path.join(outDir, '.dateline'), { recursive: true });
  await fs.writeFile(path.join(outDir, MANIFEST_PATH), JSON.stringify(manifest));
  return manifest;
}

/** Reads a manifest written by a build. */
export async function readManifest(file: string): Promise<Manifest> {
  const data = JSON.parse(await fs.readFile(file, 'utf8')) as unknown;
  if (!isManifest(data)) throw new Error(`${file} is not a dateline build manifest.`);
  return data;
}

/** True for parsed JSON that is a dateline build manifest. */
export function isManifest(data: unknown): data is Manifest {
  const m = data as Partial<Manifest> | null;
  return !!m && typeof m === 'object' && m.version === 1 && typeof m.files === 'object' && m.files !== null;
}
