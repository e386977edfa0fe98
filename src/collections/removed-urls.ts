import { diagnose } from '../errors/diagnostics.js';
import type { Diagnostic } from '../errors/types.js';
import { editDistance } from '../util/suggest.js';
import type { Article, SiteConfig } from '../validate/types.js';
import { lastSegment, siteUrls } from './links.js';
import type { Site } from './types.js';

/** A URL the previous build published, with where it was listed and (from a manifest) its title. */
export interface PreviousUrl {
  url: string;
  /** 1-based line in a text list, for the message's position. */
  line?: number;
  title?: string;
}

/** Reads `urls` from a build manifest (JSON) or a text list with one URL or path a line. */
export function parsePreviousUrls(text: string, baseUrl: string): PreviousUrl[] {
  const toPath = (u: string) => {
    try {
      return new URL(u.trim(), baseUrl + '/').pathname;
    } catch {
      return u.trim();
    }
  };
  const trimmed = text.trim();
  if (trimmed.startsWith('{') || trimmed.startsWith('[')) {
    const data = JSON.parse(trimmed) as unknown;
    const list = Array.isArray(data) ? data : ((data as { urls?: unknown; pages?: unknown }).urls ?? (data as { pages?: unknown }).pages ?? []);
    if (!Array.isArray(list)) return [];
    return list.flatMap((entry: unknown): PreviousUrl[] => {
      if (typeof entry === 'string') return [{ url: toPath(entry) }];
      const e = entry as { url?: unknown; title?: unknown };
      if (typeof e?.url !== 'string') return [];
      return [{ url: toPath(e.url), ...(typeof e.title === 'string' ? { title: e.title } : {}) }];
    });
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

/**
 * Finds article and page URLs the previous build published that this build neither publishes
 * nor redirects (redirectFrom, expiry), each with the likely new home of the story.
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
    if (best) {
      out.push(
        diagnose('site:removed-url', best.file, `${old.url} was published by the previous build but is now neither a page nor a redirect. It looks like it moved to ${best.url} (“${best.title}”).`, {
          position: { line: 1, column: 1 },
          hint: `Add \`redirectFrom: [${old.url}]\` to the front matter of ${best.file}, so old links and search results keep working.`,
        }),
      );
    } else {
      out.push(
        diagnose('site:removed-url', against, `${old.url} was published by the previous build but is now neither a page nor a redirect, and no article looks like its new home.`, {
          ...(old.line ? { position: { line: old.line, column: 1 } } : {}),
          hint: 'Add the old URL to `redirectFrom` in the article that replaces it; to take a story down on purpose, give it an `expires` date instead of deleting it.',
        }),
      );
    }
  }
  return out;
}
