/** One Pagefind bundle: the articles of one year, at `path` in the site. */
export interface SearchBundle {
  year: string;
  /** Site path of the bundle, ending in `/`: `/pagefind/` for the newest year, `/pagefind/<year>/` for the others. */
  path: string;
}

/**
 * The search index is split by year of publication: Pagefind indexes the whole of what it is
 * given (about 3 ms an article here, plus writing), so one index would be rebuilt in full for
 * any edit. One bundle a year means an edit or a new story re-indexes one year; the search page
 * loads the newest year's bundle and merges the others (Pagefind's `mergeIndex`).
 */
export function searchBundles(years: Iterable<string>): SearchBundle[] {
  const sorted = [...new Set(years)].sort().reverse();
  return sorted.map((year, i) => ({ year, path: i === 0 ? '/pagefind/' : `/pagefind/${year}/` }));
}
