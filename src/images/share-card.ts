import { promises as fs } from 'node:fs';
import path from 'node:path';
import pLimit from 'p-limit';
import { loadSharp, sharpVersions, VERSIONS_FILE } from './sharp.js';
import { CardCanvas, rgbOf, type InkMask, type RgbaImage } from './card-canvas.js';
import { itemCounter, type ProgressReporter } from '../pipeline/progress.js';
import { sha256, sha256Repeated } from '../util/hash.js';
import { alreadyPlaced, encodedFileRecord, photoSetFrom, placeCachedSet, prunePhotoCache, readCachedSet, writeCacheEntry, writeMedia, type StoredSet } from './store.js';
import { openJsonIndex, type JsonIndex } from '../util/json-index.js';
import type { EncodedFile } from './encode.js';
import type { PhotoFile, PhotoSet } from './types.js';

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
const CARD_WIDTH = 1200;
/** The default theme's colours (public/css/site.css: --ink, white, --accent). */
export const CARD_COLORS = { background: '#16181d', text: '#ffffff', accent: '#a3161a' };
/** Layout and type; part of the cache key. */
const LAYOUT = { version: 6, margin: 72, band: 120, headlinePx: 76, sectionPx: 30, namePx: 32, quality: 86 } as const;

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
async function drawCards(req: CardRequest, width: number, heights: number[], logo: Buffer | undefined): Promise<Buffer[]> {
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

/** The cache key of a card: everything drawn on it, the logo's bytes, the layout and sharp's versions. */
function cardKey(req: CardRequest, logo: Buffer | undefined, tail: string): string {
  const { file: _file, article: _article, logo: _logo, ...drawn } = req;
  // The hash of `[drawn, logo hash, LAYOUT, CARD_SIZES, sharp.versions]` as JSON, with the parts every card shares written once.
  const text = `[${JSON.stringify(drawn)},${logo ? logoHash(logo) : 'null'},${tail}`;
  return sha256Repeated(lastKeys, req.file, text).slice(0, 24);
}

/** The last key text of each article's card: the preview's rebuilds hash only the cards that changed. */
const lastKeys = new Map<string, { text: string; hash: string }>();

/** The end of every card's key text: the layout, the sizes and sharp's versions (recorded, so sharp is not loaded to name cards it need not draw). */
async function cardKeyTail(cacheDir: string): Promise<string> {
  return JSON.stringify([LAYOUT, CARD_SIZES, await sharpVersions(path.join(cacheDir, VERSIONS_FILE))]).slice(1);
}
const logoHashes = new WeakMap<Buffer, string>();

/** The logo's hash as a JSON string, once per logo read. */
function logoHash(logo: Buffer): string {
  let h = logoHashes.get(logo);
  if (h === undefined) logoHashes.set(logo, (h = JSON.stringify(sha256(logo))));
  return h;
}

/** A card that could not be drawn: the request and what went wrong. */
export interface CardFailure {
  request: CardRequest;
  error: unknown;
}

/** Share cards being drawn. */
export interface ShareCards {
  /** A photo set per request's `file`: those in place at once, the others as each is done. */
  sets: Map<string, PhotoSet>;
  /** How many cards were still to draw or place when drawing began, and how many of them are done. */
  queued: number;
  finished: number;
  /** Settles (never rejects) when every card is in place or has failed, with the failures. */
  done: Promise<CardFailure[]>;
  /** Called as each queued card is done, from when it is set. */
  onDone?: () => void;
}

/**
 * Generated share cards for stories without a lead photo: a 1200×630 JPEG (Open Graph, X) and
 * 16:9, 4:3 and 1:1 versions (NewsArticle `image`), cached under `<cacheDir>/<key>/` like photo
 * sets and linked into `<outDir>/media/`. Gives a photo set per article file, with `share` and
 * `crops` filled; a card that cannot be drawn is a failure of its own, and the others are drawn.
 */
export async function startShareCards(requests: CardRequest[], options: { outDir: string; cacheDir: string }): Promise<ShareCards> {
  const sets = new Map<string, PhotoSet>();
  // Every story has its lead photo: no card to name, so neither the cache nor sharp's versions are read.
  if (requests.length === 0) return { sets, queued: 0, finished: 0, done: Promise.resolve([]) };
  const mediaDir = path.join(options.outDir, 'media');
  // Every card set of the cache listed in one file: thousands of cards found with one read.
  const index = await openJsonIndex<StoredSet>(path.join(options.cacheDir, 'index.json'));
  const tail = await cardKeyTail(options.cacheDir);
  const logoBytes = new Map<string, Buffer | undefined>();
  for (const file of new Set(requests.map((r) => r.logo))) if (file) logoBytes.set(file, await fs.readFile(file).catch(() => undefined));
  const queued: { req: CardRequest; key: string }[] = [];
  const keys = new Set<string>();
  for (const req of requests) {
    const key = cardKey(req, req.logo ? logoBytes.get(req.logo) : undefined, tail);
    keys.add(key);
    const known = index.get(key);
    // A card this process already placed (the preview's rebuilds) is found without a queued task.
    if (known && alreadyPlaced(path.join(options.cacheDir, known.hash), known, mediaDir)) sets.set(req.file, photoSetFrom(known, req.file, []));
    else queued.push({ req, key });
  }
  // sharp works on libuv's thread pool: a few cards at once keep both cores busy while Pango and the encoder wait.
  const limit = pLimit(CARD_CONCURRENCY);
  const failures: CardFailure[] = [];
  const cards: ShareCards = { sets, queued: queued.length, finished: 0, done: Promise.resolve([]) };
  const one = async ({ req, key }: (typeof queued)[number]) => {
    try {
      sets.set(req.file, photoSetFrom(await cardSet(req, key, req.logo ? logoBytes.get(req.logo) : undefined, options.cacheDir, mediaDir, index), req.file, []));
    } catch (error) {
      failures.push({ request: req, error });
    }
    cards.finished++;
    cards.onDone?.();
  };
  cards.done = Promise.all(queued.map((q) => limit(() => one(q))))
    // The requests are every card the site shows: the index lists those only, so it does not grow
    // with every headline ever edited and every earlier layout (their folders go with `dateline cache prune`).
    .then(() => index.retain(keys))
    .then(() => index.save())
    .catch(() => undefined)
    .then(() => failures);
  return cards;
}

/** The cache keys (folder names under `cacheDir`) of the requests' cards, drawn or not. */
export async function shareCardKeys(requests: CardRequest[], cacheDir: string): Promise<Set<string>> {
  const keys = new Set<string>();
  if (requests.length === 0) return keys;
  const tail = await cardKeyTail(cacheDir);
  const logos = new Map<string, Buffer | undefined>();
  for (const file of new Set(requests.map((r) => r.logo))) if (file) logos.set(file, await fs.readFile(file).catch(() => undefined));
  for (const req of requests) keys.add(cardKey(req, req.logo ? logos.get(req.logo) : undefined, tail));
  return keys;
}

/** Drops the card sets no request uses from the cache (folders and index); how many and how many bytes. */
export async function pruneShareCards(requests: CardRequest[], cacheDir: string): Promise<{ removed: number; bytes: number }> {
  const keys = await shareCardKeys(requests, cacheDir);
  const index = await openJsonIndex<StoredSet>(path.join(cacheDir, 'index.json'));
  index.retain(keys);
  await index.save();
  return prunePhotoCache(cacheDir, keys);
}

/** The cards of every request, drawn before it returns; throws when one cannot be drawn. */
export async function makeShareCards(requests: CardRequest[], options: { outDir: string; cacheDir: string; progress?: ProgressReporter }): Promise<Map<string, PhotoSet>> {
  const cards = await startShareCards(requests, options);
  cards.onDone = itemCounter(options.progress, cards.queued);
  const failures = await cards.done;
  if (failures.length) throw failures[0]!.error;
  return cards.sets;
}

/** Cards drawn at the same time. */
const CARD_CONCURRENCY = 4;

const CARD_KINDS = Object.entries(CARD_SIZES) as [keyof typeof CARD_SIZES, readonly [number, number]][];

const cardFileName = (key: string, kind: keyof typeof CARD_SIZES) => `${key.slice(0, 12)}-card-${kind}.jpg`;

/** One article's cards: from the cache when it holds them, else drawn and stored. */
async function cardSet(req: CardRequest, key: string, logo: Buffer | undefined, cacheDir: string, mediaDir: string, index: JsonIndex<StoredSet>): Promise<StoredSet> {
  const dir = path.join(cacheDir, key);
  const cached = index.get(key) ?? (await readCachedSet(dir));
  if (cached && (await placeCachedSet(dir, cached, mediaDir))) {
    index.set(key, cached);
    return cached;
  }
  const drawn = await drawCards(req, CARD_WIDTH, CARD_KINDS.map(([, [, h]]) => h), logo);
  const files: EncodedFile[] = CARD_KINDS.map(([kind, [w, h]], i) => ({ name: cardFileName(key, kind), data: drawn[i]!, width: w, height: h, type: 'image/jpeg' as const }));
  const made = Object.fromEntries(CARD_KINDS.map(([kind], i) => [kind, encodedFileRecord(files[i]!)])) as Record<keyof typeof CARD_SIZES, PhotoFile>;
  const stored: StoredSet = { hash: key, width: 1200, height: 630, avif: [], webp: [], jpeg: [], placeholder: '', color: req.colors?.background ?? CARD_COLORS.background, share: made.share, crops: { '16x9': made['16x9'], '4x3': made['4x3'], '1x1': made['1x1'] } };
  try {
    await writeCacheEntry(dir, files, stored);
    if (!(await placeCachedSet(dir, stored, mediaDir))) throw new Error('incomplete cache entry');
  } catch {
    await Promise.all(files.map((f) => writeMedia(mediaDir, f.name, f.data)));
  }
  index.set(key, stored);
  return stored;
}
