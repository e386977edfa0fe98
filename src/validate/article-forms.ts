import { diagnose } from '../errors/diagnostics.js';
import type { Diagnostic } from '../errors/types.js';
import type { YamlSource } from '../util/yaml-source.js';
import type { SiteConfig } from './types.js';
import { readSitePath } from './url-fields.js';

/** Fields an article cannot do without: an empty one is an error (missing), not a warning. */
const REQUIRED = new Set(['title', 'summary', 'date', 'section']);

/**
 * Old systems write optional fields with no value (`image:`, `tags:`, `updated:`). Each such field
 * is a `front-matter:empty-value` warning at its key and is read as absent. Returns the data
 * without them.
 */
export function dropEmptyFields(data: Record<string, unknown>, file: string, fm: YamlSource, out: Diagnostic[]): Record<string, unknown> {
  const kept: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(data)) {
    if ((value === null || value === '') && !REQUIRED.has(key)) {
      const what = key === 'image' ? 'so the story has no lead photo' : 'so it is read as absent';
      out.push(diagnose('front-matter:empty-value', file, `\`${key}\` has no value, ${what}.`, { position: fm.positionOf([key], 'key') }));
      continue;
    }
    kept[key] = value;
  }
  return kept;
}

/**
 * Reads `url` and `redirectFrom`: each must be an absolute path on this site (see
 * `readSitePath`), and no redirect may be the article's own address. Problems are positioned
 * `front-matter:invalid-path` errors.
 */
export function readPathFields(
  fields: { url?: string | undefined; redirectFrom?: string[] | undefined; redirectIsList: boolean; permalink?: string | undefined },
  file: string,
  fm: YamlSource,
  site: SiteConfig,
  out: Diagnostic[],
): { url?: string; redirectFrom: string[] } {
  const result: { url?: string; redirectFrom: string[] } = { redirectFrom: [] };
  if (fields.url !== undefined) {
    const r = readSitePath(fields.url, 'url', site);
    if ('path' in r) result.url = r.path;
    else out.push(diagnose('front-matter:invalid-path', file, `\`url\` ${r.problem}: “${fields.url}”.`, { position: fm.positionOf(['url']), ...(r.hint ? { hint: r.hint } : {}) }));
  }
  (fields.redirectFrom ?? []).forEach((entry, i) => {
    const at = fields.redirectIsList ? ['redirectFrom', i] : ['redirectFrom'];
    const r = readSitePath(entry, 'redirectFrom', site);
    if (!('path' in r)) {
      out.push(diagnose('front-matter:invalid-path', file, `\`redirectFrom\` entry “${entry}” ${r.problem}.`, { position: fm.positionOf(at), ...(r.hint ? { hint: r.hint } : {}) }));
    } else if (r.path === (result.url ?? fields.permalink)) {
      out.push(diagnose('front-matter:invalid-path', file, `\`redirectFrom\` entry “${entry}” is the article’s own address, so it would redirect to itself.`, { position: fm.positionOf(at), hint: 'Remove it: the page is already published there.' }));
    } else if (!result.redirectFrom.includes(r.path)) result.redirectFrom.push(r.path);
  });
  return result;
}
