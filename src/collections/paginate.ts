import type { ArticleView, ListPage, Pagination } from './types.js';

/**
 * Stable pagination. Items arrive newest first. The series' front page (`/conflict/`) shows the
 * newest `size` items and is the page that grows. Numbered pages hold chunks of `size` items
 * counted from the OLDEST: `/conflict/page/1/` holds the oldest `size`, `/page/2/` the next…
 * A chunk gets its page once it is full and at least one newer item exists (so no numbered page
 * repeats the front page), and from then on its URL and items never change: adding a story
 * re-renders the front page, and when a chunk fills, writes its page and changes the previous
 * newest chunk's "newer" link. Permalinks to numbered pages stay valid as the archive grows.
 */

/** URL of a series' numbered page `k` (1 = the oldest chunk), or of its front page when `k` is absent. */
export function pageUrl(first: string, k?: number): string {
  return k === undefined ? first : `${first}page/${k}/`;
}

/** Numbered pages of a series of `n` items in chunks of `size`: full chunks not wholly shown on the front page. */
export function numberedPages(n: number, size: number): number {
  return n === 0 ? 0 : Math.floor((n - 1) / size);
}

/** Splits a list (newest first) into a front page and numbered pages built from `base`; empty lists give no pages. */
export function paginate(
  items: ArticleView[],
  size: number,
  base: Omit<ListPage, 'items' | 'pagination' | 'url' | 'alternates' | 'kind'> & { first: string; alternates?: ListPage['alternates'] },
): ListPage[] {
  const n = items.length;
  if (n === 0) return [];
  const count = numberedPages(n, size);
  const { first, alternates, ...rest } = base;
  const front: Pagination = { first };
  if (count > 0) front.older = pageUrl(first, count);
  const out: ListPage[] = [{ ...rest, kind: 'list', url: first, alternates: alternates ?? [], items: items.slice(0, size), pagination: front }];
  // Newest numbered page first; chunk k covers the oldest-ordered items [(k-1)·size, k·size).
  for (let k = count; k >= 1; k--) {
    const pagination: Pagination = { page: k, first, newer: k === count ? first : pageUrl(first, k + 1) };
    if (k > 1) pagination.older = pageUrl(first, k - 1);
    out.push({ ...rest, kind: 'list', url: pageUrl(first, k), alternates: [], items: items.slice(n - k * size, n - (k - 1) * size), pagination });
  }
  return out;
}
