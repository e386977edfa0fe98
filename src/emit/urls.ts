import type { Site } from '../collections/types.js';
import type { PhotoFile, PhotoSet } from '../images/types.js';

/** An absolute URL for a site path. */
export function absolute(site: Site, url: string): string {
  return new URL(url, site.config.baseUrl + '/').href;
}

/** The JPEG closest to `width` (the largest not wider, or the smallest there is). */
export function jpegNear(set: PhotoSet, width: number): PhotoFile | undefined {
  const below = set.jpeg.filter((f) => f.width <= width);
  return below[below.length - 1] ?? set.jpeg[0];
}

/** The URL prefix of a language: empty for the default language, `/ar` for the others. */
export function langPrefix(site: Site, lang: string): string {
  return lang === site.config.language ? '' : `/${lang}`;
}

/** Site-relative URLs of the RSS, Atom and JSON feeds of a language (and optionally one section). */
export function feedPaths(site: Site, lang: string, section?: string): { rss: string; atom: string; json: string } {
  const base = `${langPrefix(site, lang)}${section ? `/${section}` : ''}/`;
  return { rss: `${base}feed.xml`, atom: `${base}atom.xml`, json: `${base}feed.json` };
}

/** A localized string from a per-language map, falling back to the default language. */
export function localized(site: Site, map: Record<string, string>, lang: string): string {
  return map[lang] ?? map[site.config.language] ?? '';
}
