import { sameItems } from '../util/same.js';
import path from 'node:path';
import type { ArticleHtml } from '../markdown/types.js';
import { shareCardKey, type PhotoSet } from '../images/types.js';
import type { Article, Author, SiteConfig } from '../validate/types.js';
import type { ArticleView } from './types.js';

let lastHost: { baseUrl: string; host: string } | undefined;

/** The host of the site's base URL (parsed once, not once per article). */
function hostOf(baseUrl: string): string {
  if (lastHost?.baseUrl !== baseUrl) lastHost = { baseUrl, host: new URL(baseUrl).hostname };
  return lastHost.host;
}

/** A feed id that survives edits and slug changes: the first URL the story had, and its date. */
export function articleGuid(article: Article, baseUrl: string): string {
  const host = hostOf(baseUrl);
  const first = article.id ?? article.redirectFrom[0] ?? article.url;
  return `tag:${host},${article.date.slice(0, 10)}:${first}`;
}

/** The latest of publication, update and correction times, with the ISO text it came from. */
function modifiedOf(a: Article): { time: number; iso: string } {
  let best = { time: a.time, iso: a.date };
  if (a.updatedTime !== undefined && a.updated && a.updatedTime > best.time) best = { time: a.updatedTime, iso: a.updated };
  for (const c of a.corrections) if (c.time > best.time) best = { time: c.time, iso: c.date };
  return best;
}

/** The validated record each view was made from (views spread it, then add what they derive). */
const sources = new WeakMap<ArticleView, Article>();

/** The validated record `view` was made from, when it was made by `buildArticleViews`. */
export function sourceOf(view: ArticleView): Article | undefined {
  return sources.get(view);
}

/** Joins validated articles with their HTML, authors, section, lead photo and translations. */
export function buildArticleViews(
  articles: Article[],
  config: SiteConfig,
  authors: Map<string, Author>,
  html: Map<string, ArticleHtml>,
  photos: Map<string, PhotoSet>,
): ArticleView[] {
  const views = articles.map((a): ArticleView => {
    const content = html.get(a.file) ?? emptyHtml();
    const authorList = a.authors.map((id) => authors.get(id)).filter((x): x is Author => x !== undefined);
    const lead = a.image ? photos.get(path.resolve(a.image.path)) : undefined;
    const card = lead ? undefined : photos.get(shareCardKey(a.file));
    // The preview keeps unchanged records, Markdown results, authors and photo sets between saves:
    // a view made from the very same objects is the same view, and keeps the keys hashed from it.
    const before = made.get(a);
    if (before && before.content === content && before.config === config && before.lead === lead && before.card === card && sameItems(before.authorList, authorList)) {
      return before.view;
    }
    const modified = modifiedOf(a);
    const view: ArticleView = {
      ...a,
      title: content.title ?? a.title,
      summary: content.summary ?? a.summary,
      content,
      authorList,
      sectionInfo: config.sections.find((s) => s.id === a.section) ?? { id: a.section, title: { [config.language]: a.section }, description: {} },
      translations: [],
      modifiedTime: modified.time,
      modified: modified.iso,
      guid: articleGuid(a, config.baseUrl),
    };
    if (lead) view.lead = lead;
    if (card) view.card = card;
    sources.set(view, a);
    made.set(a, { view, content, config, authorList, lead, card });
    return view;
  });
  return linkTranslations(views);
}

/** The view last made from each record, with the inputs it was made from. */
const made = new WeakMap<Article, { view: ArticleView; content: ArticleHtml; config: SiteConfig; authorList: Author[]; lead?: PhotoSet; card?: PhotoSet }>();

/**
 * Links every article to the others of its translation group (both ways, transitively). A view
 * kept from an earlier build whose translations change is replaced by a copy (a view is never
 * changed once made: keys are remembered by view), so the list returned may differ from `views`.
 */
function linkTranslations(views: ArticleView[]): ArticleView[] {
  const bySlug = new Map(views.map((v) => [v.slug, v]));
  const root = (v: ArticleView): ArticleView => {
    let cur = v;
    const seen = new Set<ArticleView>();
    while (cur.translationOf && bySlug.has(cur.translationOf) && !seen.has(cur)) {
      seen.add(cur);
      cur = bySlug.get(cur.translationOf)!;
    }
    return cur;
  };
  const groups = new Map<ArticleView, ArticleView[]>();
  for (const v of views) {
    const r = root(v);
    const group = groups.get(r);
    if (group) group.push(v);
    else groups.set(r, [v]);
  }
  const wanted = new Map<ArticleView, ArticleView['translations']>();
  for (const members of groups.values()) {
    if (members.length < 2) continue;
    for (const v of members) {
      wanted.set(v, members.filter((o) => o !== v && o.lang !== v.lang).map((o) => ({ lang: o.lang, url: o.url, title: o.title })));
    }
  }
  return views.map((v) => {
    const translations = wanted.get(v) ?? [];
    if (translations.length === 0 && v.translations.length === 0) return v;
    if (JSON.stringify(translations) === JSON.stringify(v.translations)) return v;
    const source = sources.get(v)!;
    const copy = { ...v, translations };
    sources.set(copy, source);
    const entry = made.get(source);
    if (entry) made.set(source, { ...entry, view: copy });
    return copy;
  });
}

function emptyHtml(): ArticleHtml {
  return { html: '', text: '', wordCount: 0, readingMinutes: 1, headings: [], photos: [], links: [], diagnostics: [] };
}
