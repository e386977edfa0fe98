import type { ArticleView, ListPage, Pagination } from './types.js';

/** URL of page `n` of a series whose first page is `first` (`/conflict/` → `/conflict/page/2/`). */
export function pageUrl(first: string, n: number): string {
  return n === 1 ? first : `${first}page/${n}/`;
}

/** Splits a list into pages of `size`, each a ListPage built from `base`; empty lists give no pages. */
export function paginate(
  items: ArticleView[],
  size: number,
  base: Omit<ListPage, 'items' | 'pagination' | 'url' | 'alternates' | 'kind'> & { first: string; alternates?: ListPage['alternates'] },
): ListPage[] {
  const pages = Math.ceil(items.length / size);
  const out: ListPage[] = [];
  const { first, alternates, ...rest } = base;
  for (let n = 1; n <= pages; n++) {
    const pagination: Pagination = { page: n, pages, first };
    if (n > 1) pagination.prev = pageUrl(first, n - 1);
    if (n < pages) pagination.next = pageUrl(first, n + 1);
    out.push({
      ...rest,
      kind: 'list',
      url: pageUrl(first, n),
      alternates: n === 1 ? (alternates ?? []) : [],
      items: items.slice((n - 1) * size, n * size),
      pagination,
    });
  }
  return out;
}
