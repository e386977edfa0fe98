import { diagnose } from '../errors/diagnostics.js';
import { guardFile } from '../errors/guard.js';
import type { Diagnostic } from '../errors/types.js';
import type { LoadedContent, SourceArticle } from '../load/types.js';
import type { YamlSource } from '../util/yaml-source.js';
import { suggestion } from '../util/suggest.js';
import { articleUrlGuess, validateArticle } from './article.js';
import { validateAuthors } from './authors.js';
import { sharedKey, validateOnce } from './memo.js';
import type { ContentStore } from '../store/content-store.js';
import type { StoreEntry } from '../store/types.js';
import { validatePages } from './pages.js';
import { validateSite } from './site.js';
import type { Article, Author, SiteConfig, StaticPage } from './types.js';
import { fileURLToPath } from 'node:url';
import { codeKey } from '../util/code-key.js';

/**
 * The key validations are kept under in the content store: the validation code (this module and
 * every module it imports), not the whole program, so an upgrade that changed only templates or
 * rendering validates no article again.
 */
export function validatorKey(): string {
  return codeKey(fileURLToPath(import.meta.url));
}

export type * from './types.js';
export { validateSite, isRtl } from './site.js';
export { slugTag } from './article.js';

/** Everything that passed validation, plus every problem found. */
export interface ValidatedContent {
  config?: SiteConfig;
  authors: Map<string, Author>;
  articles: Article[];
  pages: StaticPage[];
  /** Articles with errors in their front matter: where each would have been published, when that can be told. */
  failed: FailedArticle[];
  diagnostics: Diagnostic[];
  /** Articles validated by this run (the rest were this process's or the content store's validations of the same inputs). */
  validated: number;
}

/** An article that did not validate, as far as it can be known (for link checks and `--keep-going`). */
export interface FailedArticle {
  file: string;
  slug: string;
  /** Absolute path of the bundle folder. */
  bundleDir: string;
  title?: string;
  url?: string;
  /** The body and its language, so its links are checked in the same run as its other problems. */
  body: string;
  bodyLine: number;
  lang: string;
}

/** Validates site.yaml, authors, pages and articles, and the rules that span articles. */
export function validateContent(configFile: string, configSource: YamlSource | null, loaded: LoadedContent, options: { store?: ContentStore; program?: string } = {}): ValidatedContent {
  const diagnostics: Diagnostic[] = [...loaded.diagnostics];
  const empty = { authors: new Map<string, Author>(), articles: [], pages: [], failed: [], validated: 0 };
  if (!configSource || configSource.errors.length) return { ...empty, diagnostics };
  const siteResult = validateSite(configFile, configSource);
  diagnostics.push(...siteResult.diagnostics);
  const config = siteResult.config;
  if (!config) return { ...empty, diagnostics };

  // Each author, page and article is validated on its own: an exception is that file's error.
  const authors = new Map<string, Author>();
  for (const src of loaded.authors) {
    const r = guardFile(src.file, 'validating', diagnostics, () => validateAuthors([src], config.language), { authors: new Map<string, Author>(), diagnostics: [] });
    diagnostics.push(...r.diagnostics);
    for (const [id, a] of r.authors) authors.set(id, a);
  }
  const pages: StaticPage[] = [];
  for (const src of loaded.pages) {
    const r = guardFile(src.file, 'validating', diagnostics, () => validatePages([src], config), { pages: [], diagnostics: [] });
    diagnostics.push(...r.diagnostics);
    pages.push(...r.pages);
  }

  const articles: Article[] = [];
  const failed: FailedArticle[] = [];
  const shared = sharedKey(config, authors);
  let validated = 0;
  const touch = (e: StoreEntry) => options.store!.touch(e);
  for (const src of loaded.articles) {
    // With the content store and the program's key, a clean validation is kept for the next process.
    const entry = options.store && options.program ? options.store.get(src.file.replace(/^content\//, '')) : undefined;
    const persist = entry ? { entry, program: options.program!, touch } : undefined;
    const r = validateOnce(
      src,
      shared,
      () => {
        validated++;
        return guardFile(src.file, 'validating', diagnostics, () => validateArticle(src, config, authors), { diagnostics: [] });
      },
      persist,
    );
    diagnostics.push(...r.diagnostics);
    if (r.article) articles.push(r.article);
    else {
      const guess = guardFile(src.file, 'validating', [], () => articleUrlGuess(src, config), {});
      failed.push({ file: src.file, slug: src.slug, bundleDir: src.bundleDir, body: src.body, bodyLine: src.bodyLine, lang: config.language, ...guess });
    }
  }
  diagnostics.push(...checkUrls(articles, pages, loaded), ...checkTranslations(articles, loaded, failed));
  return { config, authors, articles, pages, failed, diagnostics, validated };
}

/** Two articles (or an article and a page or redirect) may not share a URL. */
function checkUrls(articles: Article[], pages: StaticPage[], loaded: LoadedContent): Diagnostic[] {
  const out: Diagnostic[] = [];
  const owner = new Map<string, string>();
  for (const p of pages) for (const url of [p.url, ...p.redirectFrom]) if (!owner.has(url)) owner.set(url, p.file);
  for (const a of articles) {
    for (const url of [a.url, ...a.redirectFrom]) {
      const other = owner.get(url);
      if (other && other !== a.file) {
        const src = loaded.articles.find((s) => s.file === a.file);
        out.push(
          diagnose('site:duplicate-url', a.file, `This article would be published at ${url}, which ${other} already uses.`, {
            position: url !== a.url ? src?.frontMatter?.positionOf(['redirectFrom']) : hasOwnUrl(src) ? src!.frontMatter!.positionOf(['url']) : { line: 1, column: 1 },
            hint: 'Rename one of the bundle folders (the folder name is the slug), or change its section or date.',
          }),
        );
      } else owner.set(url, a.file);
    }
  }
  return out;
}

function hasOwnUrl(src: SourceArticle | undefined): boolean {
  const data = src?.frontMatter?.data;
  return !!data && typeof data === 'object' && typeof (data as Record<string, unknown>).url === 'string';
}

/** `translationOf` must name another article's slug in another language. */
function checkTranslations(articles: Article[], loaded: LoadedContent, failed: FailedArticle[]): Diagnostic[] {
  const out: Diagnostic[] = [];
  const slugs = new Set(articles.map((a) => a.slug));
  // An article with errors of its own is reported there, not again in every translation of it.
  const failedSlugs = new Set(failed.map((f) => f.slug));
  for (const a of articles) {
    if (!a.translationOf || failedSlugs.has(a.translationOf)) continue;
    const target = articles.find((b) => b.slug === a.translationOf && b !== a);
    if (!target) {
      const src = loaded.articles.find((s) => s.file === a.file);
      out.push(
        diagnose('front-matter:unknown-translation', a.file, `\`translationOf\` names “${a.translationOf}”, but no article has that slug.${suggestion(a.translationOf, slugs)}`, {
          position: src?.frontMatter?.positionOf(['translationOf']),
          hint: 'Use the folder name of the original article.',
        }),
      );
    }
  }
  return out;
}
export { scheduleArticles, byNewest, type Schedule } from './schedule.js';
