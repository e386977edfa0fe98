import path from 'node:path';
import { promises as fs } from 'node:fs';
import { checkLinks } from '../collections/links.js';
import { checkExternalLinks } from '../collections/external-links.js';
import { findRemovedUrls, parsePreviousUrls } from '../collections/removed-urls.js';
import { UsageError } from '../errors/types.js';
import { listFiles } from '../util/fs.js';
import { packageRoot, relativePath } from '../util/paths.js';
import type { BuildContext, BuildOptions, Step } from './context.js';

function editorOptions(ctx: BuildContext): Pick<BuildOptions, 'against' | 'external'> {
  return ctx.options;
}

/** URL paths of the files copied from public/ (the project's and dateline's own). */
async function publicFiles(root: string): Promise<string[]> {
  const dirs = [...new Set([path.join(root, 'public'), path.join(packageRoot(), 'public')])];
  const lists = await Promise.all(dirs.map((d) => listFiles(d)));
  return lists.flat().map((f) => '/' + f);
}

/**
 * Checks the links of every body that is part of the site as collected; links to articles that
 * have errors (and, with --keep-going, to those held back) are warnings, not broken links.
 */
export async function checkSiteLinks(ctx: BuildContext): Promise<ReturnType<typeof checkLinks>> {
  if (!ctx.site || !ctx.html || !ctx.content || !ctx.schedule) return { diagnostics: [], external: [], toFailing: [] };
  const held = new Set((ctx.heldBack ?? []).map((h) => h.file));
  const articles = ctx.content.articles.filter((a) => ctx.html!.has(a.file) && !held.has(a.file));
  const failing = [...ctx.content.failed, ...ctx.content.articles.filter((a) => held.has(a.file))];
  // Bodies of articles with front-matter errors are checked where their page would be.
  const placed = ctx.content.failed.flatMap((f) => (f.url && ctx.html!.has(f.file) ? [{ file: f.file, bundleDir: f.bundleDir, url: f.url, title: f.title ?? f.slug }] : []));
  return checkLinks({ site: ctx.site, articles: [...articles, ...placed], pages: ctx.content.pages, html: ctx.html, held: ctx.schedule.held, files: await publicFiles(ctx.options.root), failing });
}

/** Checks every internal link and anchor in bodies (and, with --external, fetches the others). */
export const linksStep: Step = {
  name: 'links',
  async run(ctx) {
    const { diagnostics, external } = await checkSiteLinks(ctx);
    ctx.diagnostics.push(...diagnostics);
    if (editorOptions(ctx).external) ctx.diagnostics.push(...(await checkExternalLinks(external)));
  },
};

/** `check --against`: every URL the previous build had must still be a page or a redirect. */
export const removedUrlsStep: Step = {
  name: 'removed-urls',
  async run(ctx) {
    const against = editorOptions(ctx).against;
    if (!against || !ctx.site) return;
    const file = path.resolve(against);
    let text: string;
    try {
      text = await fs.readFile(file, 'utf8');
    } catch {
      throw new UsageError(`--against names ${against}, which cannot be read. Pass the previous build's .dateline/manifest.json or a text file with one URL a line.`);
    }
    let previous;
    try {
      previous = parsePreviousUrls(text, ctx.site.config.baseUrl);
    } catch (err) {
      throw new UsageError(`--against names ${against}, which is not valid JSON: ${(err as Error).message}.`);
    }
    // An article with errors is reported where it is, not again as a URL that went away.
    const failing = new Set(ctx.content?.failed.map((f) => f.url) ?? []);
    ctx.diagnostics.push(...findRemovedUrls(previous.filter((p) => !failing.has(p.url)), ctx.site, relativePath(ctx.options.root, file)));
  },
};
