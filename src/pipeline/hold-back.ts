/**
 * `dateline build --keep-going`: articles with errors are held back and everything else is built.
 * A held-back article that a previous build published stays as it was (its page, redirect pages
 * and photos are linked from the previous output); one that was never published is left out, and
 * nothing in the new build links to it (it is not in lists, feeds, search or related stories, and
 * a body link to it is a warning).
 */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { hasBlocking } from '../errors/diagnostics.js';
import { filesWithErrors } from '../errors/guard.js';
import type { Diagnostic } from '../errors/types.js';
import { linkFrom, readRecord, writeAtomic } from '../util/fs.js';
import { noteMedia } from '../images/store.js';
import { publishedMedia } from './output-folder.js';
import { urlToFile } from '../util/paths.js';
import type { BuildContext, Step } from './context.js';
import { collectStep, renderStep } from './steps.js';
import { checkSiteLinks } from './steps-editor.js';
import type { LinkToFailing } from '../collections/links.js';

/** Which article each URL of a build came from, so a later build can keep a held-back article's previous version. */
export const ARTICLES_RECORD_PATH = '.dateline/articles.json';
/** The articles a `--keep-going` build held back; present only when that build went out with errors. */
export const HELD_BACK_PATH = '.dateline/held-back.json';

/** An article held back by `--keep-going`. */
export interface HeldBack {
  file: string;
  title?: string;
  /** Rule id of its first error: why it was held back. */
  rule: string;
  /** The URL at which its previously published version stays, when there is one. */
  kept?: string;
  /** The redirect pages of that previous version. */
  keptRedirects?: string[];
}

interface ArticlesRecord {
  version: 1;
  articles: Record<string, { url: string; redirects: string[] }>;
}

const key = (d: Diagnostic) => `${d.file}\0${d.position?.line ?? 0}:${d.position?.column ?? 0}\0${d.ruleId}\0${d.message}`;

/**
 * Holds back every article that has an error and is not held back yet, collects the site again
 * without them and checks the remaining links again (a link to a held-back article is a
 * warning). Returns true when it held back anything new.
 */
async function holdBack(ctx: BuildContext): Promise<boolean> {
  if (!ctx.options.keepGoing || !ctx.content || !ctx.schedule || !hasBlocking(ctx.diagnostics, ctx.options.strict)) return false;
  const articleFiles = new Set([...ctx.content.articles.map((a) => a.file), ...ctx.content.failed.map((f) => f.file)]);
  const seen = new Set(ctx.diagnostics.map(key));
  const held = new Set((ctx.heldBack ?? []).map((h) => h.file));
  let changed = false;
  let toFailing: LinkToFailing[] = [];
  // A link to an article held back in one round is a warning in the next, so this settles in two rounds.
  for (let round = 0; round < 5; round++) {
    const fresh = [...filesWithErrors(ctx.diagnostics, ctx.options.strict)].filter((f) => articleFiles.has(f) && !held.has(f));
    if (fresh.length === 0) break;
    changed = true;
    for (const f of fresh) held.add(f);
    ctx.heldBack = [...held].sort().map((file) => describe(ctx, file));
    ctx.schedule = { ...ctx.schedule, published: ctx.schedule.published.filter((a) => !held.has(a.file)) };
    await collectStep.run(ctx);
    const links = await checkSiteLinks(ctx);
    toFailing = links.toFailing;
    for (const d of links.diagnostics) {
      if (seen.has(key(d))) continue;
      seen.add(key(d));
      ctx.diagnostics.push(d);
    }
  }
  if (!changed) return false;
  await keepPrevious(ctx);
  // A link to a held-back story that has no previous version would lead nowhere: it is published as its text.
  const kept = new Set((ctx.heldBack ?? []).filter((h) => h.kept).map((h) => h.file));
  const dead = toFailing.filter((l) => !kept.has(l.target));
  if (dead.length) {
    for (const [file, hrefs] of groupBy(dead)) {
      const content = ctx.html?.get(file);
      if (content) ctx.html!.set(file, { ...content, html: unwrapLinks(content.html, hrefs) });
    }
    await collectStep.run(ctx);
  }
  return true;
}

function groupBy(links: LinkToFailing[]): Map<string, Set<string>> {
  const out = new Map<string, Set<string>>();
  for (const l of links) {
    const set = out.get(l.file) ?? new Set<string>();
    set.add(comparable(l.href));
    out.set(l.file, set);
  }
  return out;
}

/** A link address in one form whether it came from Markdown or from HTML (entities and percent-encoding undone). */
function comparable(href: string): string {
  const text = href.replace(/&amp;|&#x26;|&#38;/gi, '&').replace(/&quot;|&#x22;|&#34;/gi, '"');
  try {
    return decodeURI(text);
  } catch {
    return text;
  }
}

/** Replaces each `<a href="…">text</a>` whose address is in `hrefs` by its text. */
export function unwrapLinks(html: string, hrefs: Set<string>): string {
  return html.replace(/<a\s[^>]*?href="([^"]*)"[^>]*>([\s\S]*?)<\/a>/g, (all, href: string, inner: string) => (hrefs.has(comparable(href)) ? inner : all));
}

/** The held-back record of one article: its headline and the rule of its first error. */
function describe(ctx: BuildContext, file: string): HeldBack {
  const previous = ctx.heldBack?.find((h) => h.file === file);
  if (previous) return previous;
  const first = ctx.diagnostics
    .filter((d) => d.file === file && (d.severity === 'error' || ctx.options.strict))
    .sort((a, b) => (a.position?.line ?? 0) - (b.position?.line ?? 0) || (a.position?.column ?? 0) - (b.position?.column ?? 0))[0];
  const title = ctx.content?.articles.find((a) => a.file === file)?.title ?? ctx.content?.failed.find((f) => f.file === file)?.title;
  return { file, rule: first?.ruleId ?? 'internal:article-failed', ...(title ? { title } : {}) };
}

/** Puts the previously published version of every held-back article (page, redirect pages, photos) into the build. */
async function keepPrevious(ctx: BuildContext): Promise<void> {
  if (!ctx.stagingDir || !ctx.site) return;
  const previous = path.resolve(ctx.options.outDir);
  const record = await readArticlesRecord(previous);
  if (!record) return;
  const taken = new Set(ctx.site.pages.map((p) => p.url));
  for (const h of ctx.heldBack ?? []) {
    const prev = record.articles[h.file];
    if (h.kept || !prev || taken.has(prev.url)) continue;
    if (!(await linkFrom(previous, ctx.stagingDir, urlToFile(prev.url)))) continue;
    h.kept = prev.url;
    h.keptRedirects = [];
    for (const from of prev.redirects) {
      if (!taken.has(from) && (await linkFrom(previous, ctx.stagingDir, urlToFile(from)))) h.keptRedirects.push(from);
    }
    const html = await fs.readFile(path.join(previous, urlToFile(prev.url)), 'utf8');
    // Media kept in the published folder (see output-folder.ts) are only recorded as used.
    const live = publishedMedia(ctx);
    for (const media of new Set(html.match(/\/media\/[^"'\s,)?#]+/g) ?? [])) {
      if (live) noteMedia(live, media.slice('/media/'.length));
      else await linkFrom(previous, ctx.stagingDir, media.slice(1));
    }
  }
}

/** The previous build's record of articles, or undefined when it has none. */
function readArticlesRecord(outDir: string): Promise<ArticlesRecord | undefined> {
  return readRecord<ArticlesRecord>(path.join(outDir, ARTICLES_RECORD_PATH), 'articles');
}

/** With `--keep-going`, holds back the articles with errors before anything is rendered. */
export const holdBackStep: Step = {
  name: 'hold-back',
  writes: true,
  async run(ctx) {
    await holdBack(ctx);
  },
};

/**
 * Records which article each URL came from (and what was held back). With `--keep-going`, an
 * article whose page failed to render is held back too, and the pages are rendered again without it.
 */
export const articlesRecordStep: Step = {
  name: 'articles-record',
  writes: true,
  async run(ctx) {
    if (await holdBack(ctx)) await renderStep.run(ctx);
    const articles: ArticlesRecord['articles'] = {};
    for (const a of ctx.site!.articles) articles[a.file] = { url: a.url, redirects: a.redirectFrom };
    for (const h of ctx.heldBack ?? []) if (h.kept) articles[h.file] = { url: h.kept, redirects: h.keptRedirects ?? [] };
    const sorted = Object.fromEntries(Object.entries(articles).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
    await writeAtomic(path.join(ctx.stagingDir!, ARTICLES_RECORD_PATH), JSON.stringify({ version: 1, articles: sorted } satisfies ArticlesRecord));
    // Written whenever a --keep-going build goes out with errors (the publish workflow deploys it, then fails).
    if (ctx.options.keepGoing && hasBlocking(ctx.diagnostics, ctx.options.strict)) {
      await writeAtomic(path.join(ctx.stagingDir!, HELD_BACK_PATH), JSON.stringify(ctx.heldBack ?? [], null, 2));
    }
  },
};

/** The URLs at which held-back articles' previous versions stay (they are part of the new build). */
export function keptUrls(ctx: BuildContext): string[] {
  return (ctx.heldBack ?? []).flatMap((h) => (h.kept ? [h.kept] : []));
}
