import { createHash } from 'node:crypto';
import { existsSync, promises as fs } from 'node:fs';
import path from 'node:path';
import * as pagefind from 'pagefind';
import { linkFiles, listFiles } from '../util/fs.js';
import { packageVersion } from '../util/package-version.js';

const pagefindVersion = packageVersion('pagefind');
/** Bump when the records' shape changes, so a cached index is rebuilt. */
const RECORD_REVISION = 1;
/** Bundles this process placed, by target folder: a preview built in place keeps an unchanged bundle as it is. */
const placed = new Map<string, string>();
/** Where the search page loads the index from. */
export const SEARCH_BUNDLE = '/pagefind/';

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

/** The search record of an article: the text a reader sees on its page, taken from memory (no HTML is read back). */
export function searchArticle(a: SearchSource): SearchArticle {
  const title = a.content.title ?? a.title;
  const parts = [title, a.content.summary ?? a.summary, a.authorList.map((p) => p.name).join(', '), a.image?.caption, a.dateline, a.content.text];
  return { url: a.url, language: a.lang, title, date: a.date, content: parts.filter(Boolean).join('\n') };
}

/** Indexes the records into a new bundle at `target` with Pagefind's Node API. */
async function indexRecords(articles: SearchArticle[], target: string): Promise<void> {
  const { index, errors } = await pagefind.createIndex({});
  if (!index) throw new Error(`Pagefind could not start: ${errors.join('; ')}`);
  const added = await Promise.all(
    articles.map((a) => index.addCustomRecord({ url: a.url, content: a.content, language: a.language, meta: { title: a.title, date: a.date } })),
  );
  const failed = added.findIndex((r) => r.errors.length > 0);
  if (failed >= 0) throw new Error(`Pagefind could not index ${articles[failed]!.url}: ${added[failed]!.errors.join('; ')}`);
  const w = await index.writeFiles({ outputPath: target });
  if (w.errors.length) throw new Error(`Pagefind could not write its index: ${w.errors.join('; ')}`);
  await index.deleteIndex();
}

/** Places a bundle (without the cache's completion marker) into the site. */
async function linkTree(from: string, to: string): Promise<void> {
  await linkFiles(from, to, (await listFiles(from)).filter((rel) => rel !== '.complete'));
}

/**
 * Builds the static search index (Pagefind) of the published articles into `/pagefind/`: drafts
 * and embargoed stories are never among them, so they can never be found. One index for the
 * whole site (one per language inside it), so every result contains every query word and is
 * ranked against the whole archive. Records come from memory; the bundle is cached by a hash of
 * every record, so an unchanged set of articles costs one hash and a set of links.
 */
export async function buildSearchIndex(outDir: string, articles: SearchArticle[], options: { cacheDir?: string } = {}): Promise<{ pages: number; cached: boolean; indexed: number }> {
  const sorted = [...articles].sort((a, b) => (a.url < b.url ? -1 : a.url > b.url ? 1 : 0));
  const hash = createHash('sha256').update(`${pagefindVersion}\0${RECORD_REVISION}\0`);
  for (const a of sorted) hash.update(JSON.stringify([a.url, a.language, a.title, a.date, a.content])).update('\0');
  const target = path.join(outDir, SEARCH_BUNDLE);
  const id = hash.digest('hex');
  // Built in place (the preview), the folder may already hold this very bundle, or an older one to replace.
  if (placed.get(target) === id && existsSync(path.join(target, 'pagefind-entry.json'))) return { pages: articles.length, cached: true, indexed: 0 };
  placed.delete(target);
  await fs.rm(target, { recursive: true, force: true });
  const cacheDir = options.cacheDir && (await fs.mkdir(options.cacheDir, { recursive: true }).then(() => true, () => false)) ? options.cacheDir : undefined;
  const cached = cacheDir ? path.join(cacheDir, id.slice(0, 24)) : undefined;
  if (cached && existsSync(path.join(cached, '.complete'))) {
    await linkTree(cached, target);
    placed.set(target, id);
    return { pages: articles.length, cached: true, indexed: 0 };
  }
  const fresh = cached ? `${cached}.tmp-${process.pid}` : target;
  await fs.rm(fresh, { recursive: true, force: true });
  try {
    await indexRecords(sorted, fresh);
  } finally {
    await pagefind.close();
  }
  if (cached) {
    try {
      await fs.writeFile(path.join(fresh, '.complete'), '');
      await fs.rm(cached, { recursive: true, force: true });
      await fs.rename(fresh, cached);
      await linkTree(cached, target);
    } catch {
      // Without a cache entry the bundle is placed from the fresh copy; the next build indexes it again.
      await linkTree(fresh, target);
      await fs.rm(fresh, { recursive: true, force: true });
    }
  }
  placed.set(target, id);
  return { pages: articles.length, cached: false, indexed: articles.length };
}
