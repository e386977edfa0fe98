import type { Site } from '../../collections/types.js';
import type { OutputFormat } from '../types.js';
import { feedPaths } from '../urls.js';
import { PROVIDERS } from '../../markdown/plugins/embed-providers.js';
import { mayHoldFrames } from '../../store/markdown.js';

/** Cache-Control of files whose name changes with their content (photo variants): a year. */
export const IMMUTABLE = 'public, max-age=31536000, immutable';
/** Cache-Control of documents that change in place (pages, feeds, sitemaps). */
export const SHORT_LIVED = 'public, max-age=60, must-revalidate';
/** Cache-Control of unhashed assets (CSS, scripts, the search index). */
export const ONE_HOUR = 'public, max-age=3600';

/**
 * Only self; photo placeholders are `data:` URIs; Pagefind compiles WebAssembly. JSON-LD blocks are
 * data, not scripts, so they need no 'unsafe-inline'. Inline `style` attributes carry photo colours.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "img-src 'self' data:",
  "script-src 'self' 'wasm-unsafe-eval'",
  "style-src 'self' 'unsafe-inline'",
  "object-src 'none'",
  "frame-ancestors 'none'",
  "base-uri 'self'",
  "form-action 'self'",
].join('; ');

/**
 * `frame-src`: the players embed previews load after a click — each provider's fixed origins and,
 * for providers on any server (Mastodon), the origins the site's stories embed.
 */
export function frameSources(site: Site): string {
  const origins = new Set(PROVIDERS.flatMap((p) => p.frameOrigins.filter((o) => o !== '*')));
  for (const article of site.articles) {
    // Stored results know whether they hold a player: the HTML of the others is not read.
    if (!mayHoldFrames(article.content)) continue;
    for (const m of article.content.html.matchAll(/data-embed-src="(https:\/\/[^/"]+)\//g)) origins.add(m[1]!);
  }
  return `frame-src ${[...origins].sort().join(' ')}`;
}

function security(site: Site): [string, string][] {
  return [
    ['X-Content-Type-Options', 'nosniff'],
    ['Referrer-Policy', 'strict-origin-when-cross-origin'],
    ['Content-Security-Policy', `${CONTENT_SECURITY_POLICY}; ${frameSources(site)}`],
  ];
}

function rule(pattern: string, headers: [string, string][]): string {
  return [pattern, ...headers.map(([k, v]) => `  ${k}: ${v}`)].join('\n');
}

/** Machine-read documents at fixed addresses: each language's feeds, the sitemaps and robots.txt. */
function documentPaths(site: Site): string[] {
  const feeds = site.config.languages.flatMap((l) => Object.values(feedPaths(site, l.code)));
  return [...feeds, '/sitemap.xml', '/sitemap-*', '/news-sitemap.xml', '/robots.txt'];
}

/**
 * `_headers` (Netlify, Cloudflare Pages). Both hosts merge every rule that matches a path and join a
 * repeated header with commas, so Cache-Control is never set on `/*` (that would give media two
 * max-ages): pages keep the hosts' default (`max-age=0, must-revalidate`), documents at fixed
 * addresses get a short life, photo variants a year.
 */
export const headersFormat: OutputFormat = {
  name: 'headers',
  emit(site) {
    const rules = [
      rule('/*', security(site)),
      ...documentPaths(site).map((p) => rule(p, [['Cache-Control', SHORT_LIVED]])),
      rule('/media/*', [['Cache-Control', IMMUTABLE]]),
      rule('/pagefind/*', [['Cache-Control', ONE_HOUR]]),
      rule('/css/*', [['Cache-Control', ONE_HOUR]]),
      rule('/js/*', [['Cache-Control', ONE_HOUR]]),
    ];
    return [{ path: '_headers', contents: rules.join('\n') + '\n' }];
  },
};
