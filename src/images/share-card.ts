import { promises as fs } from 'node:fs';
import path from 'node:path';
import sharp, { type OverlayOptions } from 'sharp';
import { sha256 } from '../util/hash.js';
import { writeAtomic } from '../util/fs.js';
import { placeCachedSet, readCachedSet, writeCacheEntry, type StoredSet } from './store.js';
import type { EncodedFile } from './encode.js';
import type { PhotoFile, PhotoSet } from './types.js';

/** What a generated share card shows: the story's headline and section, the publication's name and logo, in its colours. */
export interface CardRequest {
  /** Project-relative path of the article; the key of the result. */
  file: string;
  title: string;
  section: string;
  siteName: string;
  lang: string;
  dir: 'ltr' | 'rtl';
  /** Absolute path of the logo file, when the site has one. */
  logo?: string;
  colors?: { background?: string; text?: string; accent?: string };
}

/** Sizes of a card: the 1200×630 Open Graph card and the 16:9, 4:3 and 1:1 images structured data lists. */
export const CARD_SIZES = { share: [1200, 630], '16x9': [1200, 675], '4x3': [1200, 900], '1x1': [1200, 1200] } as const;
/** The default theme's colours (public/css/site.css: --ink, white, --accent). */
export const CARD_COLORS = { background: '#16181d', text: '#ffffff', accent: '#a3161a' };
/** Layout and type; part of the cache key. */
const LAYOUT = { version: 2, margin: 72, band: 120, headlinePx: 76, sectionPx: 30, namePx: 32, quality: 86 } as const;

const escape = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
/** Pango's 12-point font at `dpi` is `12 * dpi / 72` px: the dpi giving `px`. */
const dpiFor = (px: number) => Math.round((px * 72) / 12);

/** Text as a transparent PNG, set by Pango (HarfBuzz shaping, bidi), wrapped to `width`, shrunk to fit `height` when given. */
async function textImage(text: string, o: { font: string; colour: string; px: number; width: number; height?: number; rtl: boolean }): Promise<{ data: Buffer; width: number; height: number }> {
  // A right-to-left mark makes the paragraph right to left even when it starts with a Latin word;
  // Pango then mirrors the alignment, so `left` sets every line flush right.
  const markup = `<span foreground="${o.colour}">${o.rtl ? '\u200F' : ''}${escape(text)}</span>`;
  const render = (fit: boolean) =>
    sharp({ text: { text: markup, font: `${o.font} 12`, width: o.width, ...(fit && o.height ? { height: o.height } : { dpi: dpiFor(o.px) }), rgba: true, align: 'left', wrap: 'word' } })
      .png()
      .toBuffer({ resolveWithObject: true });
  let out = await render(false);
  // Too tall at the preferred size: Pango finds the largest size that fits the box.
  if (o.height && out.info.height > o.height) out = await render(true);
  return { data: out.data, width: out.info.width, height: out.info.height };
}

/** One card of `width`×`height` as JPEG bytes. */
async function drawCard(req: CardRequest, width: number, height: number, logo: Buffer | undefined): Promise<Buffer> {
  const c = { ...CARD_COLORS, ...req.colors };
  const { margin, band } = LAYOUT;
  const rtl = req.dir === 'rtl';
  const serif = req.lang === 'ar' || req.lang === 'fa' || req.lang === 'ur' ? 'Noto Naskh Arabic Bold' : req.lang === 'he' ? 'Noto Serif Hebrew Bold' : 'Noto Serif Bold';
  const sans = rtl ? 'Noto Sans Arabic Bold' : 'Noto Sans Bold';
  const inner = width - 2 * margin;
  const x = (w: number) => (rtl ? width - margin - w : margin);
  const layers: OverlayOptions[] = [];

  // An accent rule, the section name, the headline; then a light band with the logo and the publication's name.
  layers.push({ input: { create: { width: 72, height: 10, channels: 4, background: c.accent } }, left: x(72), top: margin - 8 });
  const section = await textImage(req.section.toLocaleUpperCase(req.lang), { font: sans, colour: c.text, px: LAYOUT.sectionPx, width: inner, rtl });
  layers.push({ input: section.data, left: x(section.width), top: margin + 18 });
  const headTop = margin + 18 + section.height + 28;
  const headline = await textImage(req.title, { font: serif, colour: c.text, px: Math.round(LAYOUT.headlinePx * Math.sqrt(height / 630)), width: inner, height: height - band - headTop - 40, rtl });
  layers.push({ input: headline.data, left: x(headline.width), top: headTop });

  layers.push({ input: { create: { width, height: band, channels: 4, background: '#ffffff' } }, left: 0, top: height - band });
  let used = 0;
  if (logo) {
    const mark = await sharp(logo).resize({ height: band - 40, width: 360, fit: 'inside' }).png().toBuffer({ resolveWithObject: true });
    layers.push({ input: mark.data, left: x(mark.info.width), top: height - band + Math.round((band - mark.info.height) / 2) });
    used = mark.info.width + 28;
  }
  const name = await textImage(req.siteName, { font: sans, colour: c.background, px: LAYOUT.namePx, width: inner - used, rtl });
  layers.push({ input: name.data, left: rtl ? width - margin - used - name.width : margin + used, top: height - band + Math.round((band - name.height) / 2) });

  return sharp({ create: { width, height, channels: 3, background: c.background } }).composite(layers).jpeg({ quality: LAYOUT.quality, mozjpeg: false }).toBuffer();
}

/** The cache key of a card: everything drawn on it, the logo's bytes, the layout and sharp's versions. */
function cardKey(req: CardRequest, logo: Buffer | undefined): string {
  const { file: _file, logo: _logo, ...drawn } = req;
  return sha256(JSON.stringify([drawn, logo ? sha256(logo) : null, LAYOUT, CARD_SIZES, sharp.versions])).slice(0, 24);
}

/**
 * Generated share cards for stories without a lead photo: a 1200×630 JPEG (Open Graph, X) and
 * 16:9, 4:3 and 1:1 versions (NewsArticle `image`), cached under `<cacheDir>/<key>/` like photo
 * sets and linked into `<outDir>/media/`. Returns a photo set per article file, with `share`
 * and `crops` filled.
 */
export async function makeShareCards(requests: CardRequest[], options: { outDir: string; cacheDir: string }): Promise<Map<string, PhotoSet>> {
  const out = new Map<string, PhotoSet>();
  const mediaDir = path.join(options.outDir, 'media');
  const logos = new Map<string, Buffer | undefined>();
  for (const req of requests) {
    if (req.logo && !logos.has(req.logo)) logos.set(req.logo, await fs.readFile(req.logo).catch(() => undefined));
    const logo = req.logo ? logos.get(req.logo) : undefined;
    const key = cardKey(req, logo);
    const dir = path.join(options.cacheDir, key);
    let stored = await readCachedSet(dir);
    if (!stored || !(await placeCachedSet(dir, stored, mediaDir))) {
      const id = `${key.slice(0, 12)}-card`;
      const files: EncodedFile[] = [];
      const file = (name: string, data: Buffer, width: number, height: number): PhotoFile => {
        files.push({ name, data, width, height, type: 'image/jpeg' });
        return { url: `/media/${name}`, width, height, bytes: data.length, type: 'image/jpeg' };
      };
      const made = {} as Record<keyof typeof CARD_SIZES, PhotoFile>;
      for (const [kind, [w, h]] of Object.entries(CARD_SIZES) as [keyof typeof CARD_SIZES, readonly [number, number]][]) {
        made[kind] = file(`${id}-${kind}.jpg`, await drawCard(req, w, h, logo), w, h);
      }
      stored = { hash: key, width: 1200, height: 630, avif: [], webp: [], jpeg: [], placeholder: '', color: req.colors?.background ?? CARD_COLORS.background, share: made.share, crops: { '16x9': made['16x9'], '4x3': made['4x3'], '1x1': made['1x1'] } };
      try {
        await writeCacheEntry(dir, files, stored);
        if (!(await placeCachedSet(dir, stored, mediaDir))) throw new Error('incomplete cache entry');
      } catch {
        await Promise.all(files.map((f) => writeAtomic(path.join(mediaDir, f.name), f.data)));
      }
    }
    out.set(req.file, { ...stored, source: req.file, leaks: [] });
  }
  return out;
}
