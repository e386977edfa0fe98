import { createRequire } from 'node:module';

// Loaded on first use: most builds make no slug, and the transliteration tables cost start-up time.
const load = createRequire(import.meta.url);
const slugify = (text: string, options: { lowercase: boolean; separator: string }): string => (load('transliteration') as typeof import('transliteration')).slugify(text, options);
import { isArabicScript, romaniseArabic } from './romanise-arabic.js';

/** How article slugs are written (site.yaml `slugs`): Latin letters, or the headline's own script. */
export type SlugStyle = 'latin' | 'native';

const LATIN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
const NATIVE = /^[\p{Ll}\p{Lo}\p{Lm}\p{Mn}\p{Nd}]+(?:-[\p{Ll}\p{Lo}\p{Lm}\p{Mn}\p{Nd}]+)*$/u;
const MAX_SLUG = 60;

/** True when `slug` may name a bundle folder under `style` (native also accepts Latin slugs). */
export function isValidSlug(slug: string, style: SlugStyle = 'latin'): boolean {
  return LATIN.test(slug) || (style === 'native' && NATIVE.test(slug) && slug === slug.normalize('NFC'));
}

/** Cuts a slug to at most MAX_SLUG characters at a hyphen. */
function cut(slug: string): string {
  const chars = [...slug];
  if (chars.length <= MAX_SLUG) return slug;
  return chars.slice(0, MAX_SLUG).join('').replace(/-[^-]*$/, '');
}

/**
 * A URL slug from a headline. `latin`: Arabic-script words romanised (فصائل المعارضة → fasail-al-muarada),
 * other scripts transliterated, lower-case, hyphenated. `native`: the headline's own letters kept
 * (harakat and tatweel dropped), lower-cased, hyphenated; its URL is percent-encoded.
 */
export function slugFromHeadline(headline: string, style: SlugStyle = 'latin'): string {
  const text = headline.replace(/['’‘`ʼ]/g, '').normalize('NFC');
  let slug: string;
  if (style === 'native') {
    slug = text
      .replace(/[\u064B-\u065F\u0670\u0640]/g, '')
      .toLowerCase()
      .replace(/[^\p{L}\p{Mn}\p{Nd}]+/gu, '-');
  } else {
    const romanised = isArabicScript(text) ? romaniseArabic(text) : text;
    slug = slugify(romanised, { lowercase: true, separator: '-' }).replace(/[^a-z0-9]+/g, '-');
  }
  return cut(slug.replace(/^-+|-+$/g, '').replace(/-{2,}/g, '-'));
}
