import { createHash } from 'node:crypto';
import { promises as fs } from 'node:fs';
import { register } from 'node:module';
import path from 'node:path';
import type { PageRecord, Site } from '../collections/types.js';
import { listFiles } from '../util/fs.js';
import { packageRoot } from '../util/paths.js';
import { TEMPLATES_PARAM } from './template-hooks.js';

/**
 * A publication's own templates and public files. In a publication's repository (dateline
 * installed as a dependency), `templates/<path>.js` replaces dateline's compiled
 * `templates/<path>.js` and `public/<path>` is copied over dateline's `public/<path>`; every
 * other file stays dateline's. In dateline's own checkout (the sample site) there is nothing to
 * override: its `templates/` are the TypeScript sources of dateline's own.
 */

/** The renderer of a complete HTML page, as `templates/index.js` exports it. */
export type RenderPage = (page: PageRecord, site: Site) => string;

/** The publication's files that replace dateline's, and a hash of their contents. */
export interface Overrides {
  /** Template modules under `templates/`, relative, forward slashes (only `.js` files). */
  templates: string[];
  /** Files under `public/`, relative, forward slashes. */
  publicFiles: string[];
  /** A hash of every path and content above ('' when there are none). */
  key: string;
}

/** The publication's overriding files (none in dateline's own checkout). */
export async function findOverrides(root: string): Promise<Overrides> {
  const dir = path.resolve(root);
  if (dir === packageRoot()) return { templates: [], publicFiles: [], key: '' };
  const templates = (await listFiles(path.join(dir, 'templates'))).filter((f) => f.endsWith('.js'));
  const publicFiles = await listFiles(path.join(dir, 'public'));
  if (!templates.length && !publicFiles.length) return { templates, publicFiles, key: '' };
  const h = createHash('sha256');
  for (const [folder, files] of [['templates', templates], ['public', publicFiles]] as const) {
    for (const rel of files) h.update(`${folder}/${rel}\0`).update(await fs.readFile(path.join(dir, folder, rel))).update('\0');
  }
  return { templates, publicFiles, key: h.digest('hex') };
}

let hooksRegistered = false;

/**
 * The page renderer with the publication's template overrides in place: dateline's own when
 * there are none, else its templates loaded again as one set keyed by the overrides' contents
 * (so an edited override is picked up by the next build in the same process).
 */
export async function loadRenderer(root: string, overrides: Overrides): Promise<RenderPage> {
  if (!overrides.templates.length) return (await import('../../templates/index.js')).renderPage;
  if (!hooksRegistered) {
    register(new URL('./template-hooks.js', import.meta.url));
    hooksRegistered = true;
  }
  const entry = new URL('../../templates/index.js', import.meta.url);
  entry.searchParams.set(TEMPLATES_PARAM, path.resolve(root));
  entry.searchParams.set('v', overrides.key.slice(0, 16));
  const mod = (await import(entry.href)) as { renderPage?: unknown };
  if (typeof mod.renderPage !== 'function') throw new Error(`${path.join(root, 'templates/index.js')} must export a renderPage(page, site) function, as dateline's templates/index.js does.`);
  return mod.renderPage as RenderPage;
}

/** Copies dateline's public/ into `outDir`, then the publication's over it (a file of the same path wins). */
export async function copyPublic(root: string, overrides: Overrides, outDir: string): Promise<void> {
  const own = path.join(packageRoot(), 'public');
  const layers: [string, string[]][] = [[own, await listFiles(own)]];
  if (overrides.publicFiles.length) layers.push([path.join(path.resolve(root), 'public'), overrides.publicFiles]);
  for (const [dir, files] of layers) {
    await Promise.all(
      files.map(async (rel) => {
        const target = path.join(outDir, rel);
        await fs.mkdir(path.dirname(target), { recursive: true });
        // Replaced, never written through: the output may hold hard links to the previous build.
        await fs.rm(target, { force: true });
        await fs.copyFile(path.join(dir, rel), target);
      }),
    );
  }
}
