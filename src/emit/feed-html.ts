import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { codeKey } from '../util/code-key.js';
import type { Element, Properties, Root } from 'hast';
import { fromHtml, toHtml, SKIP, visit } from '../vendor/unified.js';
import type { ArticleView, Site } from '../collections/types.js';
import type { PhotoSet } from '../images/types.js';
import { absolute, jpegNear } from './urls.js';
import { embedAsLink } from '../markdown/plugins/remark-embed.js';
import { resultName } from '../store/markdown.js';
import { sha256 } from '../util/hash.js';
import { writeAtomic } from '../util/fs.js';
import { feedChannels } from './feed-channels.js';

/** Width of the JPEG a feed reader gets for a body photo. */
const FEED_PHOTO_WIDTH = 1200;
/** Properties (hast names) holding one URL. */
const URL_PROPS = ['href', 'src', 'poster', 'cite', 'action'] as const;

/**
 * Each article's feed body by its Markdown result, with what else it was made from: the article's
 * address, its bundle folder and the photo sets it looked up. Site-wide and section feeds carry the
 * same article, and the preview's rebuilds keep an unchanged body's result (its view may be new:
 * a story added to a section changes its neighbours' views): a body is converted once while those stay the same.
 */
const cache = new WeakMap<ArticleView['content'], { base: string; bundleDir: string; photos: [string, PhotoSet | undefined][]; html: string }>();

/**
 * Feed bodies kept between builds, in the cache: a fresh process converts only the bodies new to
 * the feeds (a new story), not the fifty a changed feed lists (~2 ms each, measured: ~0.2 s of a
 * build that publishes a story). Keyed by the Markdown result's name (the digest of its HTML and
 * metadata), the article's address and folder; each names the photo sets it used (by their
 * cache keys), and is used only while those are the same. Only bodies of articles the feeds list
 * now are kept.
 */
interface KeptBody {
  photos: [string, string | null][];
  html: string;
}
let kept: { file: string; program: string; entries?: Map<string, KeptBody>; changed: boolean } | undefined;

/**
 * Names the file of bodies kept by the same `program` (by default the key of this module's code
 * and what it imports: another version that converts bodies otherwise does not read them; a
 * template edit keeps them). It is read when the first body is asked for (a build whose feeds
 * are all unchanged reads nothing), once per process: the preview's rebuilds keep it in memory.
 */
export function openFeedBodies(file: string, program = codeKey(fileURLToPath(import.meta.url))): void {
  if (kept?.file === file && kept.program === program) return;
  kept = { file, program, changed: false };
}

function keptEntries(): Map<string, KeptBody> {
  if (kept!.entries) return kept!.entries;
  let entries = new Map<string, KeptBody>();
  try {
    const data = JSON.parse(readFileSync(kept!.file, 'utf8')) as { version?: number; program?: string; entries?: Record<string, KeptBody> };
    if (data.version === 1 && data.program === kept!.program && data.entries && typeof data.entries === 'object') entries = new Map(Object.entries(data.entries));
  } catch {
    // None kept yet (or unreadable): every body is converted, and kept.
  }
  return (kept!.entries = entries);
}

/** Writes the kept bodies back when this build converted any, keeping those of the articles `site`'s feeds list. */
export async function saveFeedBodies(site: Site): Promise<void> {
  // No body was asked for: every feed was kept as it was, and so are the bodies.
  if (!kept?.entries) return;
  const listed = new Set<string>();
  for (const channel of feedChannels(site)) for (const a of channel.items) {
    const key = keptKey(site, a);
    if (key) listed.add(key);
  }
  const entries = kept.entries;
  const stale = [...entries.keys()].filter((key) => !listed.has(key));
  if (!kept.changed && stale.length === 0) return;
  for (const key of stale) entries.delete(key);
  kept.changed = false;
  await writeAtomic(kept.file, JSON.stringify({ version: 1, program: kept.program, entries: Object.fromEntries(entries) })).catch(() => undefined);
}

/** The kept body's key, when the article's Markdown result has a name (an embed's preview makes a new result, which has none). */
function keptKey(site: Site, article: ArticleView): string | undefined {
  const name = resultName(article.content);
  return name === undefined ? undefined : sha256(`${name}\0${absolute(site, article.url)}\0${article.bundleDir}`);
}

function absoluteFrom(base: string, value: string): string {
  try {
    return new URL(value, base).href;
  } catch {
    return value;
  }
}

/** A `srcset` list (a string, or hast's comma-separated array) with each candidate's URL made absolute. */
function absoluteSrcset(base: string, value: unknown): string | undefined {
  const candidates = Array.isArray(value) ? value.map(String) : typeof value === 'string' ? value.split(',') : undefined;
  return candidates
    ?.map((candidate) => {
      const [url = '', ...descriptor] = candidate.trim().split(/\s+/);
      return [absoluteFrom(base, url), ...descriptor].join(' ');
    })
    .join(', ');
}

function photoImage(site: Site, article: ArticleView, node: Element, used: [string, PhotoSet | undefined][]): Element | undefined {
  const { dataPhoto, ...rest } = node.properties;
  const source = path.join(article.bundleDir, decodeURI(String(dataPhoto)));
  const set = site.photos.get(source);
  used.push([source, set]);
  const file = set ? jpegNear(set, FEED_PHOTO_WIDTH) : undefined;
  if (!file) return undefined;
  const properties: Properties = { src: absolute(site, file.url), width: file.width, height: file.height, ...rest };
  return { type: 'element', tagName: 'img', properties, children: [] };
}

/**
 * Body HTML for feeds: photo markers (`<img data-photo>`) become a plain `<img>` of a ~1200 px
 * JPEG, embeds a link to the original, and every URL (`href`, `src`, `srcset`…) becomes absolute, since feed readers have no base URL.
 */
export function feedHtml(site: Site, article: ArticleView): string {
  const base = absolute(site, article.url);
  const cached = cache.get(article.content);
  if (cached && cached.base === base && cached.bundleDir === article.bundleDir && cached.photos.every(([source, set]) => site.photos.get(source) === set)) return cached.html;
  const key = kept ? keptKey(site, article) : undefined;
  const stored = key ? keptEntries().get(key) : undefined;
  if (stored && stored.photos.every(([source, hash]) => (site.photos.get(source)?.hash ?? null) === hash)) {
    cache.set(article.content, { base, bundleDir: article.bundleDir, photos: stored.photos.map(([source]) => [source, site.photos.get(source)]), html: stored.html });
    return stored.html;
  }
  const used: [string, PhotoSet | undefined][] = [];
  const tree: Root = fromHtml(article.content.html, { fragment: true });
  visit(tree, 'element', (node, index, parent) => {
    // Feed readers run no scripts: an embed's preview becomes a plain link to the original.
    const link = parent && index !== undefined ? embedAsLink(node) : undefined;
    if (link) {
      parent!.children.splice(index!, 1, ...link);
      return index;
    }
    if (node.tagName === 'img' && node.properties.dataPhoto !== undefined && parent && index !== undefined) {
      const img = photoImage(site, article, node, used);
      // A photo without a set was already reported by the images stage; a broken image helps no reader.
      if (img) parent.children[index] = img;
      else parent.children.splice(index, 1);
      return img ? SKIP : index;
    }
    for (const prop of URL_PROPS) {
      const value = node.properties[prop];
      if (typeof value === 'string') node.properties[prop] = absoluteFrom(base, value);
    }
    const srcSet = absoluteSrcset(base, node.properties.srcSet);
    if (srcSet !== undefined) node.properties.srcSet = srcSet;
    return undefined;
  });
  const html = toHtml(tree);
  cache.set(article.content, { base, bundleDir: article.bundleDir, photos: used, html });
  if (key) {
    keptEntries().set(key, { photos: used.map(([source, set]) => [source, set?.hash ?? null]), html });
    kept!.changed = true;
  }
  return html;
}
