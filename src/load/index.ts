import { promises as fs } from 'node:fs';
import path from 'node:path';
import { diagnose } from '../errors/diagnostics.js';
import { fileFailure } from '../errors/guard.js';
import type { Diagnostic } from '../errors/types.js';
import { toPosix } from '../util/paths.js';
import type { SlugStyle } from '../util/slug.js';
import { readDocument, readYamlFile } from './read-document.js';
import { FrontMatterCache } from './front-matter-cache.js';
import type { LoadedContent, SourceArticle, SourceAuthor, SourceDocument, SourcePage } from './types.js';
import { checkSlug } from './slug.js';

export type { LoadedContent, SourceArticle, SourceAuthor, SourcePage } from './types.js';

async function walk(dir: string): Promise<string[]> {
  try {
    const entries = await fs.readdir(dir, { recursive: true });
    return entries.map((e) => path.join(dir, e)).sort();
  } catch {
    return [];
  }
}

/** Reads one document; an exception while reading it is that file's error, not the run's. */
async function readSafely(absPath: string, file: string, cache?: FrontMatterCache): Promise<SourceDocument> {
  try {
    return await readDocument(absPath, file, cache);
  } catch (err) {
    return { file, absPath, hash: '', frontMatter: null, body: '', bodyLine: 1, diagnostics: [fileFailure(file, 'reading', err)] };
  }
}

/** Finds and reads every article bundle, static page and author under `<root>/content`. */
export async function loadContent(root: string, options: { cacheDir?: string; slugs?: SlugStyle } = {}): Promise<LoadedContent> {
  const cache = await FrontMatterCache.open(options.cacheDir);
  const contentDir = path.join(root, 'content');
  const diagnostics: Diagnostic[] = [];
  const rel = (p: string) => toPosix(path.relative(root, p));

  const articleFiles: string[] = [];
  for (const p of await walk(path.join(contentDir, 'articles'))) {
    if (!p.endsWith('.md')) continue;
    const parts = toPosix(path.relative(path.join(contentDir, 'articles'), p)).split('/');
    const ok = parts.length === 4 && /^\d{4}$/.test(parts[0]!) && /^(0[1-9]|1[0-2])$/.test(parts[1]!) && parts[3] === 'index.md';
    if (!ok) {
      diagnostics.push(
        diagnose('bundle:misplaced', rel(p), `This Markdown file is not an article bundle’s index.md, so it is not published.`),
      );
      continue;
    }
    articleFiles.push(p);
  }

  const articles: SourceArticle[] = await Promise.all(
    articleFiles.map(async (p) => {
      const doc = await readSafely(p, rel(p), cache);
      const bundleDir = path.dirname(p);
      const slug = path.basename(bundleDir);
      const bad = checkSlug(slug, doc, options.slugs);
      if (bad) doc.diagnostics.push(bad);
      return { ...doc, bundleDir, slug };
    }),
  );

  const pages: SourcePage[] = [];
  for (const p of await walk(path.join(contentDir, 'pages'))) {
    if (!p.endsWith('.md')) continue;
    const doc = await readSafely(p, rel(p));
    const slug = toPosix(path.relative(path.join(contentDir, 'pages'), p)).replace(/\.md$/, '').replace(/\/index$/, '');
    pages.push({ ...doc, slug });
  }

  const authors: SourceAuthor[] = [];
  for (const p of await walk(path.join(contentDir, 'authors'))) {
    if (!/\.ya?ml$/.test(p)) continue;
    const id = path.basename(p).replace(/\.ya?ml$/, '');
    const { source, diagnostics: d } = await readYamlFile(p, rel(p)).catch((err: unknown) => ({ source: null, diagnostics: [fileFailure(rel(p), 'reading', err)] }));
    authors.push({ id, file: rel(p), absPath: p, source, diagnostics: d });
  }

  await cache.save();
  const read = articles.length + pages.length + authors.length;
  return { articles, pages, authors, diagnostics, stats: { read, parsed: read - cache.hits } };
}
