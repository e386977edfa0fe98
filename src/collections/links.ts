import path from 'node:path';
import { existsSync } from 'node:fs';
import { diagnose } from '../errors/diagnostics.js';
import { guardFile } from '../errors/guard.js';
import { anchorKey } from '../markdown/anchor-key.js';
import type { Diagnostic, Position } from '../errors/types.js';
import type { ArticleHtml } from '../markdown/types.js';
import { didYouMean } from '../util/suggest.js';
import type { Article, StaticPage } from '../validate/types.js';
import type { Site } from './types.js';

/** What the link check is given: the site as it will be published, and every body to look at. */
export interface LinkCheckInput {
  site: Site;
  /** Articles whose bodies are checked (in `check`, held ones too, and those with front-matter errors where their page would be). */
  articles: LinkedArticle[];
  pages: StaticPage[];
  /** Markdown results by file. */
  html: Map<string, ArticleHtml>;
  /** Drafts and embargoed articles: linking to them from a published story is a warning. */
  held: { article: Article; reason: 'draft' | 'embargo' }[];
  /** Other URL paths that exist, such as files copied from public/ (`/css/site.css`). */
  files?: Iterable<string>;
  /** Articles left out because they have errors: a link to one is a warning (its own errors say why). */
  failing?: { file: string; bundleDir?: string; url?: string; title?: string }[];
}

/** What the link check needs of an article: where its source and its page are. */
export type LinkedArticle = Pick<Article, 'file' | 'bundleDir' | 'url' | 'title'>;

/** A link from a body to an article left out because of its errors. */
export interface LinkToFailing {
  /** The file whose body has the link. */
  file: string;
  /** The link's address as written. */
  href: string;
  /** The file of the article it points to. */
  target: string;
}

/** An external link found in a body, for the optional `--external` check. */
export interface ExternalLink {
  url: string;
  file: string;
  position?: Position;
}

const PHOTO = /\.(jpe?g|png|gif|webp|avif|tiff?|heic|svg)$/i;
// Files the emit stage writes beside the pages; links to them are fine without a page record.
const EMITTED = /^\/(?:[a-z]{2,3}\/)?(?:feed\.xml|atom\.xml|feed\.json|rss\.xml|sitemap(?:-[\w-]+)?\.xml|news-sitemap\.xml|robots\.txt|[\w-]+\/feed\.(?:xml|json)|[\w-]+\/atom\.xml)$/;

/** Every URL path a site publishes: its pages (redirects and gone pages included). */
export function siteUrls(site: Site): Set<string> {
  return new Set(site.pages.map((p) => p.url));
}

/** The last non-empty segment of a URL path: the slug of an article URL. */
export function lastSegment(url: string): string {
  return url.split('/').filter(Boolean).pop() ?? '';
}

/** The existing URL most like `target`: a close spelling, or the same (or a similar) slug elsewhere. */
export function closestUrl(target: string, urls: Iterable<string>): string | undefined {
  const list = [...urls];
  const close = didYouMean(target, list);
  if (close) return close;
  const slug = lastSegment(target);
  if (!slug) return undefined;
  const bySlug = new Map<string, string>();
  for (const u of list) if (!bySlug.has(lastSegment(u))) bySlug.set(lastSegment(u), u);
  const near = bySlug.get(slug) ?? (slug.length > 3 ? didYouMean(slug, bySlug.keys()) : undefined);
  return near === undefined ? undefined : (bySlug.get(near) ?? near);
}

/** `/a/b` → `/a/b/`, `/a/go1.21` → `/a/go1.21/`, `/a/index.html` → `/a/`; file names keep their form. */
function normalizePath(p: string): string {
  let u = p.replace(/\/index\.html$/, '/');
  if (!u.endsWith('/') && !/\.[a-z][a-z0-9]*$/i.test(lastSegment(u))) u += '/';
  return u;
}

function decode(p: string): string {
  try {
    return decodeURI(p);
  } catch {
    return p;
  }
}

/** Ids an HTML body offers as anchors (headings, footnotes, any element with an id). */
function anchorsOf(content: ArticleHtml): Set<string> {
  const ids = new Set(content.headings.map((h) => h.id));
  for (const m of content.html.matchAll(/\sid="([^"]+)"/g)) ids.add(m[1]!);
  return ids;
}

/** Text that was meant as a web address but lacks its scheme (`www.x.org`, `http//x.org`). */
function looksLikeBareDomain(raw: string): boolean {
  return /^(?:https?\/\/|https?:\/(?!\/)|www\.)/i.test(raw) || /^[a-z0-9-]+(\.[a-z0-9-]+)*\.(com|org|net|gov|int|edu|info|news|io|uk|fr|de|jo|lb|sy|iq)(\/|$)/i.test(raw);
}

/**
 * Checks every link in article and page bodies against the URLs the site publishes: absolute
 * paths, links relative to the article's URL, same-page and cross-page anchors, links into the
 * bundle. External links are only checked for syntax here and returned for an optional fetch.
 */
export function checkLinks(input: LinkCheckInput): { diagnostics: Diagnostic[]; external: ExternalLink[]; toFailing: LinkToFailing[] } {
  const { site } = input;
  const base = new URL(site.config.baseUrl + '/');
  const urls = siteUrls(site);
  const files = new Set(input.files ?? []);
  const heldByUrl = new Map(input.held.map((h) => [h.article.url, h]));
  const heldFiles = new Set(input.held.map((h) => h.article.file));
  const pageContent = new Map<string, ArticleHtml>();
  for (const doc of [...input.articles, ...input.pages]) {
    const content = input.html.get(doc.file);
    if (content) pageContent.set(doc.url, content);
  }
  const anchorCache = new Map<string, Set<string>>();
  const anchorsAt = (url: string) => {
    const content = pageContent.get(url);
    if (!content) return undefined;
    if (!anchorCache.has(url)) anchorCache.set(url, anchorsOf(content));
    return anchorCache.get(url)!;
  };
  const articleByFile = new Map(input.articles.map((a) => [path.resolve(a.bundleDir, 'index.md'), a]));

  const diagnostics: Diagnostic[] = [];
  const external: ExternalLink[] = [];
  const failingByUrl = new Map((input.failing ?? []).flatMap((f) => (f.url ? [[f.url, f] as const] : [])));
  const failingFiles = new Set((input.failing ?? []).map((f) => f.file));
  const toFailing: LinkToFailing[] = [];
  // An article whose front matter is too broken to tell its URL is recognised by its slug.
  const failingBySlug = new Map((input.failing ?? []).flatMap((f) => (f.url || !f.bundleDir ? [] : [[path.basename(f.bundleDir), f] as const])));
  const docs: (LinkedArticle | StaticPage)[] = [...input.articles, ...input.pages];
  for (const doc of docs) {
    const content = input.html.get(doc.file);
    if (!content) continue;
    // An exception while checking one body is that file's error; the other bodies are checked.
    guardFile(doc.file, 'checking the links of', diagnostics, () => checkDoc(doc, content), undefined);
  }
  return { diagnostics, external, toFailing };

  function checkDoc(doc: LinkedArticle | StaticPage, content: ArticleHtml): void {
    const bundleDir = 'bundleDir' in doc ? doc.bundleDir : undefined;
    const sourceHeld = heldFiles.has(doc.file);
    for (const link of content.links) {
      const raw = link.url.trim();
      const at = link.position ? { position: link.position } : {};
      const report = (rule: 'link:broken' | 'link:broken-anchor' | 'link:invalid-url', message: string, hint?: string, severity?: 'warning') =>
        diagnostics.push(diagnose(rule, doc.file, message, { ...at, ...(hint ? { hint } : {}), ...(severity ? { severity } : {}) }));
      if (raw === '' || raw === '#') continue;

      if (/^[a-z][a-z0-9+.-]*:/i.test(raw) || raw.startsWith('//')) {
        let parsed: URL | undefined;
        try {
          parsed = new URL(raw, base);
        } catch {
          parsed = undefined;
        }
        const web = parsed && (parsed.protocol === 'http:' || parsed.protocol === 'https:');
        if (!parsed || (web && (!parsed.hostname.includes('.') && parsed.hostname !== 'localhost')) || /\s/.test(raw) || (parsed.protocol === 'mailto:' && !raw.includes('@'))) {
          report('link:invalid-url', `The link \`${raw}\` is not a valid URL.`, 'Check the address for typos and missing characters; copy it from the browser’s address bar.');
          continue;
        }
        if (!(web && parsed.origin === base.origin)) {
          if (web) external.push({ url: parsed.href, file: doc.file, ...at });
          continue;
        }
      } else if (looksLikeBareDomain(raw)) {
        report('link:invalid-url', `The link \`${raw}\` looks like a web address without \`https://\`, so it would be read as a page of this site.`, `Write it as \`https://${raw.replace(/^https?:?\/*/i, '')}\`.`);
        continue;
      }

      const resolved = new URL(raw, new URL(doc.url, base));
      const target = normalizePath(decode(resolved.pathname));
      const anchor = resolved.hash ? decode(resolved.hash.slice(1)) : '';
      const samePage = target === normalizePath(doc.url);

      if (!samePage && !urls.has(target) && !files.has(target) && !EMITTED.test(target)) {
        const local = bundleDir && !raw.startsWith('/') ? path.resolve(bundleDir, decode(raw.split(/[?#]/)[0]!)) : undefined;
        const linked = local ? articleByFile.get(local.endsWith('.md') ? local : path.join(local, 'index.md')) : undefined;
        const held = heldByUrl.get(target) ?? (linked && heldFiles.has(linked.file) ? input.held.find((h) => h.article === linked) : undefined);
        const failing = failingByUrl.get(target) ?? failingBySlug.get(lastSegment(target)) ?? (local && !PHOTO.test(local) ? input.failing?.find((f) => f.bundleDir !== undefined && (local === f.bundleDir || local === path.join(f.bundleDir, 'index.md'))) : undefined);
        if (local && PHOTO.test(local) && existsSync(local)) {
          report('link:broken', `The link \`${raw}\` points to the original photo, which is never published.`, `Show the photo with an image instead: \`![What it shows](${path.basename(local)})\`.`);
        } else if (held) {
          if (sourceHeld) continue;
          const why = held.reason === 'draft' ? 'is still a draft' : `is embargoed until ${held.article.date}`;
          report('link:broken', `The link \`${raw}\` points to “${held.article.title}”, which ${why}, so readers would get a 404 until it is published.`, 'Publish the two together, or add the link once the other story is out.', 'warning');
        } else if (failing) {
          if (failingFiles.has(doc.file)) continue;
          toFailing.push({ file: doc.file, href: link.url, target: failing.file });
          report(
            'link:broken',
            `The link \`${raw}\` points to ${failing.title ? `“${failing.title}”` : failing.file}, which has errors and is not published in this build.`,
            `Fix the errors reported for ${failing.file}. With --keep-going the link is published as plain text until that story is published.`,
            'warning',
          );
        } else if (linked && local?.endsWith('.md')) {
          report('link:broken', `The link \`${raw}\` points to the source file of “${linked.title}”; the published page is at ${linked.url}.`, `Link to the page: \`${linked.url}\`.`);
        } else {
          const near = closestUrl(target, urls);
          report('link:broken', `The link \`${raw}\` points to ${target}, which is not a page of this site.${near ? ` Did you mean ${near}?` : ''}`, 'Copy the address of the page from the site, or check the slug (the bundle folder name) and the date in the path.');
        }
        continue;
      }

      if (!anchor) continue;
      const anchors = anchorsAt(samePage ? doc.url : target);
      if (!anchors || anchors.has(anchor)) continue;
      // The same heading spelt as read (`؟`, harakat, a zero-width non-joiner): the page's own links are
      // pointed at the id when rendered; a link from another page must use the id itself.
      const key = anchorKey(anchor);
      const same = [...anchors].find((id) => anchorKey(id) === key);
      if (same !== undefined && samePage) continue;
      const near = same ?? didYouMean(anchor, anchors);
      const where = samePage ? 'this page' : target;
      report(
        'link:broken-anchor',
        `The link \`${raw}\` points to the heading #${anchor}, which ${where} does not have.${near ? ` Did you mean #${near}?` : ''}`,
        anchors.size ? `Headings there: ${[...anchors].slice(0, 8).map((a) => `#${a}`).join(', ')}.` : 'That page has no headings to link to; link to the page itself.',
      );
    }
  }
}
