import path from 'node:path';
import { diagnose } from '../errors/diagnostics.js';
import { fileFailure } from '../errors/guard.js';
import type { Diagnostic } from '../errors/types.js';
import { ContentStore } from '../store/content-store.js';
import type { SlugStyle } from '../util/slug.js';
import { readDocument, readYamlFile } from './read-document.js';
import { checkSlug } from './slug.js';
import type { LoadedContent, SourceArticle, SourceAuthor, SourceDocument, SourcePage } from './types.js';

export type { LoadedContent, SourceArticle, SourceAuthor, SourcePage } from './types.js';

/** Reads one document; an exception while reading it is that file's error, not the run's. */
async function readSafely(abs: string, file: string, source: Parameters<typeof readDocument>[2]): Promise<SourceDocument> {
  try {
    return await readDocument(abs, file, source);
  } catch (err) {
    return { file, absPath: abs, hash: '', frontMatter: null, body: '', bodyLine: 1, diagnostics: [fileFailure(file, 'reading', err)] };
  }
}

/**
 * Finds and reads every article bundle, static page and author under `<root>/content`. With a
 * store (already scanned), a file whose entry holds its parsed front matter is not read again;
 * without one, a store is opened in `cacheDir` (or kept in memory) and scanned first.
 */
export async function loadContent(root: string, options: { cacheDir?: string; store?: ContentStore; slugs?: SlugStyle } = {}): Promise<LoadedContent> {
  const contentDir = path.join(root, 'content');
  const store = options.store ?? (await ContentStore.open(options.cacheDir));
  if (!options.store) await store.scan(contentDir);
  const diagnostics: Diagnostic[] = [];
  const files = store.files();
  const stats = { read: 0, parsed: 0 };
  const source = (rel: string) => {
    const entry = store.get(rel);
    if (!entry?.doc) {
      stats.read++;
      // Parsed now: saved with its parse.
      store.touch(rel);
    }
    const bytes = store.takeBytes(rel);
    return { ...(entry ? { entry } : {}), ...(bytes ? { bytes } : {}) };
  };
  const project = (rel: string) => `content/${rel}`;

  const articleFiles: string[] = [];
  for (const rel of files) {
    if (!rel.startsWith('articles/') || !rel.endsWith('.md')) continue;
    const parts = rel.split('/').slice(1);
    const ok = parts.length === 4 && /^\d{4}$/.test(parts[0]!) && /^(0[1-9]|1[0-2])$/.test(parts[1]!) && parts[3] === 'index.md';
    if (!ok) {
      diagnostics.push(diagnose('bundle:misplaced', project(rel), `This Markdown file is not an article bundle’s index.md, so it is not published.`));
      continue;
    }
    articleFiles.push(rel);
  }

  const articles: SourceArticle[] = await Promise.all(
    articleFiles.map(async (rel) => {
      const abs = path.join(contentDir, rel);
      const doc = (await readSafely(abs, project(rel), source(rel))) as SourceArticle;
      doc.bundleDir = path.dirname(abs);
      doc.slug = path.basename(doc.bundleDir);
      const bad = checkSlug(doc.slug, doc, options.slugs);
      if (bad) doc.diagnostics.push(bad);
      return doc;
    }),
  );

  const pages: SourcePage[] = [];
  for (const rel of files) {
    if (!rel.startsWith('pages/') || !rel.endsWith('.md')) continue;
    const doc = (await readSafely(path.join(contentDir, rel), project(rel), source(rel))) as SourcePage;
    doc.slug = rel.slice('pages/'.length).replace(/\.md$/, '').replace(/\/index$/, '');
    pages.push(doc);
  }

  const authors: SourceAuthor[] = [];
  for (const rel of files) {
    if (!rel.startsWith('authors/') || !/\.ya?ml$/.test(rel)) continue;
    const abs = path.join(contentDir, rel);
    const id = path.basename(rel).replace(/\.ya?ml$/, '');
    const { source: yaml, diagnostics: d } = await readYamlFile(abs, project(rel), source(rel)).catch((err: unknown) => ({ source: null, diagnostics: [fileFailure(project(rel), 'reading', err)] }));
    authors.push({ id, file: project(rel), absPath: abs, source: yaml, diagnostics: d });
  }

  // Every entry read here was parsed too (a file is read only when the store holds no parse of it).
  stats.parsed = stats.read;
  if (!options.store) await store.save();
  return { articles, pages, authors, diagnostics, stats };
}
