import path from 'node:path';
import { processDocuments, type DocumentRequest } from '../documents/index.js';
import type { Step } from './context.js';
import type { ArticleHtml } from '../markdown/types.js';
import { makeStagingDir } from './steps.js';

const unescape = (s: string) => s.replace(/&quot;/g, '"').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');

/**
 * Publishes the documents bodies link to (PDF, CSV, office files, audio…) with content-hashed
 * names and metadata removed, and points each link at its published copy.
 */
export const documentsStep: Step = {
  name: 'documents',
  async run(ctx) {
    const html = ctx.html!;
    const articles = ctx.options.write ? ctx.schedule!.published : ctx.content!.articles;
    const docs = [
      ...articles.map((a) => ({ file: a.file, dir: a.bundleDir })),
      ...ctx.content!.pages.map((p) => ({ file: p.file, dir: path.dirname(path.join(ctx.options.root, p.file)) })),
    ];
    const requests: DocumentRequest[] = [];
    for (const d of docs) {
      for (const link of html.get(d.file)?.documents ?? []) {
        requests.push({ source: path.resolve(d.dir, link.src), file: d.file, ...(link.position ? { position: link.position } : {}) });
      }
    }
    if (requests.length === 0) return;
    if (ctx.options.write) ctx.stagingDir ??= await makeStagingDir(ctx);
    const { documents, diagnostics } = await processDocuments(requests, {
      outDir: ctx.mediaRoot ?? ctx.stagingDir ?? '',
      cacheDir: path.join(ctx.options.cacheDir, 'documents'),
      root: ctx.options.root,
      write: ctx.options.write,
    });
    ctx.diagnostics.push(...diagnostics);
    if (!ctx.options.write) return;
    for (const d of docs) {
      const content = html.get(d.file);
      if (!content?.documents?.length) continue;
      const point = (s: string) =>
        s.replace(/<a href="[^"]*" data-document="([^"]*)"/g, (m, src: string) => {
          const published = documents.get(path.resolve(d.dir, unescape(src)));
          return published ? `<a href="${published.url}"` : m;
        });
      // A new result: the stored one is shared (and names its HTML by the digest before the links
      // were pointed), so the page key is taken from the HTML as published.
      const next: ArticleHtml = { ...content, html: point(content.html) };
      if (content.teaserHtml) next.teaserHtml = point(content.teaserHtml);
      html.set(d.file, next);
    }
  },
};
