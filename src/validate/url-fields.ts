import type { SiteConfig } from './types.js';

/** Paths the site itself publishes under: an article's `url` or redirect may not take them. */
const RESERVED_PREFIXES = ['/tags/', '/authors/', '/archive/', '/search/', '/corrections/', '/media/', '/pagefind/', '/css/', '/js/', '/.dateline/'];
const RESERVED_FILES = /^\/(?:[a-z]{2,3}\/)?(?:404\.html|feed\.xml|atom\.xml|feed\.json|rss\.xml|robots\.txt|sitemap(?:-[\w-]+)?\.xml|news-sitemap\.xml|_redirects|_headers)$/;

/** The outcome of reading a path field: the normalised path, or what is wrong with it. */
export type SitePath = { path: string } | { problem: string; hint?: string };

function decode(p: string): string {
  try {
    return decodeURI(p);
  } catch {
    return p;
  }
}

/**
 * Reads a path on this site as an article names it (`url:`, a `redirectFrom` entry): an absolute
 * path (`/2019/05/budget-vote.html`, `/news/budget-vote/`), or a full URL on the site's own
 * host, which is taken as its path. A path without a file extension gets its trailing slash.
 * Relative paths, other hosts, queries, fragments, `.` and `..` segments, empty segments,
 * spaces and backslashes are refused, as are the paths the site publishes itself (home, section,
 * language, tag, author, archive, search and corrections pages, media, feeds and sitemaps).
 */
export function readSitePath(value: string, field: 'url' | 'redirectFrom', site: Pick<SiteConfig, 'baseUrl' | 'sections' | 'languages'>): SitePath {
  let p = value.trim();
  if (p === '') return { problem: 'is empty' };
  if (/^[a-z][a-z0-9+.-]*:/i.test(p) || p.startsWith('//')) {
    let url: URL;
    try {
      url = new URL(p.startsWith('//') ? `https:${p}` : p);
    } catch {
      return { problem: 'is not a valid address' };
    }
    const own = new URL(site.baseUrl);
    if (url.host !== own.host) return { problem: `is on another site (${url.host}), not on ${own.host}`, hint: 'Only addresses on this site can be kept; write the path only, starting with `/`.' };
    p = decode(url.pathname) + url.search + url.hash;
  }
  if (!p.startsWith('/')) return { problem: 'is a relative path', hint: `Write it from the root of the site, starting with \`/\`: \`/${p.replace(/^\.?\/*/, '')}\`.` };
  if (/[\s\\]/.test(p)) return { problem: 'contains a space or a backslash', hint: 'Write spaces as `%20` only if the old address really had them; otherwise use hyphens.' };
  if (/[?#]/.test(p)) return { problem: 'has a query (`?…`) or a fragment (`#…`), which no static page can answer', hint: 'Use the path alone: the part before `?` or `#`.' };
  const segments = p.split('/').slice(1, -1);
  if (segments.some((s) => s === '..' || s === '.')) return { problem: 'has a `.` or `..` segment' };
  if (segments.some((s) => s === '')) return { problem: 'has an empty segment (`//`)' };
  const last = p.split('/').pop()!;
  if (last === '..' || last === '.') return { problem: 'has a `.` or `..` segment' };
  // A file extension starts with a letter: `go1.21` is a folder name, `story.html` a file.
  const ext = /\.([a-z][a-z0-9]*)$/i.exec(last)?.[1]?.toLowerCase();
  let path = decode(p);
  if (!ext && !path.endsWith('/')) path += '/';
  if (field === 'url' && ext && ext !== 'html' && ext !== 'htm') {
    return { problem: `ends in .${ext}, and a page is published as a folder (\`/a/b/\`) or an .html file`, hint: `Give the page a folder or .html address in \`url\` and keep the old one working with \`redirectFrom: [${p}]\`.` };
  }
  const reserved =
    path === '/' ||
    site.languages.some((l) => path === `/${l.code}/`) ||
    site.sections.some((s) => path === `/${s.id}/` || site.languages.some((l) => path === `/${l.code}/${s.id}/`)) ||
    RESERVED_PREFIXES.some((r) => path.startsWith(r) || site.languages.some((l) => path.startsWith(`/${l.code}${r}`))) ||
    RESERVED_FILES.test(path);
  if (reserved) return { problem: `is an address the site publishes itself (${path})`, hint: 'Choose the story’s own address; home, section, tag, author, archive, search and feed addresses are the site’s.' };
  return { path };
}
