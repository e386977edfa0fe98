import { diagnose } from '../errors/diagnostics.js';
import type { Diagnostic } from '../errors/types.js';
import { isValidSlug, slugFromHeadline, type SlugStyle } from '../util/slug.js';
import type { SourceDocument } from './types.js';

/**
 * The folder name of a bundle is its slug. A name that is not a valid slug (`go1.21`,
 * `Hi-From-Design`) is an error at the top of index.md naming the rename to make, unless the
 * article sets its own `url:` (a migrated story keeping its legacy address), where the folder name
 * is only an identifier.
 */
export function checkSlug(slug: string, doc: SourceDocument, style: SlugStyle = 'latin'): Diagnostic | undefined {
  if (isValidSlug(slug, style)) return undefined;
  const data = doc.frontMatter?.data;
  if (data && typeof data === 'object' && typeof (data as Record<string, unknown>).url === 'string') return undefined;
  const better = slugFromHeadline(slug.replace(/[._]/g, '-'), style) || 'story';
  const dir = doc.file.replace(/\/index\.md$/, '');
  const renamed = `${dir.slice(0, dir.length - slug.length)}${better}`;
  const native = style !== 'native' && isValidSlug(slug, 'native') ? ' Or set `slugs: native` in site.yaml to publish slugs in the headline’s own script.' : '';
  return diagnose('bundle:bad-slug', doc.file, `The folder name “${slug}” is used as the URL slug, but it is not a valid slug: rename the folder to “${better}”.`, {
    position: { line: 1, column: 1 },
    hint: `Rename ${dir}/ to ${renamed}/ (lower-case letters, digits and hyphens). To keep an old address exactly, set \`url:\` to it in the front matter.${native}`,
  });
}
