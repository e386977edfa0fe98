import { createHash } from 'node:crypto';
import { existsSync, promises as fs } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pLimit from 'p-limit';
import type { ArticleView, PageRecord, Site } from '../collections/types.js';
import { sourceOf } from '../collections/article-views.js';
import type { Article } from '../validate/types.js';
import { recordIdentity } from '../validate/memo.js';
import { sha256, sha256Repeated } from '../util/hash.js';
import { listFiles, readRecord, writeAtomic } from '../util/fs.js';
import type { Manifest } from '../deploy/manifest.js';
import { planCarry, type CarriedPages } from './carry-pages.js';
export type { CarriedPages } from './carry-pages.js';
import { packageRoot, urlToFile } from '../util/paths.js';
import { packageVersion } from '../util/package-version.js';
import type { ArticleHtml } from '../markdown/types.js';
import type { PhotoSet } from '../images/types.js';
import { resultName } from '../store/markdown.js';
import { findOverrides } from './overrides.js';
import { setSiteKey, setViewKey } from '../collections/view-keys.js';

/**
 * Incremental rendering. A page's HTML is a function of its record, a few site-wide values
 * (configuration, logo, which section pages exist) and the program (templates, render code,
 * public assets, package versions). Each build stores a key per output file, the hash of all of
 * that, in `.dateline/pages.json`; the next build renders only the pages whose key changed and
 * hard-links the others from the previous output, so unchanged files are never rewritten.
 */

/** Where the page keys live inside a build (not part of the deploy manifest). */
export const RENDER_STATE_PATH = '.dateline/pages.json';

export interface RenderState {
  version: 1;
  /** Output file (relative, forward slashes) → page key. */
  pages: Record<string, string>;
}

const PACKAGES = ['@11ty/eleventy', 'preact', 'preact-render-to-string'];
let programKeyMemo: string | undefined;

/**
 * A hash of everything that renders pages: dateline's program (below) and the publication's own
 * templates and public files that override dateline's (render/overrides.ts).
 */
export async function programKey(root?: string): Promise<string> {
  const own = await datelineKey();
  const overrides = root ? (await findOverrides(root)).key : '';
  return overrides ? createHash('sha256').update(own).update(overrides).digest('hex') : own;
}

/** A hash of dateline's program: compiled templates and source, public/, package versions. */
async function datelineKey(): Promise<string> {
  if (programKeyMemo) return programKeyMemo;
  const h = createHash('sha256');
  // The compiled program (dist/), whatever is running: a template or render change re-renders everything.
  const dist = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
  const dirs = [path.join(dist, 'templates'), path.join(dist, 'src'), path.join(packageRoot(), 'public')];
  for (const dir of dirs) {
    for (const rel of await listFiles(dir)) {
      if (rel.endsWith('.map') || rel.endsWith('.d.ts')) continue;
      h.update(rel).update('\0').update(await fs.readFile(path.join(dir, rel))).update('\0');
    }
  }
  for (const name of PACKAGES) h.update(`${name}@${packageVersion(name)}\0`);
  return (programKeyMemo = h.digest('hex'));
}

/** JSON with Maps and Sets kept (as entries), so nothing a template could read is dropped from a key. */
function stableJson(value: unknown, replace?: (v: object) => string | undefined): string {
  return JSON.stringify(value, (_k, v: unknown) => {
    if (v && typeof v === 'object') {
      const sub = replace?.(v);
      if (sub !== undefined) return sub;
      if (v instanceof Map) return { $map: [...v.entries()] };
      if (v instanceof Set) return { $set: [...v] };
    }
    return v;
  });
}

/** The key of every page, by record. */
export async function pageKeys(site: Site, root?: string): Promise<Map<PageRecord, string>> {
  const sectionIds = new Set(site.config.sections.map((s) => s.id));
  // The header links only to section pages that exist; JSON-LD names the search page.
  const navUrls = site.pages
    .filter((p) => p.kind === 'search' || (p.kind === 'list' && p.list === 'section' && p.pagination.page === undefined && sectionIds.has(p.section?.id ?? '')))
    .map((p) => p.url)
    .sort();
  const siteKey = createHash('sha256')
    .update(await programKey(root))
    .update(stableJson({ config: site.config, logo: site.logo ?? null, preview: site.preview, held: heldUrls(site), navUrls }))
    .digest('hex');

  // An article's view (and the photo sets its body uses) is hashed once; pages that show it use that hash.
  const views = new WeakMap<object, string>();
  for (const a of site.articles) {
    const key = articleKey(a, site);
    views.set(a, key);
    setViewKey(a, key);
  }
  setSiteKey(site, siteKey);
  const replace = (v: object) => views.get(v) ?? (isView(v) ? remember(views, v, site) : markdownIdentity(v));

  const keys = new Map<PageRecord, string>();
  for (const page of site.pages) {
    const text = siteKey + stableJson(page, replace);
    // The preview keeps each page's last text: a page whose text repeats is not hashed again.
    keys.set(page, site.preview ? sha256Repeated(pageTexts, page.url, text) : sha256(text));
  }
  return keys;
}

/** The last key text of each page by URL, in the preview. */
const pageTexts = new Map<string, { text: string; hash: string }>();

/** In preview, the articles shown with a "not published" banner (the only use of the clock in templates). */
function heldUrls(site: Site): string[] {
  return site.preview ? site.articles.filter((a) => a.draft || a.time > site.now).map((a) => a.url) : [];
}

function isView(v: object): v is ArticleView {
  return 'content' in v && 'guid' in v && 'bundleDir' in v;
}

function remember(views: WeakMap<object, string>, v: ArticleView, site: Site): string {
  const key = articleKey(v, site);
  views.set(v, key);
  return key;
}

/**
 * Keys of validated records: the inputs a record was validated from (its file's digest,
 * configuration and authors: the same inputs give the same record), else its hash, once per record
 * object (the preview keeps unchanged records between saves).
 */
const recordKeys = new WeakMap<Article, string>();
/** The last key made for each record, with the text it hashed: an unchanged text is not hashed again. */
const lastKeys = new WeakMap<Article, { text: string; hash: string }>();

/** The key last made for each view (views are never changed once made), with the photo sets it read. */
const viewKeys = new WeakMap<ArticleView, { photos: (PhotoSet | null)[]; key: string }>();

function articleKey(a: ArticleView, site: Site): string {
  // The photo sets its body shows; the body itself is named by its HTML's digest (the HTML is not read).
  const photos: (PhotoSet | null)[] = a.content.photos.map((p) => site.photos.get(path.join(a.bundleDir, p.src)) ?? null);
  const before = viewKeys.get(a);
  if (before && before.photos.length === photos.length && before.photos.every((p, i) => p === photos[i])) return before.key;
  const key = viewKeyOf(a, photos);
  viewKeys.set(a, { photos, key });
  return key;
}

function viewKeyOf(a: ArticleView, photos: (PhotoSet | null)[]): string {
  const source = sourceOf(a);
  const content = markdownIdentity(a.content);
  if (!source || content === undefined) return 'article:' + sha256(stableJson([a, photos], markdownIdentity));
  // The view is its record spread, plus what it derives: the record is named by its inputs or
  // hashed once per record object; the derived fields (HTML identity, authors, section, photo
  // sets, translations, dates) are plain data — no Map or Set — written as plain JSON each time.
  let recordKey = recordKeys.get(source) ?? recordIdentity(source);
  if (recordKey === undefined) recordKeys.set(source, (recordKey = sha256(stableJson(source, markdownIdentity))));
  const own = source as unknown as Record<string, unknown>;
  const derived: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(a)) if (v !== own[k]) derived[k] = k === 'content' ? content : k === 'lead' || k === 'card' ? photoSetName(v as PhotoSet) : v;
  return 'article:' + sha256Repeated(lastKeys, source, recordKey + '\0' + JSON.stringify([derived, photos.map(photoSetName)]));
}

/**
 * A photo set by name: its cache key (a hash of the source's bytes and the encoder's settings,
 * which the set's files and sizes are made from, and a cached set never changes once complete),
 * its source and what it leaked; far shorter than the set's files written out.
 */
function photoSetName(set: PhotoSet | null | undefined): string | null {
  return set ? `photo:${set.hash}:${set.source}:${set.leaks.join('\0')}` : null;
}

/** A Markdown result by its name (the digest of its HTML and its metadata), so a page key never reads stored HTML. */
function markdownIdentity(v: object): string | undefined {
  return resultName(v as ArticleHtml);
}

/** The previous build's page keys, or undefined when there are none (first build, or unreadable). */
export async function readRenderState(outDir: string): Promise<RenderState | undefined> {
  const file = path.resolve(outDir, RENDER_STATE_PATH);
  // The record this process wrote last, while the file is the one it wrote (the preview's saves).
  const mine = written.get(file);
  if (mine) {
    const now = await fs.stat(file).catch(() => undefined);
    if (now && now.mtimeMs === mine.mtimeMs && now.size === mine.size && now.ino === mine.ino) return mine.state;
    written.delete(file);
  }
  return readRecord<RenderState>(file, 'pages');
}

/** The page keys this process wrote, by file, with the file's stamp just after. */
const written = new Map<string, { state: RenderState; mtimeMs: number; size: number; ino: number }>();

/**
 * Splits the pages into those to render and those whose file can be kept from the previous
 * output (same key, file still there), links the latter into `stagingDir`, and records every
 * key there. Returns the pages left to render.
 *
 * With `carry` (the manifest of `previousOut`, for a build that publishes over it), whole folders
 * of the previous output holding nothing but kept pages are not linked file by file: they are
 * listed in `carried`, and publishing moves each into the new output with one rename (see
 * pipeline/output-folder.ts).
 */
export async function reusePages(
  pages: PageRecord[],
  keys: Map<PageRecord, string>,
  previousOut: string | undefined,
  stagingDir: string,
  options: { carry?: Manifest } = {},
): Promise<{ render: PageRecord[]; linked: string[]; carried: CarriedPages }> {
  const previous = previousOut ? await readRenderState(previousOut) : undefined;
  // Building in place (the preview): an unchanged page is already where it belongs.
  const inPlace = previousOut !== undefined && path.resolve(previousOut) === path.resolve(stagingDir);
  const present = inPlace ? presentPages(stagingDir, previous) : undefined;
  const state: RenderState = { version: 1, pages: {} };
  const render: PageRecord[] = [];
  const linked: string[] = [];
  const kept = new Map<string, PageRecord>();
  for (const page of pages) {
    const file = urlToFile(page.url);
    const key = keys.get(page)!;
    state.pages[file] = key;
    if (!previous || !previousOut || previous.pages[file] !== key) {
      render.push(page);
      continue;
    }
    if (inPlace) {
      // A page this process wrote or found in the folder before is there still (the preview owns
      // its folder); others cost one synchronous check (thousands cost a fraction of as many promises).
      if (present?.has(file) || existsSync(path.join(stagingDir, file))) {
        linked.push(file);
        present?.add(file);
      } else render.push(page);
      continue;
    }
    kept.set(file, page);
  }
  const carried: CarriedPages = { dirs: [], files: [] };
  if (options.carry && previous && previousOut && kept.size) {
    const changed = [...render.map((p) => urlToFile(p.url)), ...Object.keys(previous.pages).filter((file) => !(file in state.pages))];
    planCarry(previousOut, Object.keys(options.carry.files), [...kept.keys()], changed, carried);
    for (const file of carried.files) kept.delete(file);
  }
  const made = new Map<string, Promise<unknown>>();
  const limit = pLimit(64);
  await Promise.all(
    [...kept].map(([file, page]) =>
      limit(async () => {
        try {
          const dir = path.dirname(path.join(stagingDir, file));
          let ready = made.get(dir);
          if (!ready) made.set(dir, (ready = fs.mkdir(dir, { recursive: true })));
          await ready;
          await fs.link(path.join(previousOut!, file), path.join(stagingDir, file));
          linked.push(file);
        } catch {
          // Gone from the previous output (or on another file system): render it again.
          render.push(page);
        }
      }),
    ),
  );
  // In place, the pages that are gone (a story removed or moved) are removed.
  if (inPlace && previous) {
    const gone = Object.keys(previous.pages).filter((file) => !(file in state.pages));
    for (const file of gone) present?.delete(file);
    await Promise.all(gone.map((file) => limit(() => fs.rm(path.join(stagingDir, file), { force: true }))));
  }
  await writeRenderState(stagingDir, state);
  // The pages rendered now are checked once on the next build, then known too.
  const known = inPlace ? inPlacePages.get(path.resolve(stagingDir)) : undefined;
  if (known) known.state = state;
  return { render, linked: [...linked, ...carried.files], carried };
}

/** Pages known to be in a folder built in place, by folder, with the page keys the folder had when they were. */
const inPlacePages = new Map<string, { state: RenderState; files: Set<string> }>();

/**
 * The pages this process knows are in `dir` — valid while the folder's page keys are the ones it
 * wrote last (another process building there, or a cleared folder, starts the record again).
 */
function presentPages(dir: string, previous: RenderState | undefined): Set<string> {
  const known = inPlacePages.get(path.resolve(dir));
  if (known && previous && sameKeys(known.state, previous)) return known.files;
  const files = new Set<string>();
  inPlacePages.set(path.resolve(dir), { state: previous ?? { version: 1, pages: {} }, files });
  return files;
}

function sameKeys(a: RenderState, b: RenderState): boolean {
  if (a === b) return true;
  const files = Object.keys(a.pages);
  if (files.length !== Object.keys(b.pages).length) return false;
  return files.every((f) => a.pages[f] === b.pages[f]);
}

/** Writes page keys sorted by file, so the record does not depend on rendering or shard order. */
export async function writeRenderState(outDir: string, state: RenderState): Promise<void> {
  const pages = Object.fromEntries(Object.entries(state.pages).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  const file = path.resolve(outDir, RENDER_STATE_PATH);
  await writeAtomic(file, JSON.stringify({ version: 1, pages }));
  const stamp = await fs.stat(file).catch(() => undefined);
  if (stamp) written.set(file, { state, mtimeMs: stamp.mtimeMs, size: stamp.size, ino: stamp.ino });
}
