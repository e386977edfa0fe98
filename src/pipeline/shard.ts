import type { ManifestArticle } from '../deploy/manifest.js';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { sha256 } from '../util/hash.js';
import { listFiles } from '../util/fs.js';
import type { SearchArticle } from '../render/search-index.js';

/**
 * Sharded builds. `--shard i/n` renders the pages whose URL hashes to shard i and places the
 * photo sets whose id hashes to it; shard 1 also writes everything there is one of (feeds,
 * sitemaps, robots.txt, host files, public/ assets). Every shard still reads, validates and
 * processes all content (list pages need every article's record), so the saving is in rendering
 * and writing. The search index and the manifest span the whole site: `dateline merge` builds
 * them once the shards are put together, and the merged folder equals an unsharded build.
 */
export interface Shard {
  /** 1-based. */
  index: number;
  count: number;
}

/** What a shard records about itself in `.dateline/shard.json`, for `dateline merge`. */
export interface ShardRecord {
  version: 1;
  shard: Shard;
  /** Every article page of the whole site (the search index covers them all). */
  articles: SearchArticle[];
  urls: string[];
  redirects: { from: string; to: string; status: number }[];
  /** Each article's URL, file hash and id, for the merged manifest (the next build's URL guard). */
  manifestArticles?: ManifestArticle[];
}

export const SHARD_RECORD_PATH = '.dateline/shard.json';

/** Parses `i/n`; undefined when the text is not a valid shard. */
export function parseShard(text: string): Shard | undefined {
  const m = /^(\d+)\/(\d+)$/.exec(text.trim());
  if (!m) return undefined;
  const index = Number(m[1]);
  const count = Number(m[2]);
  return count >= 1 && index >= 1 && index <= count ? { index, count } : undefined;
}

/** True when `key` (a page URL or a photo id) belongs to the shard; always true without one. */
export function inShard(key: string, shard: Shard | undefined): boolean {
  if (!shard || shard.count === 1) return true;
  return parseInt(sha256(key).slice(0, 8), 16) % shard.count === shard.index - 1;
}

/** True when the shard writes the site's one-of-a-kind files. */
export function ownsSharedFiles(shard: Shard | undefined): boolean {
  return !shard || shard.index === 1;
}

/** Removes the photo files of sets another shard places (file names start with the set's 12-character id). */
export async function dropOtherShardsMedia(outDir: string, shard: Shard): Promise<void> {
  const media = path.join(outDir, 'media');
  for (const rel of await listFiles(media)) {
    const id = /^([0-9a-f]{12})-/.exec(path.basename(rel))?.[1];
    if (id && !inShard(id, shard)) await fs.rm(path.join(media, rel));
  }
}
