import { promises as fs } from 'node:fs';
import path from 'node:path';
import { EMIT_STATE_PATH } from '../emit/index.js';
import { UsageError } from '../errors/types.js';
import { linkFiles, listFiles } from '../util/fs.js';
import { writeManifest } from '../deploy/manifest.js';
import { buildSearchIndex } from '../render/search-index.js';
import { readRenderState, writeRenderState, type RenderState } from '../render/incremental.js';
import { ARTICLES_RECORD_PATH } from './hold-back.js';
import { SHARD_RECORD_PATH, type ShardRecord } from './shard.js';
import { makeStagingFor, replaceOutput } from './steps.js';

async function readRecord(dir: string): Promise<ShardRecord> {
  try {
    const record = JSON.parse(await fs.readFile(path.join(dir, SHARD_RECORD_PATH), 'utf8')) as ShardRecord;
    if (record.version === 1 && record.shard) return record;
  } catch {
    // reported below
  }
  throw new UsageError(`${dir} is not the output of \`dateline build --shard i/n\` (it has no ${SHARD_RECORD_PATH}).`);
}

/**
 * Puts the outputs of `dateline build --shard i/n` (all n of them, from the same content) into one
 * site: every file linked (or copied) in, the search index built over every article page, page keys
 * and the manifest written for the whole. The result is the same, byte for byte, as an unsharded
 * build; `out` is replaced only when everything succeeded.
 */
export async function mergeShards(dirs: string[], out: string, options: { cacheDir?: string } = {}): Promise<{ files: number; searchPages: number }> {
  const records = await Promise.all(dirs.map(readRecord));
  const count = records[0]!.shard.count;
  const seen = new Map<number, string>();
  records.forEach((r, i) => {
    if (r.shard.count !== count) throw new UsageError(`${dirs[i]} is shard ${r.shard.index}/${r.shard.count}, but ${dirs[0]} is one of ${count}.`);
    if (seen.has(r.shard.index)) throw new UsageError(`${dirs[i]} and ${seen.get(r.shard.index)} are both shard ${r.shard.index}/${count}.`);
    seen.set(r.shard.index, dirs[i]!);
  });
  const missing = Array.from({ length: count }, (_, i) => i + 1).filter((i) => !seen.has(i));
  if (missing.length) throw new UsageError(`Shard${missing.length > 1 ? 's' : ''} ${missing.map((i) => `${i}/${count}`).join(', ')} ${missing.length > 1 ? 'are' : 'is'} missing: merge needs all ${count}.`);
  const first = JSON.stringify([records[0]!.articles, records[0]!.urls, records[0]!.redirects]);
  records.forEach((r, i) => {
    if (JSON.stringify([r.articles, r.urls, r.redirects]) !== first) throw new UsageError(`${dirs[i]} was built from different content than ${dirs[0]}: build every shard from the same commit and --now.`);
  });

  const staging = await makeStagingFor(out);
  try {
    const owner = new Map<string, string>();
    const state: RenderState = { version: 1, pages: {} };
    for (const dir of dirs) {
      const shardState = await readRenderState(dir);
      Object.assign(state.pages, shardState?.pages ?? {});
      const files = (await listFiles(dir)).filter((rel) => !rel.startsWith('.dateline/'));
      for (const rel of files) {
        if (owner.has(rel)) throw new UsageError(`${rel} is in both ${owner.get(rel)} and ${dir}: shards must not overlap.`);
        owner.set(rel, dir);
      }
      await linkFiles(dir, staging, files);
    }
    const { articles, urls, redirects, manifestArticles } = records[0]!;
    const search = await buildSearchIndex(staging, articles, options.cacheDir ? { cacheDir: path.join(options.cacheDir, 'search') } : {});
    await writeRenderState(staging, state);
    // Every shard records every article's URL (the same record): the merged site keeps one copy.
    await fs.copyFile(path.join(dirs[0]!, ARTICLES_RECORD_PATH), path.join(staging, ARTICLES_RECORD_PATH)).catch(() => undefined);
    // The keys of feeds and other one-of-a-kind files come from the shard that wrote them.
    for (const dir of dirs) await fs.copyFile(path.join(dir, EMIT_STATE_PATH), path.join(staging, EMIT_STATE_PATH)).catch(() => undefined);
    const manifest = await writeManifest(staging, { redirects, urls, ...(manifestArticles ? { articles: manifestArticles } : {}) });
    await replaceOutput(staging, path.resolve(out));
    return { files: Object.keys(manifest.files).length, searchPages: search.pages };
  } catch (err) {
    await fs.rm(staging, { recursive: true, force: true });
    throw err;
  }
}
