import { urlToFile } from '../../util/paths.js';
import type { OutputFormat } from '../types.js';

/**
 * `_redirects` (Netlify, Cloudflare Pages).
 * - A moved story (`redirectFrom`, or an expired one sent to its section): `old new 301`. Both hosts
 *   read it; the HTML redirect page written at the old URL stays as the fallback elsewhere.
 * - A taken-down story (GonePage): `url /url/index.html 410!`, Netlify's forced rewrite that serves
 *   the page written there with status 410 (`!` because that file exists and would otherwise win).
 *   Cloudflare Pages has no 410 and skips the line with a warning; the page then answers 200 with
 *   `noindex`.
 */
export const redirectsFormat: OutputFormat = {
  name: 'redirects',
  emit(site) {
    const lines: string[] = [];
    for (const p of site.pages) {
      if (p.kind === 'redirect') lines.push(`${p.url} ${p.to} 301`);
      else if (p.kind === 'gone') lines.push(`${p.url} /${urlToFile(p.url)} 410!`);
    }
    return [{ path: '_redirects', contents: lines.map((l) => l + '\n').join('') }];
  },
};
