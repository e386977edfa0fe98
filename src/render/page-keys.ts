import { createHash } from 'node:crypto';
import path from 'node:path';
import type { ArticleView, PageRecord, Site } from '../collections/types.js';
import { sourceOf } from '../collections/article-views.js';
import type { Article } from '../validate/types.js';
import { recordIdentity } from '../validate/memo.js';
import { sameItems } from '../util/same.js';
import { sha256, sha256Repeated } from '../util/hash.js';
import type { ArticleHtml } from '../markdown/types.js';
import type { PhotoSet } from '../images/types.js';
import { resultName } from '../store/markdown.js';
import { programKey } from './program-key.js';
import { setSiteKey, setViewKey } from '../collections/view-keys.js';

/**
 * Page keys. A page's HTML is a function of its record, a few site-wide values (configuration,
 * logo, which section pages exist) and the program (templates, render code, public assets,
 * package versions); its key is the hash of all of that, so a page whose key is unchanged need
 * not be rendered again (see incremental.ts).
 */

export { programKey };

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
  const values = stableJson({ config: site.config, logo: site.logo ?? null, preview: site.preview, held: heldUrls(site), navUrls });
  const siteKey = createHash('sha256').update(await programKey(root)).update(values).digest('hex');

  // An article's view (and the photo sets its body uses) is hashed once; pages that show it use that hash.
  const views = new WeakMap<object, string>();
  for (const a of site.articles) {
    const key = articleKey(a, site);
    views.set(a, key);
    setViewKey(a, key);
  }
  // Other outputs (feeds) read the site-wide values but not the templates: they add their own code's key (emit/index.ts).
  setSiteKey(site, sha256(values));
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
  if (before && sameItems(before.photos, photos)) return before.key;
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
