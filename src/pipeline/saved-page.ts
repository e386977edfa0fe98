import path from 'node:path';
import { readDocument } from '../load/read-document.js';
import { validateArticle } from '../validate/article.js';
import { renderMarkdownSafely } from '../markdown/render.js';
import { buildArticleViews, sourceOf } from '../collections/article-views.js';
import { renderPages } from '../render/index.js';
import { forgetPages } from '../render/incremental.js';
import { markdownKey } from '../store/markdown.js';
import { urlToFile } from '../util/paths.js';
import type { Article } from '../validate/types.js';
import type { ArticleHtml } from '../markdown/types.js';
import type { BuildContext } from './context.js';

/** Markers of what the full pipeline still does to a body after Markdown: embed previews and players. */
const EMBED_MARKERS = ['data-embed-poster=', 'data-embed-src='];

/**
 * The preview's first answer to a saved article (Hugo's "fast render": the page in front of the
 * editor first, the rest of the site after it): when only the body of one published article
 * changed — same front matter, the same photos and links, no embeds or documents, no problem
 * found — its page is rendered at once from the site model the last build left in memory, and
 * the browser reloads while the full rebuild (list pages, feeds, search, the page again) follows.
 * Returns the output file written and its hash, or undefined when the save needs the full
 * rebuild to be shown right.
 */
export async function renderSavedArticle(last: BuildContext, changed: string): Promise<{ file: string; hash: string } | undefined> {
  const { site, content, html, options } = last;
  if (!site || !content?.config || !html || last.heldBack?.length || !last.diagnostics.every((d) => d.severity !== 'error')) return undefined;
  const file = path.relative(options.root, changed).split(path.sep).join('/');
  if (!/^content\/articles\/.+\/index\.md$/.test(file)) return undefined;
  const view = site.articles.find((a) => a.file === file);
  const before = view ? sourceOf(view) : undefined;
  const page = site.pages.find((p) => p.kind === 'article' && p.article === view);
  if (!view || !before || page?.kind !== 'article') return undefined;

  const doc = await readDocument(changed, file);
  if (doc.diagnostics.length || doc.hash === before.hash) return undefined;
  const { article, diagnostics } = validateArticle({ ...doc, bundleDir: before.bundleDir, slug: path.basename(before.bundleDir) }, content.config, content.authors);
  if (!article || diagnostics.length || !sameExceptBody(article, before)) return undefined;

  const config = content.config;
  const result = renderMarkdownSafely({ ...markdownKey(article, config.wordsPerMinute), body: article.body });
  if (!sameReach(result, view.content)) return undefined;

  const [saved] = buildArticleViews([article], config, content.authors, new Map([[file, result]]), site.photos);
  const next = { ...saved!, translations: view.translations };
  // Its recorded key no longer describes the file: the rebuild renders it whatever happens in between.
  await forgetPages(options.outDir, [urlToFile(page.url)]);
  const { hashes, failed } = await renderPages({ ...site, articles: site.articles.map((a) => (a === view ? next : a)) }, [{ ...page, article: next }], options.outDir, { root: options.root, copyPublic: false });
  const [written] = [...hashes];
  if (failed.length || !written) return undefined;
  return { file: written[0], hash: written[1].hash };
}

/** True when two records of one article differ only in what the body gives (the body and the file's hash). */
function sameExceptBody(a: Article, b: Article): boolean {
  const { body: _a, hash: _ah, ...restA } = a;
  const { body: _b, hash: _bh, ...restB } = b;
  return JSON.stringify(restA) === JSON.stringify(restB);
}

/**
 * True when a new body reaches nothing beyond its own text: the same photos and link targets as
 * before (wherever they moved in the file), no diagnostics, no embed or document for later steps to finish.
 */
function sameReach(next: ArticleHtml, before: ArticleHtml): boolean {
  if (next.diagnostics.length || next.documents?.length || before.documents?.length) return false;
  if (EMBED_MARKERS.some((m) => next.html.includes(m))) return false;
  const reach = (r: ArticleHtml) => JSON.stringify([r.photos.map((p) => p.src), r.links.map((l) => l.url)]);
  return reach(next) === reach(before);
}
