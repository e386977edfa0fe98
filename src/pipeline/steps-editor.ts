import path from 'node:path';
import { promises as fs } from 'node:fs';
import { checkLinks } from '../collections/links.js';
import { checkExternalLinks } from '../collections/external-links.js';
import { guardUrls, parsePreviousArticles, parsePreviousJson, parsePreviousUrls } from '../collections/removed-urls.js';
import { untranslatedLabels } from '../collections/labels.js';
import { checkEmbargoUrls } from '../collections/embargo-urls.js';
import { readUnpublished, UNPUBLISHED_FILE, unpublishedPages } from '../collections/unpublished.js';
import { siteUrls } from '../collections/links.js';
import type { Site } from '../collections/types.js';
import { isManifest, MANIFEST_PATH } from '../deploy/manifest.js';
import { diagnose } from '../errors/diagnostics.js';
import type { Diagnostic } from '../errors/types.js';
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
    if (!ctx.options.write && ctx.content && ctx.site) ctx.diagnostics.push(...untranslatedLabels(ctx.content.articles, ctx.site.config, ctx.content.authors));
    if (editorOptions(ctx).external) ctx.diagnostics.push(...(await checkExternalLinks(external)));
  },
};

/**
 * Unpublished URLs become 410 pages or redirects; then every URL the previous output (or
 * `--against`) published must still be a page or a redirect (see collections/removed-urls.ts).
 */
export const removedUrlsStep: Step = {
  name: 'removed-urls',
  async run(ctx) {
    if (!ctx.site || ctx.options.preview) return;
    ctx.diagnostics.push(...(await addUnpublishedPages(ctx.options.root, ctx.site)));
    const embargoed = (ctx.schedule?.held ?? []).filter((h) => h.reason === 'embargo').map((h) => h.article);
    const moved = await checkEmbargoUrls(ctx.options.cacheDir, embargoed);
    // Recorded by builds too, but only `check` warns: the editor acts on it before the story goes out.
    if (!ctx.options.write) ctx.diagnostics.push(...moved);
    const previous = await readPrevious(ctx);
    if (!previous) return;
    let json: unknown;
    try {
      json = parsePreviousJson(previous.text);
    } catch (err) {
      throw new UsageError(`${previous.name} is not valid JSON: ${(err as Error).message}.`);
    }
    // The output's own manifest is read once a build: publishing and the manifest step use it too.
    if (previous.own && isManifest(json)) ctx.previousManifest ??= json;
    const urls = parsePreviousUrls(previous.text, ctx.site.config.baseUrl, json);
    // An article with errors is reported where it is, not again as a URL that went away.
    const failing = new Set(ctx.content?.failed.map((f) => f.url) ?? []);
    const { diagnostics, redirects } = guardUrls(urls.filter((p) => !failing.has(p.url)), parsePreviousArticles(previous.text, json), ctx.site, previous.name);
    ctx.diagnostics.push(...diagnostics);
    for (const r of redirects) ctx.site.pages.push({ kind: 'redirect', url: r.from, lang: r.article.lang, alternates: [], to: r.to });
  },
};

/** The previous build's URLs: `--against` (a file, or the live site's manifest by URL), else the output folder's manifest. */
async function readPrevious(ctx: BuildContext): Promise<{ text: string; name: string; own?: boolean } | undefined> {
  const against = editorOptions(ctx).against;
  if (!against) {
    const file = path.join(ctx.options.outDir, MANIFEST_PATH);
    const text = await fs.readFile(file, 'utf8').catch(() => undefined);
    return text === undefined ? undefined : { text, name: relativePath(ctx.options.root, file), own: true };
  }
  if (/^https?:\/\//.test(against)) return fetchPrevious(against);
  const file = path.resolve(against);
  try {
    return { text: await fs.readFile(file, 'utf8'), name: relativePath(ctx.options.root, file) };
  } catch {
    throw new UsageError(`--against names ${against}, which cannot be read. Pass the previous build's .dateline/manifest.json (a file or its URL on the live site) or a text file with one URL a line.`);
  }
}

/** The live site's manifest; a site that answers 404 has published nothing yet. */
async function fetchPrevious(url: string): Promise<{ text: string; name: string } | undefined> {
  let res: Response;
  try {
    res = await fetch(url, { signal: AbortSignal.timeout(30_000), headers: { accept: 'application/json' } });
  } catch (err) {
    throw new UsageError(`--against ${url} could not be fetched (${(err as Error).message}); nothing was compared, so nothing was published.`);
  }
  if (res.status === 404) {
    process.stderr.write(`--against ${url} answered 404: the site has no manifest yet, so there are no published URLs to compare with.\n`);
    return undefined;
  }
  if (!res.ok) throw new UsageError(`--against ${url} answered ${res.status}; nothing was compared, so nothing was published.`);
  return { text: await res.text(), name: url };
}

/** Adds the pages content/unpublished.yaml leaves behind; an entry whose URL is still a page is an error. */
async function addUnpublishedPages(root: string, site: Site): Promise<Diagnostic[]> {
  const { entries, diagnostics } = await readUnpublished(root, site.config);
  const current = siteUrls(site);
  const pages = unpublishedPages(entries, site.config);
  entries.forEach((entry, i) => {
    if (!current.has(entry.url)) return void site.pages.push(pages[i]!);
    const article = site.articles.find((a) => a.url === entry.url || a.redirectFrom.includes(entry.url));
    diagnostics.push(
      diagnose('unpublished:still-published', UNPUBLISHED_FILE, `${entry.url} is listed as unpublished but is still ${article ? `published by ${article.file}` : 'a page'}.`, {
        position: { line: entry.line, column: 1 },
        hint: article ? `Remove the story's folder (\`npx dateline unpublish ${article.slug}\` does both), or remove this entry to keep it published.` : 'Remove this entry, or the page that uses the URL.',
      }),
    );
  });
  return diagnostics;
}
