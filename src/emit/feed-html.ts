import path from 'node:path';
import type { Element, Properties, Root } from 'hast';
import { fromHtml, toHtml, SKIP, visit } from '../vendor/unified.js';
import type { ArticleView, Site } from '../collections/types.js';
import type { PhotoSet } from '../images/types.js';
import { absolute, jpegNear } from './urls.js';
import { embedAsLink } from '../markdown/plugins/remark-embed.js';

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
  return html;
}
