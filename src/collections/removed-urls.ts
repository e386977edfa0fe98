import { diagnose } from '../errors/diagnostics.js';
import type { Diagnostic } from '../errors/types.js';
import { editDistance } from '../util/suggest.js';
import type { Article, SiteConfig } from '../validate/types.js';
import { lastSegment, siteUrls } from './links.js';
import type { Site } from './types.js';

/** A URL the previous build published, with where it was listed and (from a manifest) its title. */
export interface PreviousUrl {
  url: string;
  /** Set when the previous build published this URL as a redirect to `to`. */
  to?: string;
  /** 1-based line in a text list, for the message's position. */
  line?: number;
  title?: string;
}

/** A path the URL parser would give back as it is (the paths a manifest lists): not parsed again. */
const PLAIN_PATH = /^\/[A-Za-z0-9\-._~/]*$/;

/** The JSON of a build manifest or URL list, parsed once (undefined for a text list). */
export function parsePreviousJson(text: string): unknown {
  const trimmed = text.trim();
  return trimmed.startsWith('{') || trimmed.startsWith('[') ? (JSON.parse(trimmed) as unknown) : undefined;
}

/** Reads `urls` from a build manifest (JSON, given parsed when it was) or a text list with one URL or path a line. */
export function parsePreviousUrls(text: string, baseUrl: string, json: unknown = parsePreviousJson(text)): PreviousUrl[] {
  const toPath = (u: string) => {
    if (PLAIN_PATH.test(u)) return u;
    try {
      return new URL(u.trim(), baseUrl + '/').pathname;
    } catch {
      return u.trim();
    }
  };
  if (json !== undefined) {
    const data = json;
    const list = Array.isArray(data) ? data : ((data as { urls?: unknown; pages?: unknown }).urls ?? (data as { pages?: unknown }).pages ?? []);
    if (!Array.isArray(list)) return [];
    const pages = list.flatMap((entry: unknown): PreviousUrl[] => {
      if (typeof entry === 'string') return [{ url: toPath(entry) }];
      const e = entry as { url?: unknown; title?: unknown };
      if (typeof e?.url !== 'string') return [];
      return [{ url: toPath(e.url), ...(typeof e.title === 'string' ? { title: e.title } : {}) }];
    });
    const redirects = Array.isArray(data) ? [] : ((data as { redirects?: unknown }).redirects ?? []);
    if (!Array.isArray(redirects)) return pages;
    const moved = redirects.flatMap((r: { from?: unknown; to?: unknown }): PreviousUrl[] => (typeof r?.from === 'string' && typeof r.to === 'string' ? [{ url: toPath(r.from), to: r.to }] : []));
    return [...pages, ...moved];
  }
  return text.split(/\r?\n/).flatMap((l, i) => (l.trim() === '' || l.trim().startsWith('#') ? [] : [{ url: toPath(l), line: i + 1 }]));
}

/** True for pages derived from the articles (home, lists, pagination, search): they come and go with content. */
export function isDerivedUrl(url: string, config: SiteConfig): boolean {
  let rest = url;
  for (const l of config.languages) if (l.code !== config.language && rest.startsWith(`/${l.code}/`)) rest = rest.slice(l.code.length + 1);
  if (/\/page\/\d+\/$/.test(rest) || rest === '/') return true;
  if (/^\/(tags|authors|archive|search|corrections)\//.test(rest)) return true;
  if (config.sections.some((s) => rest === `/${s.id}/`)) return true;
  return !rest.endsWith('/') && !rest.endsWith('.html');
}

const words = (slug: string) => new Set(slug.split('-').filter((w) => w.length > 2));

/** How much `candidate` looks like the new home of `old`: shared slug words, spelling, same date path. */
function likeness(old: PreviousUrl, candidate: Article, isNew: boolean): number {
  if (old.title && old.title === candidate.title) return 10;
  const a = lastSegment(old.url);
  const b = candidate.slug;
  const wa = words(a);
  const wb = words(b);
  const shared = [...wa].filter((w) => wb.has(w)).length;
  const jaccard = shared / Math.max(1, new Set([...wa, ...wb]).size);
  const spelling = 1 - editDistance(a, b) / Math.max(a.length, b.length, 1);
  // Same month and newly added is not enough: the slugs themselves must have something in common.
  if (shared === 0 && spelling < 0.6) return 0;
  const datePath = old.url.replace(a, '') === candidate.url.replace(b, '') ? 0.3 : /\/\d{4}\/\d{2}\//.exec(old.url)?.[0] === /\/\d{4}\/\d{2}\//.exec(candidate.url)?.[0] ? 0.2 : 0;
  return jaccard + spelling * 0.5 + datePath + (isNew ? 0.3 : 0);
}

/** An article the previous build published, as its manifest lists it: URL, file hash and `id`. */
export interface PreviousArticle {
  url: string;
  hash: string;
  id?: string;
}

/** Reads `articles` from a build manifest (none from a text list or an older manifest). */
export function parsePreviousArticles(text: string, json: unknown = parsePreviousJson(text)): PreviousArticle[] {
  if (!json || typeof json !== 'object' || Array.isArray(json)) return [];
  const list = (json as { articles?: unknown }).articles;
  if (!Array.isArray(list)) return [];
  return list.flatMap((e: { url?: unknown; hash?: unknown; id?: unknown }): PreviousArticle[] =>
    typeof e?.url === 'string' && typeof e.hash === 'string' ? [{ url: e.url, hash: e.hash, ...(typeof e.id === 'string' ? { id: e.id } : {}) }] : [],
  );
}

/** A redirect the guard adds for a story whose identity is certain. */
export interface AddedRedirect {
  from: string;
  to: string;
  article: Article;
}

/** The one article now published that is the story once at `url`: same `id`, or the same index.md bytes at a new URL. */
function sameStory(url: string, previous: Map<string, PreviousArticle>, site: Site, before: Set<string>): Article | undefined {
  const old = previous.get(url);
  if (!old) return undefined;
  const matches = site.articles.filter((a) => !before.has(a.url) && (old.id ? a.id === old.id : a.hash === old.hash));
  return matches.length === 1 ? matches[0] : undefined;
}

/**
 * Compares what the previous build published with this site. A URL that is neither a page nor a
 * redirect now gets a redirect when the story it showed is certainly elsewhere (same `id`, same
 * file); otherwise it is an error, positioned on the article that most likely replaced it.
 */
export function guardUrls(previous: PreviousUrl[], articles: PreviousArticle[], site: Site, against: string): { diagnostics: Diagnostic[]; redirects: AddedRedirect[] } {
  const current = siteUrls(site);
  const before = new Set(previous.map((p) => p.url));
  const byUrl = new Map(articles.map((a) => [a.url, a]));
  const redirects: AddedRedirect[] = [];
  const diagnostics: Diagnostic[] = [];
  const gone: PreviousUrl[] = [];
  for (const old of previous) {
    if (current.has(old.url) || isDerivedUrl(old.url, site.config)) continue;
    // A redirect the previous build had: the story it pointed to is followed the same way.
    const moved = sameStory(old.to ?? old.url, byUrl, site, before) ?? (old.to && current.has(old.to) ? site.articles.find((a) => a.url === old.to) : undefined);
    if (!moved) {
      gone.push(old);
      continue;
    }
    redirects.push({ from: old.url, to: moved.url, article: moved });
    current.add(old.url);
    diagnostics.push(
      diagnose('site:redirect-added', moved.file, `${old.url} was published by the previous build; it now redirects to ${moved.url}, where this story moved.`, {
        position: { line: 1, column: 1 },
        hint: `Add \`redirectFrom: [${[...(moved.redirectFrom ?? []), old.url].join(', ')}]\` to the front matter, so the redirect is kept in git (a build without the previous output would not know it).`,
      }),
    );
  }
  diagnostics.push(...findRemovedUrls(gone, site, against));
  return { diagnostics, redirects };
}

/**
 * Finds article and page URLs the previous build published that this build neither publishes
 * nor redirects (redirectFrom, expiry, unpublished), each with the likely new home of the story.
 */
/** A URL path as compared between builds: percent-encoding undone. */
function urlKey(url: string): string {
  try {
    return decodeURI(url);
  } catch {
    return url;
  }
}

export function findRemovedUrls(previous: PreviousUrl[], site: Site, against: string): Diagnostic[] {
  // Compared decoded: a list spells `/%CE%B5…/` where a redirect path reads `/ε…/`.
  const current = new Set([...siteUrls(site)].map(urlKey));
  const before = new Set(previous.map((p) => p.url));
  const out: Diagnostic[] = [];
  for (const old of previous) {
    if (current.has(urlKey(old.url)) || isDerivedUrl(old.url, site.config)) continue;
    let best: Article | undefined;
    let bestScore = 0.55;
    for (const a of site.articles) {
      const score = likeness(old, a, !before.has(a.url));
      if (score > bestScore) {
        best = a;
        bestScore = score;
      }
    }
    const unpublish = `To take it down on purpose, run \`npx dateline unpublish ${old.url}\` (a 410 page, or \`--redirect URL\`).`;
    if (best) {
      out.push(
        diagnose('site:removed-url', best.file, `${old.url} was published by the previous build but is now neither a page nor a redirect. It looks like it moved to ${best.url} (“${best.title}”).`, {
          position: { line: 1, column: 1 },
          hint: `Add \`redirectFrom: [${[...(best.redirectFrom ?? []), old.url].join(', ')}]\` to the front matter of ${best.file}, so old links and search results keep working. ${unpublish}`,
        }),
      );
    } else {
      out.push(
        diagnose('site:removed-url', against, `${old.url} was published by the previous build but is now neither a page nor a redirect, and no article looks like its new home.`, {
          ...(old.line ? { position: { line: old.line, column: 1 } } : {}),
          hint: `Add the old URL to \`redirectFrom\` in the article that replaces it. ${unpublish}`,
        }),
      );
    }
  }
  return out;
}
