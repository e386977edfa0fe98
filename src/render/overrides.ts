import { createHash } from 'node:crypto';
import { spawnSync } from 'node:child_process';
import { promises as fs, readFileSync } from 'node:fs';
import { register } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { PageRecord, Site } from '../collections/types.js';
import { listFiles } from '../util/fs.js';
import { diagnose } from '../errors/diagnostics.js';
import { UsageError, type Diagnostic } from '../errors/types.js';
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
  if ((await fs.realpath(dir).catch(() => dir)) === packageRoot()) return { templates: [], publicFiles: [], key: '' };
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
  let mod: { renderPage?: unknown };
  try {
    mod = (await import(entry.href)) as typeof mod;
  } catch (err) {
    throw loadFailure(root, overrides, err);
  }
  if (typeof mod.renderPage !== 'function') throw new UsageError(`templates/index.js of the publication must export renderPage(page, site), as dateline's own does.`);
  return mod.renderPage as RenderPage;
}

/**
 * The message for overrides that cannot be imported. Node names no file for a syntax error in a
 * module graph, so each override is checked on its own (`node --check`, as a module) to name the
 * file and line; otherwise (a missing import, say) Node's reason is given.
 */
function loadFailure(root: string, overrides: Overrides, err: unknown): UsageError {
  const reason = err instanceof Error ? err.message : String(err);
  const hint = "Each override must be an ES module exporting what dateline's file of the same path exports (see “Your own publication repository” in dateline's README).";
  for (const rel of overrides.templates) {
    const source = readFileSync(path.join(root, 'templates', rel));
    const check = spawnSync(process.execPath, ['--input-type=module', '--check'], { input: source, encoding: 'utf8' });
    if (check.status === 0) continue;
    const line = /\[stdin\]:(\d+)/.exec(check.stderr)?.[1];
    const syntax = /^\w*Error: .*$/m.exec(check.stderr)?.[0];
    return new UsageError(`templates/${rel}${line ? `:${line}` : ''}: ${syntax ?? reason}\n${hint}`);
  }
  return new UsageError(`The publication's templates (${overrides.templates.map((t) => `templates/${t}`).join(', ')}) cannot be loaded: ${reason}\n${hint}`);
}

/** A page's failure inside one of the publication's templates: a `template:failed` error at the template's line, or undefined when no frame of the error is in one. */
export function overrideFailure(root: string, url: string, err: unknown): Diagnostic | undefined {
  if (!(err instanceof Error) || !err.stack) return undefined;
  const mine = pathToFileURL(path.join(path.resolve(root), 'templates')).href + '/';
  for (const line of err.stack.split('\n')) {
    const m = /(file:\/\/[^\s?)]+\.js)(?:\?[^\s)]*?)?:(\d+):(\d+)/.exec(line);
    if (!m || !m[1]!.startsWith(mine)) continue;
    const file = 'templates/' + decodeURIComponent(m[1]!.slice(mine.length));
    return diagnose('template:failed', file, `This template failed while rendering the page ${url} (${err.message}).`, { position: { line: Number(m[2]), column: Number(m[3]) } });
  }
  return undefined;
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
