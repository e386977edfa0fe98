import { mkdtemp, rm } from 'node:fs/promises';
import { itemCounter, type ProgressReporter } from '../pipeline/progress.js';
import os from 'node:os';
import path from 'node:path';
import Eleventy from '@11ty/eleventy';
import type { PageRecord, Site } from '../collections/types.js';
import { packageRoot, urlToFile } from '../util/paths.js';
import { renderPage } from '../../templates/index.js';
import { hashContent, type FileHash } from '../deploy/manifest.js';

interface EleventyConfig {
  addGlobalData(name: string, value: unknown): void;
  addTemplate(path: string, content: unknown, data?: unknown): void;
  addPassthroughCopy(map: Record<string, string>): void;
  setQuietMode(quiet: boolean): void;
}

/**
 * Pages handed to one Eleventy run. Eleventy keeps every page of a run (data and output) until
 * the run ends; batches bound that memory (measured at 4,000 articles: one run of 6,154 pages
 * peaked ~1.1 GB, batches of 1,000 about 0.7 GB) for ~0.1 s of start-up per batch.
 */
const BATCH = 1000;

/**
 * Renders page records through Eleventy, in batches: one virtual 11ty.js template paginates
 * over the records (size 1, permalink from each record's URL) and renders it with the TSX
 * templates; `public/` is passed through to the output root. Eleventy never scans the project:
 * its input folder is an empty temporary one.
 */
export async function renderPages(site: Site, pages: PageRecord[], outDir: string, options: { packageRoot?: string; copyPublic?: boolean; progress?: ProgressReporter } = {}): Promise<{ written: string[]; hashes: Map<string, FileHash> }> {
  const hashes = new Map<string, FileHash>();
  const tick = itemCounter(options.progress, pages.length);
  for (let i = 0; i === 0 || i < pages.length; i += BATCH) {
    const before = hashes.size;
    await renderBatch(site, pages.slice(i, i + BATCH), outDir, hashes, { ...options, copyPublic: i === 0 && options.copyPublic !== false });
    tick(hashes.size - before);
  }
  return { written: [...hashes.keys()], hashes };
}

/** Renders one batch; each page's output path, hash and size go into `hashes` as it is rendered (the manifest needs no read-back). */
async function renderBatch(site: Site, pages: PageRecord[], outDir: string, hashes: Map<string, FileHash>, options: { packageRoot?: string; copyPublic?: boolean }): Promise<void> {
  const publicDir = path.join(options.packageRoot ?? packageRoot(), 'public');
  const input = await mkdtemp(path.join(os.tmpdir(), 'dateline-eleventy-'));
  try {
    const elev = new Eleventy(input, outDir, {
      quietMode: true,
      config(cfg: EleventyConfig) {
        cfg.setQuietMode(true);
        cfg.addGlobalData('datelinePages', pages);
        cfg.addTemplate('pages.11ty.js', {
          data: {
            pagination: { data: 'datelinePages', size: 1, alias: 'record' },
            permalink: (data: { record: PageRecord }) => urlToFile(data.record.url),
            eleventyComputed: {},
          },
          render(data: { record: PageRecord }) {
            const html = renderPage(data.record, site);
            hashes.set(urlToFile(data.record.url), hashContent(html));
            return html;
          },
        });
        if (options.copyPublic !== false) cfg.addPassthroughCopy({ [publicDir]: '/' });
      },
    });
    // The build prints its own summary line; Eleventy's would repeat it.
    elev.disableLogger();
    await elev.write();
  } finally {
    await rm(input, { recursive: true, force: true });
  }
}
