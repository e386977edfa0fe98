import assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { build, type BuildCounters } from '../../src/pipeline/build.js';
import type { BuildOptions } from '../../src/pipeline/context.js';
import { parseIsoWithOffset } from '../../src/util/dates.js';
import { RandomSite, seeded } from '../helpers/random-edits.js';
import { assertSameTree } from '../helpers/tree.js';
import { listFiles } from '../../src/util/fs.js';
import { MANIFEST_PATH } from '../../src/deploy/manifest.js';
import { ContentStore } from '../../src/store/content-store.js';
import { forgetValidations } from '../../src/validate/memo.js';

const NOW = parseIsoWithOffset('2026-11-25T09:00:00+02:00')!;

function options(root: string, outDir: string, cacheDir: string, incremental: boolean, inPlace = false): BuildOptions {
  return { root, outDir, cacheDir, now: NOW, drafts: false, preview: false, strict: false, write: true, threads: 1, incremental, ...(inPlace ? { inPlace } : {}) };
}

async function run(o: BuildOptions): Promise<BuildCounters> {
  const result = await build(o);
  const errors = result.context.diagnostics.filter((d) => d.severity === 'error');
  assert.ok(result.ok, `build failed: ${errors.map((d) => `${d.file} ${d.ruleId} ${d.message}`).join('\n')}`);
  return result.counters;
}

/** Clears a clean build's cache, keeping only encoded photos (keyed by the photo's bytes and the encoder settings). */
async function clearCache(dir: string): Promise<void> {
  for (const entry of await fs.readdir(dir).catch(() => [] as string[])) {
    if (entry !== 'photos') await fs.rm(path.join(dir, entry), { recursive: true, force: true });
  }
}

/**
 * Applies `steps` seeded random edits to a small site; after each, builds incrementally (keeping
 * the output and the store) and from scratch (no previous output, no store), and requires the two
 * outputs to be the same bytes. Every kind of edit appears at least once. With `inPlace` the
 * incremental build writes into its output folder as \`dateline dev\` does (no staging copy, no
 * manifest); it may keep photo files no page uses any more, and nothing else may differ.
 */
export async function randomIncrementalRun(seed: number, steps: number, how: { inPlace?: boolean } = {}): Promise<void> {
  const inPlace = how.inPlace === true;
  const work = await fs.mkdtemp(path.join(os.tmpdir(), `dateline-random-${seed}-`));
  try {
    const root = path.join(work, 'site');
    const site = new RandomSite(root, seeded(seed));
    await site.create();
    const out = path.join(root, '_site');
    const cache = path.join(work, 'cache');
    const cleanCache = path.join(work, 'clean-cache');
    const first = await run(options(root, out, cache, true, inPlace));
    assert.equal(first.pagesRendered > 10, true, 'the first build renders every page');
    // Each kind once, in a seeded order, then random ones.
    const kinds = [...site.kinds].sort(() => seeded(seed + 1)() - 0.5);
    const log: string[] = [];
    for (let i = 0; i < steps; i++) {
      const what = await site.edit(kinds[i]);
      log.push(what);
      // Built like a new process (the store and validations read back from the cache), except in place, which stands for the preview.
      if (!inPlace) {
        ContentStore.forgetAll();
        forgetValidations();
      }
      const counters = await run(options(root, out, cache, true, inPlace));
      await clearCache(cleanCache);
      const clean = path.join(work, `clean-${i}`);
      await run(options(root, clean, cleanCache, false));
      try {
        const cleanFiles = new Set(await listFiles(clean));
        // Built in place: no deploy manifest, and media files of photos no page uses any more may stay.
        const ignore = (rel: string) => inPlace && (rel === MANIFEST_PATH || (rel.startsWith('media/') && !cleanFiles.has(rel)));
        await assertSameTree(out, clean, { ignore });
      } catch (err) {
        throw new Error(`seed ${seed}, after step ${i + 1} (${log.join('; ')}): ${(err as Error).message}`);
      }
      if (what.startsWith('edit body')) {
        assert.equal(counters.entriesRead, 1, `${what}: only the edited file is read`);
        assert.equal(counters.markdownRendered, 1, `${what}: one body rendered`);
        assert.equal(counters.articlesValidated, 1, `${what}: one article validated`);
        assert.equal(counters.photosEncoded, 0, `${what}: no photo encoded`);
      }
      await fs.rm(clean, { recursive: true, force: true });
    }
  } finally {
    await fs.rm(work, { recursive: true, force: true });
  }
}
