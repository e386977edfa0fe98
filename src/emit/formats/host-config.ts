import type { OutputFormat } from '../types.js';
import { urlToFile } from '../../util/paths.js';

/** `_redirects` (Netlify, Cloudflare Pages): moved stories 301, expired ones served as 410. */
export const redirectsFormat: OutputFormat = {
  name: 'redirects',
  emit(site) {
    const lines: string[] = [];
    for (const p of site.pages) {
      if (p.kind === 'redirect') lines.push(`${p.url} ${p.to} 301`);
      else if (p.kind === 'gone') lines.push(`${p.url} /${urlToFile(p.url)} 410`);
    }
    return [{ path: '_redirects', contents: lines.join('\n') + (lines.length ? '\n' : '') }];
  },
};

const SECURITY = [
  '  X-Content-Type-Options: nosniff',
  '  Referrer-Policy: strict-origin-when-cross-origin',
  "  Content-Security-Policy: default-src 'self'; img-src 'self' data:; script-src 'self' 'wasm-unsafe-eval'; style-src 'self' 'unsafe-inline'; frame-ancestors 'none'; base-uri 'self'",
];

/** `_headers`: hashed assets cached for a year; pages, feeds and sitemaps revalidated; security headers. */
export const headersFormat: OutputFormat = {
  name: 'headers',
  emit: () => [
    {
      path: '_headers',
      contents: [
        '/*',
        ...SECURITY,
        '  Cache-Control: public, max-age=60, must-revalidate',
        '/media/*',
        '  Cache-Control: public, max-age=31536000, immutable',
        '/pagefind/*',
        '  Cache-Control: public, max-age=3600',
        '/css/*',
        '  Cache-Control: public, max-age=3600',
        '/js/*',
        '  Cache-Control: public, max-age=3600',
        '',
      ].join('\n'),
    },
  ],
};
