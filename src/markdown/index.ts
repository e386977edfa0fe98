import { packageVersion } from '../util/package-version.js';
import { itemCounter, type ProgressReporter } from '../pipeline/progress.js';
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sha256 } from '../util/hash.js';
import { writeAtomic } from '../util/fs.js';
import { renderMarkdownSafely } from './render.js';
import type { ArticleHtml, MarkdownInput } from './types.js';

export type * from './types.js';
export { renderMarkdown, renderMarkdownSafely } from './render.js';
export { countWords } from './count-words.js';

/** Bump when a plugin's output changes, so cached HTML is rebuilt. */
const PLUGIN_REVISION = 7;
const PACKAGES = ['unified', 'remark-parse', 'remark-gfm', 'remark-directive', 'remark-rehype', 'rehype-raw', 'rehype-sanitize', 'rehype-slug', 'rehype-stringify'];
/** Below this many cache misses, the worker pool costs more to start than it saves. */
const POOL_THRESHOLD = 16;
/** Bodies sent to a worker at a time. */
export const POOL_BATCH = 25;
const WORKER_HEAP_MB = 160;

/** How many results were rendered, read from the cache, and (when any) could not be cached. */
export interface MarkdownStats {
  processed: number;
  cached: number;
  /** Results whose cache entry could not be written; absent when every write succeeded. */
  unwritable?: number;
}

let version: string | undefined;

/** A string that changes whenever the pipeline's output could: plugin revision and package versions. */
export function markdownPipelineVersion(): string {
  if (version) return version;
  const versions = PACKAGES.map((p) => `${p}@${packageVersion(p)}`);
  version = `dateline-markdown-${PLUGIN_REVISION};${versions.join(';')}`;
  return version;
}

function cacheKey(input: MarkdownInput): string {
  return sha256(JSON.stringify([markdownPipelineVersion(), input.file, input.bodyLine, input.lang, input.wordsPerMinute, input.title ?? null, input.summary ?? null, input.body]));
}

function cachePath(dir: string, key: string): string {
  return path.join(dir, key.slice(0, 2), `${key.slice(2)}.json`);
}

/** Renders `inputs` on a worker pool in batches; `done(offset, results)` is called as each batch comes back. */
async function runInPool(inputs: MarkdownInput[], threads: number, done: (offset: number, results: ArticleHtml[]) => void): Promise<void> {
  const { Piscina } = await import('piscina');
  // A worker holds one batch at a time; a capped heap keeps V8 from growing each worker's heap
  // far past that (measured at 4,000 articles: ~150 MB less peak memory per worker, same time).
  const pool = new Piscina({
    filename: new URL('./worker.js', import.meta.url).href,
    maxThreads: threads,
    minThreads: Math.min(threads, 2),
    resourceLimits: { maxOldGenerationSizeMb: WORKER_HEAP_MB },
  });
  try {
    const runs: Promise<void>[] = [];
    for (let i = 0; i < inputs.length; i += POOL_BATCH) {
      const offset = i;
      runs.push((pool.run(inputs.slice(i, i + POOL_BATCH)) as Promise<ArticleHtml[]>).then((r) => done(offset, r)));
    }
    await Promise.all(runs);
  } finally {
    await pool.destroy();
  }
}

/**
 * Renders many bodies: each result is cached on disk by a hash of its input and the pipeline's
 * version; misses run on every core through a worker pool (or in this thread when they are few).
 * Results come back in input order, as plain data.
 */
export async function processMarkdown(
  inputs: MarkdownInput[],
  options: { cacheDir?: string; threads?: number; progress?: ProgressReporter; each?: (i: number, result: ArticleHtml) => void } = {},
): Promise<{ results: ArticleHtml[]; stats: MarkdownStats }> {
  const results: (ArticleHtml | undefined)[] = new Array(inputs.length);
  const keys = inputs.map(cacheKey);
  const { cacheDir } = options;
  if (cacheDir) {
    await Promise.all(
      keys.map(async (key, i) => {
        try {
          results[i] = JSON.parse(await fs.readFile(cachePath(cacheDir, key), 'utf8')) as ArticleHtml;
        } catch {
          // a miss
        }
      }),
    );
  }
  const missing = inputs.map((_, i) => i).filter((i) => !results[i]);
  const threads = options.threads ?? os.availableParallelism();
  const todo = missing.map((i) => inputs[i]!);
  let unwritable = 0;
  const writes: Promise<void>[] = [];
  const store = async (i: number): Promise<void> => {
    // A failure inside dateline is retried on the next build rather than remembered.
    if (!cacheDir || results[i]!.diagnostics.some((d) => d.ruleId === 'internal:article-failed')) return;
    try {
      await writeAtomic(cachePath(cacheDir, keys[i]!), JSON.stringify(results[i]));
    } catch {
      // An unwritable cache only costs time on the next build; the count lets the caller say so.
      unwritable++;
    }
  };
  // Each batch's results are cached as it comes back, while the workers render the next ones.
  const tick = itemCounter(options.progress, inputs.length, inputs.length - todo.length);
  const done = (offset: number, fresh: ArticleHtml[]) => {
    fresh.forEach((r, j) => {
      const i = missing[offset + j]!;
      results[i] = r;
      options.each?.(i, r);
      writes.push(store(i));
    });
    tick(fresh.length);
  };
  if (todo.length >= POOL_THRESHOLD && threads > 1) await runInPool(todo, threads, done);
  else if (todo.length) done(0, todo.map(renderMarkdownSafely));
  await Promise.all(writes);
  const stats: MarkdownStats = { processed: missing.length, cached: inputs.length - missing.length };
  if (unwritable) stats.unwritable = unwritable;
  return { results: results as ArticleHtml[], stats };
}
