import { existsSync, promises as fs } from 'node:fs';
import path from 'node:path';
import { sha256 } from '../util/hash.js';
import { writeAtomic } from '../util/fs.js';

/** What is kept of a provider's oEmbed answer for one embed. */
export interface OembedEntry {
  /** When it was asked (ISO 8601). */
  fetched: string;
  /** False when the provider could not be reached or gave no usable answer. */
  ok: boolean;
  title?: string;
  /** File name of the downloaded thumbnail, next to the entry in the cache. */
  thumbnail?: string;
}

/** Options of the oEmbed look-up. */
export interface OembedOptions {
  /** Directory of the cache, e.g. `<root>/.cache/embeds`. */
  cacheDir: string;
  /** False: answer from the cache only (no network at all). */
  network: boolean;
  /** Replaces each endpoint's origin (scheme, host, port), e.g. a local server in tests. */
  base?: string;
  /** Milliseconds before a request is given up. */
  timeoutMs?: number;
}

/** A failed look-up is asked again after this long. */
const RETRY_AFTER_MS = 24 * 60 * 60 * 1000;
const MAX_THUMBNAIL_BYTES = 5 * 1024 * 1024;
const EXTENSIONS: Record<string, string> = { 'image/jpeg': 'jpg', 'image/png': 'png', 'image/webp': 'webp', 'image/avif': 'avif' };

/** The endpoint with its origin replaced by `base` (path and query kept). */
export function rebase(endpoint: string, base: string | undefined): string {
  if (!base) return endpoint;
  const u = new URL(endpoint);
  return base.replace(/\/+$/, '') + u.pathname + u.search;
}

async function readEntry(file: string): Promise<OembedEntry | undefined> {
  try {
    return JSON.parse(await fs.readFile(file, 'utf8')) as OembedEntry;
  } catch {
    return undefined;
  }
}

async function download(url: string, timeoutMs: number): Promise<Response> {
  const response = await fetch(url, { signal: AbortSignal.timeout(timeoutMs), redirect: 'follow', headers: { accept: 'application/json, image/*' } });
  if (!response.ok) throw new Error(`HTTP ${response.status}`);
  return response;
}

/** Asks the endpoint and downloads the thumbnail it names; any failure is a negative entry. */
async function ask(endpoint: string, key: string, options: OembedOptions): Promise<OembedEntry> {
  const timeoutMs = options.timeoutMs ?? 5000;
  const entry: OembedEntry = { fetched: new Date().toISOString(), ok: false };
  try {
    const answer = (await (await download(rebase(endpoint, options.base), timeoutMs)).json()) as Record<string, unknown>;
    entry.ok = true;
    if (typeof answer.title === 'string' && answer.title.trim()) entry.title = answer.title.trim();
    const thumb = typeof answer.thumbnail_url === 'string' ? answer.thumbnail_url : undefined;
    if (thumb && /^https?:\/\//.test(thumb)) {
      const image = await download(thumb, timeoutMs);
      const ext = EXTENSIONS[(image.headers.get('content-type') ?? '').split(';')[0]!.trim()];
      const bytes = new Uint8Array(await image.arrayBuffer());
      if (ext && bytes.length > 0 && bytes.length <= MAX_THUMBNAIL_BYTES) {
        entry.thumbnail = `${key}.${ext}`;
        await writeAtomic(path.join(options.cacheDir, entry.thumbnail), bytes);
      }
    }
  } catch {
    // Unreachable, slow or malformed: the preview keeps its neutral placeholder.
  }
  return entry;
}

/**
 * A provider's oEmbed answer for one endpoint URL, from the cache under `cacheDir` or (when
 * `network` is on) asked once and cached, thumbnail included. Never throws: without an answer
 * the result is undefined or a negative entry.
 */
export async function lookUpOembed(endpoint: string, options: OembedOptions): Promise<OembedEntry | undefined> {
  const key = sha256(endpoint).slice(0, 32);
  const file = path.join(options.cacheDir, `${key}.json`);
  const cached = await readEntry(file);
  // A thumbnail removed from the cache (by hand or by pruning) is fetched again with its entry.
  const lost = Boolean(cached?.thumbnail && !existsSync(path.join(options.cacheDir, cached.thumbnail)));
  if (lost) delete cached!.thumbnail;
  const fresh = cached && !lost && (cached.ok || Date.now() - Date.parse(cached.fetched) < RETRY_AFTER_MS);
  if (fresh || !options.network) return cached;
  const entry = await ask(endpoint, key, options);
  try {
    await writeAtomic(file, JSON.stringify(entry));
  } catch {
    // An unwritable cache only means asking again next time.
  }
  return entry;
}

/** Absolute path of a cached thumbnail. */
export function thumbnailPath(options: Pick<OembedOptions, 'cacheDir'>, entry: OembedEntry): string | undefined {
  return entry.thumbnail ? path.join(options.cacheDir, entry.thumbnail) : undefined;
}
