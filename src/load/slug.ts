import { slugify } from 'transliteration';
import { diagnose } from '../errors/diagnostics.js';
import type { Diagnostic } from '../errors/types.js';
import type { SourceDocument } from './types.js';

/** What a bundle folder name must be: lower-case letters, digits and single hyphens. */
export const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/** The valid slug closest to a folder name: `go1.21` → `go1-21`, `Hi-From-Design` → `hi-from-design`. */
export function suggestSlug(name: string): string {
  return slugify(name.replace(/['’‘`]/g, ''), { lowercase: true, separator: '-' }).replace(/[^a-z0-9-]+/g, '-').replace(/-+/g, '-').replace(/^-|-$/g, '') || 'story';
}

/**
 * The folder name of a bundle is its slug. A name that is not a valid slug is an error at the top
 * of index.md naming the rename to make, unless the article sets its own `url:` (a migrated story
 * keeping its legacy address), where the folder name is only an identifier.
 */
export function checkSlug(slug: string, doc: SourceDocument): Diagnostic | undefined {
  if (SLUG.test(slug)) return undefined;
  const data = doc.frontMatter?.data;
  if (data && typeof data === 'object' && typeof (data as Record<string, unknown>).url === 'string') return undefined;
  const better = suggestSlug(slug);
  const dir = doc.file.replace(/\/index\.md$/, '');
  const renamed = `${dir.slice(0, dir.length - slug.length)}${better}`;
  return diagnose('bundle:bad-slug', doc.file, `The folder name “${slug}” is used as the URL slug, but it is not a valid slug: rename the folder to “${better}”.`, {
    position: { line: 1, column: 1 },
    hint: `Rename ${dir}/ to ${renamed}/ (lower-case letters, digits and hyphens). To keep an old address exactly, set \`url:\` to it in the front matter, or add it to \`redirectFrom\`.`,
  });
}
