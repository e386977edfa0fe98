import './eleventy-env.js';
import { mkdtemp, rm } from 'node:fs/promises';
import type { Diagnostic } from '../errors/types.js';
import { fileFailure } from '../errors/guard.js';
import { itemCounter, type ProgressReporter } from '../pipeline/progress.js';
import os from 'node:os';
import path from 'node:path';
import type { PageRecord, Site } from '../collections/types.js';
import { packageRoot, urlToFile } from '../util/paths.js';
import { copyPublic, findOverrides, loadRenderer, overrideFailure, type RenderPage } from './overrides.js';
import { hashContent, type FileHash } from '../deploy/manifest.js';

interface EleventyConfig {
  addGlobalData(name: string, value: unknown): void;
  addTemplate(path: string, content: unknown, data?: unknown): void;
  setQuietMode(quiet: boolean): void;
}

/**
 * Pages handed to one Eleventy run. Eleventy keeps every page of a run (data and output) until
 * the run ends; batches bound that memory (measured at 4,000 articles: one run of 6,154 pages
 * peaked ~1.1 GB, batches of 1,000 about 0.7 GB; since then, with every page rendered, batches of
 * 1,000 peaked at 422–425 MB and batches of 500 at 380–399 MB for no measurable time).
 */
const BATCH = 500;

/**
 * Renders page records through Eleventy, in batches: one virtual 11ty.js template paginates
 * over the records (size 1, permalink from each record's URL) and renders it with the TSX
 * templates (with the publication's overrides, see overrides.ts); dateline's `public/`, then the
 * publication's, is copied to the output root. Eleventy never scans the project: its input
 * folder is an empty temporary one.
 */
export async function renderPages(
  site: Site,
  pages: PageRecord[],
  outDir: string,
  options: { root?: string; copyPublic?: boolean; progress?: ProgressReporter } = {},
): Promise<{ written: string[]; hashes: Map<string, FileHash>; failed: { page: PageRecord; diagnostic: Diagnostic }[] }> {
  const hashes = new Map<string, FileHash>();
  const failed: { page: PageRecord; diagnostic: Diagnostic }[] = [];
  const tick = itemCounter(options.progress, pages.length);
  const root = options.root ?? packageRoot();
  const overrides = await findOverrides(root);
  if (options.copyPublic !== false) await copyPublic(root, overrides, outDir);
  // A build with no page to render (every page kept) loads neither the templates nor Eleventy (~0.4 s of start-up).
  if (pages.length === 0) return { written: [], hashes, failed };
  const renderPage = await loadRenderer(root, overrides);
  for (let i = 0; i < pages.length; i += BATCH) {
    const before = hashes.size + failed.length;
    await renderBatch(site, pages.slice(i, i + BATCH), outDir, hashes, failed, renderPage, root);
    tick(hashes.size + failed.length - before);
  }
  // A page whose template failed is not left behind half-made.
  await Promise.all(failed.map((f) => rm(path.join(outDir, urlToFile(f.page.url)), { force: true })));
  return { written: [...hashes.keys()], hashes, failed };
}

/** The file a page is made from, for messages about it: the article or static page, or the page's URL. */
export function sourceOf(page: PageRecord): string {
  if (page.kind === 'article') return page.article.file;
  if (page.kind === 'page') return page.page.file;
  return page.url;
}

/** Renders one batch; each page's output path, hash and size go into `hashes` as it is rendered (the manifest needs no read-back). */
async function renderBatch(
  site: Site,
  pages: PageRecord[],
  outDir: string,
  hashes: Map<string, FileHash>,
  failed: { page: PageRecord; diagnostic: Diagnostic }[],
  renderPage: RenderPage,
  root: string,
): Promise<void> {
  const { default: Eleventy } = await import('@11ty/eleventy');
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
            // An exception in one page's template is that page's error; the other pages are rendered.
            try {
              const html = renderPage(data.record, site);
              hashes.set(urlToFile(data.record.url), hashContent(html));
              return html;
            } catch (err) {
              const diagnostic = overrideFailure(root, data.record.url, err) ?? fileFailure(sourceOf(data.record), `rendering the page ${data.record.url} of`, err);
              failed.push({ page: data.record, diagnostic });
              return '';
            }
          },
        });
      },
    });
    // The build prints its own summary line; Eleventy's would repeat it.
    elev.disableLogger();
    await elev.write();
  } finally {
    await rm(input, { recursive: true, force: true });
  }
}
