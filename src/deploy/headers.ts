import mime from 'mime-types';

const OVERRIDES: [RegExp, string][] = [
  [/(^|\/)feed\.xml$/, 'application/rss+xml; charset=utf-8'],
  [/(^|\/)atom\.xml$/, 'application/atom+xml; charset=utf-8'],
  [/(^|\/)feed\.json$/, 'application/feed+json; charset=utf-8'],
  [/\.xml$/, 'application/xml; charset=utf-8'],
  [/\.pf_(meta|index|fragment|filter)$/, 'application/octet-stream'],
  [/\.wasm$/, 'application/wasm'],
  [/\.pagefind$/, 'application/octet-stream'],
  [/(^|\/)_(redirects|headers)$/, 'text/plain; charset=utf-8'],
  [/\.avif$/, 'image/avif'],
  [/\.webp$/, 'image/webp'],
];

/** Content-Type of a built file, with a charset for text. */
export function contentType(path: string): string {
  for (const [re, type] of OVERRIDES) if (re.test(path)) return type;
  const type = mime.lookup(path) || 'application/octet-stream';
  const charset = mime.charset(type);
  return charset ? `${type}; charset=${charset.toLowerCase()}` : type;
}

/** True for pages and machine-read documents that change in place (HTML, feeds, sitemaps). */
export function isDocument(path: string): boolean {
  return /\.(html|xml|txt)$|(^|\/)feed\.json$|(^|\/)_(redirects|headers)$/.test(path);
}

/** Cache-Control: hashed assets forever, documents briefly with revalidation, the rest an hour. */
export function cacheControl(path: string): string {
  if (/^media\//.test(path) || /^pagefind\/.*\.pf_\w+$/.test(path) || /[.-][0-9a-f]{10,}\.\w+$/.test(path)) return 'public, max-age=31536000, immutable';
  if (isDocument(path) || path.endsWith('.json')) return 'public, max-age=60, must-revalidate';
  return 'public, max-age=3600';
}
