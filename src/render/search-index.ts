import { createHash } from 'node:crypto';
import { existsSync, promises as fs } from 'node:fs';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import * as pagefind from 'pagefind';
import pLimit from 'p-limit';
import { readRecord } from '../util/fs.js';
import { cachedBundle, prune } from './search-cache.js';
import { ARCHIVE_FOLDERS, DELTA_FOLDER, SEARCH_BUNDLE, keptArchive, place, unplace, writeDelta, type DeltaFile } from './search-place.js';

export { DELTA_FILE, DELTA_FOLDER, SEARCH_BUNDLE, type DeltaFile } from './search-place.js';
import { packageVersion } from '../util/package-version.js';
import { textDigestOf } from '../store/markdown.js';
import { sha256Repeated } from '../util/hash.js';

const pagefindVersion = packageVersion('pagefind');
/**
 * Bump when the records' shape or digest changes, so a cached index is rebuilt (a record whose digest
 * changed while Pagefind's page stayed the same would be superseded by itself and found by no search).
 */
const RECORD_REVISION = 2;
/** What a cached bundle was made by: an archive of another Pagefind or record shape is not reused. */
const BUNDLE_KEY = `${pagefindVersion}/${RECORD_REVISION}`;
/** An article as the search index sees it: one Pagefind record, built from what the pipeline already holds. */
export interface SearchArticle {
  url: string;
  /** The article's language (ISO 639-1): Pagefind keeps one index per language and stems by it. */
  language: string;
  title: string;
  /** Publication date as written (ISO 8601). */
  date: string;
  /** Plain text that is searched: headline, dek, authors, lead caption, dateline and body. */
  content: string;
  /** What identifies the record (see `searchArticle`); computed from the fields when absent. */
  digest?: string;
}

/** What of an article the search record is made of. */
export interface SearchSource {
  url: string;
  lang: string;
  title: string;
  summary?: string;
  date: string;
  authorList: { name: string }[];
  image?: { caption?: string };
  /** The place line printed before the body ("AMMAN —"). */
  dateline?: string;
  content: { text: string; title?: string; summary?: string };
}

/** The last text each record's digest was made from, by URL (the preview hashes only records that changed). */
const recordTexts = new Map<string, { text: string; hash: string }>();

/**
 * The search record of an article: the text a reader sees on its page, taken from memory (no HTML
 * is read back). Its digest is made from the body text's digest, so the body text — kept in a
 * file of the content store — is read only for a record that goes into a new bundle.
 */
export function searchArticle(a: SearchSource): SearchArticle {
  const title = a.content.title ?? a.title;
  const head = [title, a.content.summary ?? a.summary, a.authorList.map((p) => p.name).join(', '), a.image?.caption, a.dateline].filter(Boolean).join('\n');
  const textDigest = textDigestOf(a.content);
  const digest = sha256Repeated(recordTexts, a.url, `${a.url}\0${a.lang}\0${title}\0${a.date}\0${head}\0${textDigest}`).slice(0, 32);
  let content: string | undefined;
  const record = { url: a.url, language: a.lang, title, date: a.date, digest } as SearchArticle;
  Object.defineProperty(record, 'content', {
    enumerable: true,
    get: () => (content ??= [head, a.content.text].filter(Boolean).join('\n')),
  });
  return record;
}

/** The archive bundle a cache folder holds: its id and, per URL, the record's digest and Pagefind's page id. */
interface ArchiveRecord {
  version: 1;
  key: string;
  id: string;
  records: Record<string, [digest: string, page: string]>;
}

/** How many changed, new or removed records the delta may hold before the archive is rebuilt. */
export function deltaLimit(articles: number): number {
  return Math.max(50, Math.ceil(articles * 0.02));
}

/** A record's digest: the one `searchArticle` made, else (a record built by hand) a hash of its fields. */
function digestOf(a: SearchArticle): string {
  if (a.digest) return a.digest;
  // Each field fed to the hash as it is (no JSON of the body), a NUL after each: no field holds one.
  return createHash('sha256').update(a.url).update('\0').update(a.language).update('\0').update(a.title).update('\0').update(a.date).update('\0').update(a.content).digest('hex').slice(0, 32);
}

function idOf(parts: Iterable<string>): string {
  const hash = createHash('sha256').update(`${BUNDLE_KEY}\0`);
  for (const p of parts) hash.update(p).update('\0');
  return hash.digest('hex').slice(0, 24);
}

/** Records sent to Pagefind before it has answered. */
const IN_FLIGHT = 32;

/** Indexes the records into a new bundle at `target` with Pagefind's Node API. */
async function indexRecords(articles: SearchArticle[], target: string): Promise<void> {
  try {
    const { index, errors } = await pagefind.createIndex({});
    if (!index) throw new Error(`Pagefind could not start: ${errors.join('; ')}`);
    // A few records in flight at a time: each message is the record's text in JSON and base64, and
    // Pagefind takes them one by one, so sending every record at once only held them all in memory
    // (~400 MB at 10,000 articles) while Pagefind caught up; as fast either way.
    const limit = pLimit(IN_FLIGHT);
    const added = await Promise.all(
      articles.map((a) => limit(() => index.addCustomRecord({ url: a.url, content: a.content, language: a.language, meta: { title: a.title, date: a.date } }))),
    );
    const failed = added.findIndex((r) => r.errors.length > 0);
    if (failed >= 0) throw new Error(`Pagefind could not index ${articles[failed]!.url}: ${added[failed]!.errors.join('; ')}`);
    const w = await index.writeFiles({ outputPath: target });
    if (w.errors.length) throw new Error(`Pagefind could not write its index: ${w.errors.join('; ')}`);
    await index.deleteIndex();
  } finally {
    await pagefind.close();
  }
}

/** What Pagefind keeps of a record in a bundle's fragment files. */
export interface Fragment {
  url: string;
  content: string;
  meta: Record<string, string>;
}

/** Every record of a bundle by Pagefind page id, read from its fragments (one file a page, or grouped). */
export async function readFragments(bundle: string): Promise<Map<string, Fragment>> {
  const out = new Map<string, Fragment>();
  const dir = path.join(bundle, 'fragment');
  for (const name of await fs.readdir(dir).catch(() => [] as string[])) {
    if (!name.endsWith('.pf_fragment')) continue;
    const raw = gunzipSync(await fs.readFile(path.join(dir, name))).toString('utf8');
    const data = JSON.parse(raw.startsWith('pagefind_dcd') ? raw.slice('pagefind_dcd'.length) : raw) as Record<string, unknown>;
    if (typeof data.url === 'string') out.set(name.slice(0, -'.pf_fragment'.length), data as unknown as Fragment);
    else for (const [id, fragment] of Object.entries(data)) if (typeof (fragment as Fragment | null)?.url === 'string') out.set(id, fragment as Fragment);
  }
  return out;
}

/** Pagefind's page id of every record in a bundle, by URL. */
async function pageIds(bundle: string): Promise<Map<string, string>> {
  return new Map([...(await readFragments(bundle))].map(([id, f]) => [f.url, id]));
}

export interface SearchIndexResult {
  /** Articles a reader can find. */
  pages: number;
  /** Records given to Pagefind by this run (0 when every bundle came from the cache). */
  indexed: number;
  /** Records served from the small delta bundle rather than the archive. */
  delta: number;
  /** Folders of the archive kept from the published output (`options.previous`), moved into the new output when it is published, and their files (relative to the output). */
  carried?: { dirs: string[]; files: string[] };
}

/**
 * Builds the static search index (Pagefind) of the published articles into `/pagefind/`: drafts
 * and embargoed stories are never among them, so they can never be found. Records come from
 * memory (no HTML is read back).
 *
 * Two tiers, so an edit does not re-index the archive: the archive bundle (every record when it
 * was built, one index per language, so results are ranked against the whole archive) and a
 * delta bundle of the records added or changed since, at `/pagefind/delta/`. `/pagefind/delta.json`
 * names the delta and the archive records it supersedes; the search page merges the two with
 * Pagefind's `mergeIndex` and drops superseded results. When the delta would exceed
 * {@link deltaLimit}, the archive is rebuilt and the delta is empty again. Without a cache folder
 * (nothing to build a delta against) the archive holds every record.
 */
export async function buildSearchIndex(outDir: string, articles: SearchArticle[], options: { cacheDir?: string; previous?: string } = {}): Promise<SearchIndexResult> {
  const sorted = [...articles].sort((a, b) => (a.url < b.url ? -1 : a.url > b.url ? 1 : 0));
  const byUrl = new Map(sorted.map((a) => [a.url, digestOf(a)]));
  const target = path.join(outDir, SEARCH_BUNDLE);
  const cacheDir = options.cacheDir && (await fs.mkdir(options.cacheDir, { recursive: true }).then(() => true, () => false)) ? options.cacheDir : undefined;
  const emptyDelta: DeltaFile = { bundle: null, languages: [], superseded: [] };

  if (!cacheDir) {
    unplace(target);
    await fs.rm(target, { recursive: true, force: true });
    await indexRecords(sorted, target);
    await writeDelta(target, emptyDelta);
    return { pages: sorted.length, indexed: sorted.length, delta: 0 };
  }

  const archivePath = path.join(cacheDir, 'archive.json');
  let archive = await readRecord<ArchiveRecord>(archivePath, 'records');
  if (archive && (archive.key !== BUNDLE_KEY || !existsSync(path.join(cacheDir, archive.id, '.complete')))) archive = undefined;
  const changed = archive ? sorted.filter((a) => archive!.records[a.url]?.[0] !== byUrl.get(a.url)) : sorted;
  const superseded = archive ? Object.entries(archive.records).filter(([url, [digest]]) => byUrl.get(url) !== digest).map(([, [, page]]) => page) : [];
  const gone = archive ? Object.keys(archive.records).filter((url) => !byUrl.has(url)).length : 0;
  let indexed = 0;

  if (!archive || changed.length + gone > deltaLimit(sorted.length)) {
    // The archive is (re)built from every record; the delta is empty.
    const id = idOf(sorted.map((a) => `${a.url}\0${byUrl.get(a.url)}`));
    const bundle = await cachedBundle(cacheDir, id, sorted, indexRecords);
    if (bundle.built) indexed = sorted.length;
    const ids = await pageIds(bundle.dir);
    const records: ArchiveRecord['records'] = {};
    for (const a of sorted) records[a.url] = [byUrl.get(a.url)!, ids.get(a.url) ?? ''];
    archive = { version: 1, key: BUNDLE_KEY, id, records };
    await fs.writeFile(`${archivePath}.tmp-${process.pid}`, JSON.stringify(archive));
    await fs.rename(`${archivePath}.tmp-${process.pid}`, archivePath);
    await place(target, bundle.dir, id, undefined, emptyDelta);
    await prune(cacheDir, new Set([id]));
    return { pages: sorted.length, indexed, delta: 0 };
  }

  // The archive stays; the records it lacks or holds in an older form go into the delta.
  let deltaDir: string | undefined;
  let deltaName: string | undefined;
  if (changed.length > 0) {
    deltaName = `delta-${idOf([archive.id, ...changed.map((a) => `${a.url}\0${byUrl.get(a.url)}`)])}`;
    const bundle = await cachedBundle(cacheDir, deltaName, changed, indexRecords);
    if (bundle.built) indexed = changed.length;
    deltaDir = bundle.dir;
  }
  const delta: DeltaFile = {
    bundle: deltaDir ? `${DELTA_FOLDER}/` : null,
    languages: [...new Set(changed.map((a) => a.language.toLowerCase()))].sort(),
    superseded: superseded.filter(Boolean).sort(),
  };
  // Over a published output holding this archive, its thousands of files stay where they are (moved in at publish), not linked again.
  const archiveDir = path.join(cacheDir, archive.id);
  const kept = await keptArchive(options.previous, archiveDir);
  await place(target, archiveDir, archive.id, deltaDir, delta, kept ? ARCHIVE_FOLDERS : []);
  await prune(cacheDir, new Set([archive.id, ...(deltaName ? [deltaName] : [])]));
  const carried = kept && { dirs: ARCHIVE_FOLDERS.map((f) => `pagefind/${f}`), files: kept.map((rel) => `pagefind/${rel}`) };
  return { pages: sorted.length, indexed, delta: changed.length, ...(carried ? { carried } : {}) };
}
