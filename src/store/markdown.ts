import { promises as fs, readFileSync } from 'node:fs';
import pLimit from 'p-limit';
import { markdownPipelineVersion, renderMarkdownSafely } from '../markdown/index.js';
import type { ArticleHtml, MarkdownInput } from '../markdown/types.js';
import type { MarkdownStats } from '../markdown/index.js';
import { sha256, sha256Repeated } from '../util/hash.js';
import { writeAtomic } from '../util/fs.js';
import type { ContentStore } from './content-store.js';
import { htmlPath } from './format.js';
import type { StoredMarkdown, StoreEntry } from './types.js';

/** A body to render: its input (read lazily: a stored result needs no body) and its store entry. */
export interface MarkdownJob {
  input: () => MarkdownInput;
  /** Every input but the body, whose identity is the entry's digest. */
  key: Omit<MarkdownInput, 'body'>;
  entry: StoreEntry | undefined;
}

/** What the Markdown of an article or page is rendered with, besides its body (the title and dek are typeset with it). */
export function markdownKey(doc: { file: string; bodyLine: number; lang: string; title?: string; summary?: string }, wordsPerMinute: number): MarkdownJob['key'] {
  return {
    file: doc.file,
    bodyLine: doc.bodyLine,
    lang: doc.lang,
    wordsPerMinute,
    ...(doc.title ? { title: doc.title } : {}),
    ...(doc.summary ? { summary: doc.summary } : {}),
  };
}

/** The HTML digest and metadata of each result, so a page's key can name its HTML without reading it. */
interface Identity {
  digest: string;
  /** SHA-256 of the plain text. */
  textDigest: string;
  meta: Omit<ArticleHtml, 'html' | 'text'>;
  embeds: boolean;
  frames: boolean;
  /** See `resultName`; made when first asked for and kept in the stored result. */
  name?: string;
  stored?: { record: StoredMarkdown; store: ContentStore; entry: StoreEntry };
}
const identities = new WeakMap<ArticleHtml, Identity>();

/** The marker remark-embed leaves for a preview still waiting for its poster. */
const EMBED_MARKER = 'data-embed-poster=';
/** The attribute holding an embed's player URL. */
const FRAME_MARKER = 'data-embed-src=';

/** False when the result is known to hold no embed preview (so its HTML need not be read to find out). */
export function mayHoldEmbeds(result: ArticleHtml): boolean {
  return identities.get(result)?.embeds ?? true;
}

/** False when the result is known to hold no embed player (so its HTML need not be read to find their origins). */
export function mayHoldFrames(result: ArticleHtml): boolean {
  return identities.get(result)?.frames ?? true;
}

/**
 * A result's name for page keys: a hash of its HTML's digest and its metadata, so a key names
 * the HTML without reading it. Kept in the store, so a fresh process does not hash every result's
 * metadata again (undefined for a result not made here).
 */
export function resultName(result: ArticleHtml): string | undefined {
  const id = identities.get(result);
  if (!id) return undefined;
  if (id.name === undefined) {
    id.name = nameOf(id.digest, id.textDigest, id.meta);
    if (id.stored && id.stored.record.name !== id.name) {
      id.stored.record.name = id.name;
      id.stored.store.touch(id.stored.entry);
    }
  }
  return id.name;
}

function nameOf(digest: string, textDigest: string, meta: Omit<ArticleHtml, 'html' | 'text'>): string {
  return `markdown:${sha256(`${digest}:${textDigest}:${JSON.stringify(meta)}`)}`;
}

/** SHA-256 of a result's plain text, known without reading it for a stored result. */
export function textDigestOf(result: Pick<ArticleHtml, 'text'>): string {
  const id = identities.get(result as ArticleHtml);
  return id ? id.textDigest : sha256(result.text);
}

/** The key of a result: the Markdown pipeline's own version (plugins and their packages) and the inputs, not the whole program. */
function keyOf(job: MarkdownJob): string {
  const k = job.key;
  const text = JSON.stringify([markdownPipelineVersion(), k.file, k.bodyLine, k.lang, k.wordsPerMinute, k.title ?? null, k.summary ?? null, job.entry?.digest ?? sha256(job.input().body)]);
  return job.entry ? sha256Repeated(lastKeys, job.entry, text) : sha256(text);
}

/** The last key text of each entry: the preview's rebuilds hash only the keys that changed. */
const lastKeys = new WeakMap<StoreEntry, { text: string; hash: string }>();

function metaOf(result: ArticleHtml): Omit<ArticleHtml, 'html' | 'text'> {
  const { html: _html, text: _text, ...meta } = result;
  return meta;
}

/**
 * Texts lately read back from the store's files, by digest. A result's HTML is read by the page or
 * two that show it, close together, so a few hundred are kept rather than every one the build has
 * read (which held the whole archive's HTML in memory by the end of a build that renders every page).
 */
const recent = new Map<string, string>();
const RECENT = 256;

function readKept(store: ContentStore, digest: string): string | undefined {
  const hit = recent.get(digest);
  if (hit !== undefined) {
    recent.delete(digest);
    recent.set(digest, hit);
    return hit;
  }
  let text: string;
  try {
    text = readFileSync(htmlPath(store.dir!, digest), 'utf8');
  } catch {
    return undefined;
  }
  recent.set(digest, text);
  if (recent.size > RECENT) recent.delete(recent.keys().next().value!);
  return text;
}

/** Reads a file the store keeps by digest whenever asked, or gives `otherwise()` (kept) when it is gone. */
function lazyFile(store: ContentStore, digest: string, otherwise: () => string): () => string {
  let fallback: string | undefined;
  return () => fallback ?? readKept(store, digest) ?? (fallback = otherwise());
}

/** Makes a result's HTML or text a property read through `get` (from the store's files) rather than held. */
function readFrom(result: ArticleHtml, field: 'html' | 'text', get: () => string): void {
  Object.defineProperty(result, field, { enumerable: true, configurable: true, get });
}

/** Writes a file the store keeps by digest unless it is there; false when it cannot be written. */
async function keepFile(dir: string, digest: string, text: string): Promise<boolean> {
  const file = htmlPath(dir, digest);
  if (await fs.stat(file).then(() => true, () => false)) return true;
  return writeAtomic(file, text).then(() => true, () => false);
}

/** A stored result: metadata at once, HTML read from its file when first used (rendered again if that file is gone). */
function stored(store: ContentStore, job: MarkdownJob, moveText?: (s: StoredMarkdown, digest: string, text: string, entry: StoreEntry) => void): ArticleHtml {
  const s = job.entry!.markdown!;
  const kept = resultOf.get(s);
  if (kept && identities.get(kept)?.stored?.store === store) return kept;
  const { text: oldText, ...meta } = s.meta;
  const result = { ...meta } as ArticleHtml;
  const again = () => renderMarkdownSafely(job.input());
  const html = s.html !== undefined ? () => s.html! : lazyFile(store, s.htmlDigest, () => again().html);
  readFrom(result, 'html', html);
  let textDigest = s.textDigest;
  if (oldText !== undefined) {
    // Kept in the entry (a store without a folder, or an entry made before texts were kept apart: moved out once it is written).
    result.text = oldText;
    textDigest ??= sha256(oldText);
    if (store.dir && s.textDigest === undefined) moveText?.(s, textDigest, oldText, job.entry!);
  } else readFrom(result, 'text', lazyFile(store, textDigest!, () => again().text));
  identities.set(result, { digest: s.htmlDigest, textDigest: textDigest!, meta, embeds: s.embeds ?? true, frames: s.frames ?? true, ...(s.name ? { name: s.name } : {}), stored: { record: s, store, entry: job.entry! } });
  resultOf.set(s, result);
  return result;
}

/**
 * The result made from each stored record: a process that builds again (the preview) gets the
 * same object for an unchanged body, so what was derived from it (article views, page keys) is kept.
 */
const resultOf = new WeakMap<StoredMarkdown, ArticleHtml>();

/**
 * Results for every job, in order: from the store when its entry holds a result with the same
 * key, else rendered by `render` (the worker pool) and recorded in the entry, the HTML written
 * to a file named by its digest. `render` may hand each result to `each` as it is made (by its
 * index in the inputs), so results are kept while it renders the rest.
 */
export async function markdownWithStore(
  store: ContentStore,
  jobs: MarkdownJob[],
  render: (inputs: MarkdownInput[], each: (j: number, result: ArticleHtml) => void) => Promise<ArticleHtml[]>,
): Promise<{ results: ArticleHtml[]; stats: MarkdownStats }> {
  const results: ArticleHtml[] = new Array(jobs.length);
  const keys = jobs.map(keyOf);
  const missing: number[] = [];
  // Entries made before texts were kept apart: each text is moved to a file of its own, once.
  const moves: Promise<void>[] = [];
  const limit = pLimit(16);
  const moveText = (s: StoredMarkdown, digest: string, text: string, entry: StoreEntry) =>
    void moves.push(
      limit(async () => {
        if (!(await keepFile(store.dir!, digest, text)) || s.meta.text !== text) return;
        delete s.meta.text;
        s.textDigest = digest;
        store.touch(entry);
      }),
    );
  jobs.forEach((job, i) => {
    if (job.entry?.markdown?.key === keys[i]) results[i] = stored(store, job, moveText);
    else missing.push(i);
  });
  await Promise.all(moves);
  let unwritable = 0;
  const keep = async (i: number, result: ArticleHtml): Promise<void> => {
    results[i] = result;
    const digest = sha256(result.html);
    const textDigest = sha256(result.text);
    const meta = metaOf(result);
    const embeds = result.html.includes(EMBED_MARKER);
    const frames = result.html.includes(FRAME_MARKER);
    const name = nameOf(digest, textDigest, meta);
    identities.set(result, { digest, textDigest, meta, embeds, frames, name });
    const entry = jobs[i]!.entry;
    // A failure inside dateline is retried on the next build rather than remembered.
    if (!entry || result.diagnostics.some((d) => d.ruleId === 'internal:article-failed')) return;
    if (store.dir) {
      // The HTML and the text in files of their own: the records hold what every build reads.
      if (!(await keepFile(store.dir, digest, result.html)) || !(await keepFile(store.dir, textDigest, result.text))) {
        unwritable++;
        return;
      }
      entry.markdown = { key: keys[i]!, meta, htmlDigest: digest, textDigest, embeds, frames, name };
      // Read back from those files when used, like a stored result: a first build does not hold
      // the whole archive's HTML and text while it makes photos and renders.
      // Rendered again should the files be gone meanwhile (holding the strings for that case would undo it).
      const again = () => renderMarkdownSafely(jobs[i]!.input());
      readFrom(result, 'html', lazyFile(store, digest, () => again().html));
      readFrom(result, 'text', lazyFile(store, textDigest, () => again().text));
    } else entry.markdown = { key: keys[i]!, meta: { ...meta, text: result.text }, htmlDigest: digest, embeds, frames, name, html: result.html };
    identities.get(result)!.stored = { record: entry.markdown, store, entry };
    resultOf.set(entry.markdown, result);
    store.touch(entry);
  };
  // Each result is kept as it comes back, while the pool renders the next ones (kept after them,
  // the files of a cold build at 4,000 articles were a third of the stage).
  const writes: Promise<void>[] = [];
  const kept = new Set<number>();
  const each = (j: number, result: ArticleHtml) => {
    if (kept.has(j)) return;
    kept.add(j);
    writes.push(keep(missing[j]!, result));
  };
  const fresh = missing.length ? await render(missing.map((i) => jobs[i]!.input()), each) : [];
  fresh.forEach((result, j) => each(j, result));
  await Promise.all(writes);
  const stats: MarkdownStats = { processed: missing.length, cached: jobs.length - missing.length };
  if (unwritable) stats.unwritable = unwritable;
  return { results, stats };
}
