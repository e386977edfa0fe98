import { promises as fs } from 'node:fs';
import path from 'node:path';
import pLimit from 'p-limit';
import { sharpVersions, VERSIONS_FILE } from './sharp.js';
import { CARD_COLORS, CARD_SIZES, CARD_WIDTH, drawCards, LAYOUT, type CardRequest } from './card-draw.js';
import { itemCounter, type ProgressReporter } from '../pipeline/progress.js';
import { sha256, sha256Repeated } from '../util/hash.js';
import { alreadyPlaced, encodedFileRecord, photoSetFrom, placeCachedSet, prunePhotoCache, readCachedSet, writeCacheEntry, writeMedia, type StoredSet } from './store.js';
import { openJsonIndex, type JsonIndex } from '../util/json-index.js';
import type { EncodedFile } from './encode.js';
import type { PhotoFile, PhotoSet } from './types.js';

export { CARD_COLORS, CARD_SIZES, type CardRequest } from './card-draw.js';

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
  const { keys, logos } = await keyed(requests, options.cacheDir);
  const queued: { req: CardRequest; key: string }[] = [];
  requests.forEach((req, i) => {
    const key = keys[i]!;
    const known = index.get(key);
    // A card this process already placed (the preview's rebuilds) is found without a queued task.
    if (known && alreadyPlaced(path.join(options.cacheDir, known.hash), known, mediaDir)) sets.set(req.file, photoSetFrom(known, req.file, []));
    else queued.push({ req, key });
  });
  // sharp works on libuv's thread pool: a few cards at once keep both cores busy while Pango and the encoder wait.
  const limit = pLimit(CARD_CONCURRENCY);
  const failures: CardFailure[] = [];
  const cards: ShareCards = { sets, queued: queued.length, finished: 0, done: Promise.resolve([]) };
  const one = async ({ req, key }: (typeof queued)[number]) => {
    try {
      sets.set(req.file, photoSetFrom(await cardSet(req, key, req.logo ? logos.get(req.logo) : undefined, options.cacheDir, mediaDir, index), req.file, []));
    } catch (error) {
      failures.push({ request: req, error });
    }
    cards.finished++;
    cards.onDone?.();
  };
  cards.done = Promise.all(queued.map((q) => limit(() => one(q))))
    // The requests are every card the site shows: the index lists those only, so it does not grow
    // with every headline ever edited and every earlier layout (their folders go with `dateline cache prune`).
    .then(() => index.retain(new Set(keys)))
    .then(() => index.save())
    .catch(() => undefined)
    .then(() => failures);
  return cards;
}

/** Each request's card key (its folder's name under `cacheDir`), and the logos read to make them. */
async function keyed(requests: CardRequest[], cacheDir: string): Promise<{ keys: string[]; logos: Map<string, Buffer | undefined> }> {
  const logos = new Map<string, Buffer | undefined>();
  if (requests.length === 0) return { keys: [], logos };
  const tail = await cardKeyTail(cacheDir);
  for (const file of new Set(requests.map((r) => r.logo))) if (file) logos.set(file, await fs.readFile(file).catch(() => undefined));
  return { keys: requests.map((req) => cardKey(req, req.logo ? logos.get(req.logo) : undefined, tail)), logos };
}

/** Drops the card sets no request uses from the cache (folders and index); how many and how many bytes. */
export async function pruneShareCards(requests: CardRequest[], cacheDir: string): Promise<{ removed: number; bytes: number }> {
  const keys = new Set((await keyed(requests, cacheDir)).keys);
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
