/** Values a permalink pattern may use. */
export interface PermalinkValues {
  section: string;
  slug: string;
  /** ISO date as written; year, month and day are taken from it (the local date of publication). */
  date: string;
  /** Language prefix (`ar`) for non-default languages, or empty. */
  langPrefix: string;
}

/** Expands a pattern such as `/:section/:year/:month/:slug/` into a URL path (a slug in another script is percent-encoded). */
export function expandPermalink(pattern: string, v: PermalinkValues): string {
  const url = pattern
    .replace(/:section/g, v.section)
    .replace(/:year/g, v.date.slice(0, 4))
    .replace(/:month/g, v.date.slice(5, 7))
    .replace(/:day/g, v.date.slice(8, 10))
    .replace(/:slug/g, encodeURIComponent(v.slug));
  return (v.langPrefix ? `/${v.langPrefix}` : '') + url;
}

/** Normalises a user-written URL path to `/a/b/` form (keeps file names such as `/a.html`). */
export function normalizeUrlPath(p: string): string {
  let u = p.trim();
  try {
    u = new URL(u, 'https://x.invalid').pathname;
  } catch {
    // keep as written
  }
  if (!u.startsWith('/')) u = '/' + u;
  if (!/\.[a-z0-9]+$/i.test(u) && !u.endsWith('/')) u += '/';
  return u;
}
