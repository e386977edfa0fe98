import { loadSharp } from './sharp.js';
import { CardCanvas, rgbOf, type InkMask, type RgbaImage } from './card-canvas.js';

/*
 * Drawing a share card: its text set by Pango as ink masks, its logo, its layers on one canvas,
 * one JPEG a size. Which cards to draw, their keys and their cache are in share-card.ts.
 */

/** What a generated share card shows: the story's headline and section, the publication's name and logo, in its colours. */
export interface CardRequest {
  /** The key of the result (a photo set's key: `share-card:` and the article's path). */
  file: string;
  /** Project-relative path of the article, which a card that cannot be drawn is reported against (else `file`). */
  article?: string;
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
/** Every card is as wide (the headline is wrapped once for all of them). */
export const CARD_WIDTH = 1200;
/** The default theme's colours (public/css/site.css: --ink, white, --accent). */
export const CARD_COLORS = { background: '#16181d', text: '#ffffff', accent: '#a3161a' };
/** Layout and type; part of the cache key. */
export const LAYOUT = { version: 6, margin: 72, band: 120, headlinePx: 76, sectionPx: 30, namePx: 32, quality: 86 } as const;

/** Settings tried when a headline is too tall for its box, and the smallest size they go to. */
const FIT_STEPS = 4;
const MIN_HEADLINE_PX = 36;

const escape = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
/** Pango's 12-point font at `dpi` is `12 * dpi / 72` px: the dpi giving `px`. */
const dpiFor = (px: number) => Math.round((px * 72) / 12);

type TextOptions = { font: string; px: number; width: number; height?: number; rtl: boolean };

/** Section labels and publication names repeat on every card: each is set once per process (bounded; a few KB each). */
const textCache = new Map<string, Promise<InkMask>>();
const TEXT_CACHE_LIMIT = 512;

/** Text as an ink mask, set by Pango (HarfBuzz shaping, bidi), wrapped to `width`, shrunk to fit `height` when given. */
function textImage(text: string, o: TextOptions): Promise<InkMask> {
  const key = JSON.stringify([text, o]);
  let made = textCache.get(key);
  if (!made) {
    if (textCache.size >= TEXT_CACHE_LIMIT) textCache.clear();
    made = setText(text, o);
    textCache.set(key, made);
    // A failure is not kept: the next card tries again.
    made.catch(() => textCache.delete(key));
  }
  return made;
}

async function setText(text: string, o: TextOptions): Promise<InkMask> {
  const sharp = await loadSharp();
  // A right-to-left mark makes the paragraph right to left even when it starts with a Latin word;
  // Pango then mirrors the alignment, so `left` sets every line flush right.
  const markup = `${o.rtl ? '\u200F' : ''}${escape(text)}`;
  // One band of coverage, kept as one band (sharp would widen it to sRGB).
  const render = (size: { dpi: number } | { height: number }) =>
    sharp({ text: { text: markup, font: `${o.font} 12`, width: o.width, ...size, align: 'left', wrap: 'word' } })
      .extractChannel(0)
      .raw()
      .toBuffer({ resolveWithObject: true });
  let out = await render({ dpi: dpiFor(o.px) });
  if (o.height && out.info.height > o.height) {
    // Too tall at the preferred size: set smaller. Wrapped text's height grows with the square of
    // its size, so one step usually fits; a few more at most. (Pango's own fitting, given the box,
    // searches through many sizes: ~150 ms a card against ~6 ms a setting, measured.)
    let px = o.px;
    for (let i = 0; i < FIT_STEPS && out.info.height > o.height; i++) {
      px = Math.max(MIN_HEADLINE_PX, Math.floor(px * Math.min(0.92, Math.sqrt(o.height / out.info.height))));
      out = await render({ dpi: dpiFor(px) });
      if (px === MIN_HEADLINE_PX) break;
    }
    // Still too tall at the smallest size (a very long headline): Pango finds a size that fits.
    if (out.info.height > o.height) out = await render({ height: o.height });
  }
  return { data: out.data, width: out.info.width, height: out.info.height };
}

const logoMarks = new WeakMap<Buffer, Promise<RgbaImage>>();

/** The logo scaled into the band, once per logo. */
function logoMark(logo: Buffer, height: number): Promise<RgbaImage> {
  let made = logoMarks.get(logo);
  if (!made) {
    made = loadSharp()
      .then((sharp) => sharp(logo)
      .resize({ height, width: 360, fit: 'inside' })
      .ensureAlpha()
      .raw()
      .toBuffer({ resolveWithObject: true }))
      .then((r) => ({ data: r.data, width: r.info.width, height: r.info.height }));
    logoMarks.set(logo, made);
  }
  return made;
}

/**
 * The cards (`width` across, in the order of `heights`) as JPEG bytes. What sits above the band
 * (rule, section, headline) is the same on each, since the headline is set once and fitted to the
 * shortest card: it is drawn once and copied into every card, centred in a taller card's space
 * above the band. (Tall cards once had their own, larger setting of the headline: a second Pango
 * setting a card, a quarter of a card's CPU, for 1:1 and 4:3 images search engines show small.)
 */
export async function drawCards(req: CardRequest, width: number, heights: number[], logo: Buffer | undefined): Promise<Buffer[]> {
  const c = { ...CARD_COLORS, ...req.colors };
  const { margin, band } = LAYOUT;
  const rtl = req.dir === 'rtl';
  const serif = req.lang === 'ar' || req.lang === 'fa' || req.lang === 'ur' ? 'Noto Naskh Arabic Bold' : req.lang === 'he' ? 'Noto Serif Hebrew Bold' : 'Noto Serif Bold';
  const sans = rtl ? 'Noto Sans Arabic Bold' : 'Noto Sans Bold';
  const inner = width - 2 * margin;
  const x = (w: number) => (rtl ? width - margin - w : margin);
  const [background, accent, ink, white] = await Promise.all([rgbOf(c.background), rgbOf(c.accent), rgbOf(c.text), rgbOf('#ffffff')]);
  const shortest = Math.min(...heights);
  const top = new CardCanvas(width, shortest - band, background);

  // An accent rule, the section name, the headline; then a light band with the logo and the publication's name.
  top.fill(x(72), margin - 8, 72, 10, accent);
  const section = await textImage(req.section.toLocaleUpperCase(req.lang), { font: sans, px: LAYOUT.sectionPx, width: inner, rtl });
  top.ink(section, x(section.width), margin + 18, ink);
  const headTop = margin + 18 + section.height + 28;
  const box = shortest - band - headTop - 40;
  // A headline is set once a card and not kept: thousands of them would fill the memory a cold build has.
  const headline = await setText(req.title, { font: serif, px: LAYOUT.headlinePx, width: inner, height: box, rtl });
  top.ink(headline, x(headline.width), headTop, ink);

  const mark = logo ? await logoMark(logo, band - 40) : undefined;
  const used = mark ? mark.width + 28 : 0;
  const name = await textImage(req.siteName, { font: sans, px: LAYOUT.namePx, width: inner - used, rtl });
  const cards = heights.map((height) => {
    const card = new CardCanvas(width, height, background, top, Math.round((height - shortest) / 2));
    card.fill(0, height - band, width, band, white);
    if (mark) card.draw(mark, x(mark.width), height - band + Math.round((band - mark.height) / 2));
    card.ink(name, rtl ? width - margin - used - name.width : margin + used, height - band + Math.round((band - name.height) / 2), background);
    return card;
  });
  top.release();
  return Promise.all(cards.map((card) => card.jpeg(LAYOUT.quality)));
}
