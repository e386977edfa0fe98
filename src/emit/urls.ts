import path from 'node:path';
import type { ArticleView, Site } from '../collections/types.js';
import type { PhotoFile, PhotoSet } from '../images/types.js';

/** An absolute URL for a site path. */
export function absolute(site: Site, url: string): string {
  return new URL(url, site.config.baseUrl + '/').href;
}

/** The JPEG closest to `width` (the largest below it, or the smallest). */
export function jpegNear(set: PhotoSet, width: number): PhotoFile | undefined {
  const below = set.jpeg.filter((f) => f.width <= width);
  return below[below.length - 1] ?? set.jpeg[0];
}

const escapeAttr = (s: string) => s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');

/**
 * Body HTML for feeds: photo markers become plain `<img>` of a ~1200 px JPEG, and every
 * site-relative `href`/`src`/`srcset` becomes absolute (feed readers have no base URL).
 * The HTML comes from the markdown stage, so attribute quoting is known.
 */
export function feedHtml(site: Site, article: ArticleView): string {
  const articleUrl = absolute(site, article.url);
  let html = article.content.html.replace(/<img data-photo="([^"]*)"([^>]*)>/g, (_m, src: string, rest: string) => {
    const set = site.photos.get(path.join(article.bundleDir, decodeURI(src)));
    const file = set ? jpegNear(set, 1200) : undefined;
    if (!file) return '';
    return `<img src="${escapeAttr(absolute(site, file.url))}" width="${file.width}" height="${file.height}"${rest}>`;
  });
  html = html.replace(/\s(href|src)="([^"]*)"/g, (m, attr: string, value: string) => {
    if (/^[a-z][a-z0-9+.-]*:/i.test(value) || value.startsWith('//')) return m;
    return ` ${attr}="${escapeAttr(new URL(value.replace(/&amp;/g, '&'), articleUrl).href)}"`;
  });
  return html;
}

/** Feed URLs of a language (and optionally one section), site-relative. */
export function feedPaths(site: Site, lang: string, section?: string): { rss: string; atom: string; json: string } {
  const prefix = lang === site.config.language ? '' : `/${lang}`;
  const base = `${prefix}${section ? `/${section}` : ''}/`;
  return { rss: `${base}feed.xml`, atom: `${base}atom.xml`, json: `${base}feed.json` };
}
