import type { Article } from './types.js';

/** Which articles a build publishes, which have expired, and which are held back. */
export interface Schedule {
  /** Published now, newest first. */
  published: Article[];
  /** Past their `expires` time: taken down (410 page or redirect). */
  expired: Article[];
  /** Drafts and embargoed articles kept out of the build, with when they would go out. */
  held: { article: Article; reason: 'draft' | 'embargo' }[];
}

/** Sorts articles newest first, then by URL for a stable order. */
export function byNewest(a: Article, b: Article): number {
  return b.time - a.time || a.url.localeCompare(b.url);
}

/**
 * Splits articles by what the build may publish at `now`. Drafts are published only with
 * `drafts`; embargoed articles (a future `date`) only with `preview` (the dev server).
 */
export function scheduleArticles(articles: Article[], options: { now: number; drafts: boolean; preview: boolean }): Schedule {
  const schedule: Schedule = { published: [], expired: [], held: [] };
  for (const a of articles) {
    if (a.draft && !options.drafts && !options.preview) schedule.held.push({ article: a, reason: 'draft' });
    else if (a.time > options.now && !options.preview) schedule.held.push({ article: a, reason: 'embargo' });
    else if (a.expiresTime !== undefined && a.expiresTime <= options.now) schedule.expired.push(a);
    else schedule.published.push(a);
  }
  schedule.published.sort(byNewest);
  schedule.held.sort((x, y) => x.article.time - y.article.time);
  return schedule;
}
