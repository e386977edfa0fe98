/**
 * Module resolution hooks (registered with `module.register`, run on Node's loader thread) that
 * let a publication's `templates/<path>.js` replace dateline's compiled `templates/<path>.js`,
 * file by file, as Hugo's layout lookup does. Only modules imported with the query
 * `?dateline-templates=<publication root>&v=<key>` take part: inside that set, a relative import
 * that lands in dateline's templates folder is looked up in the publication's folder first, and
 * an override's own imports resolve as if it were dateline's file at the same path (so it shares
 * dateline's preact and can import dateline's other templates with the same relative paths).
 * Everything outside the templates folder (render code, packages) is dateline's, shared.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

/** The query parameter naming the publication whose templates a module belongs to. */
export const TEMPLATES_PARAM = 'dateline-templates';

/** dateline's own compiled templates folder (dist/templates/). */
const own = fileURLToPath(new URL('../../templates/', import.meta.url));

interface Resolved {
  url: string;
  format?: string | null | undefined;
  shortCircuit?: boolean;
}
interface ResolveContext {
  parentURL?: string | undefined;
  conditions?: string[];
  importAttributes?: Record<string, string>;
}
type NextResolve = (specifier: string, context?: ResolveContext) => Promise<Resolved>;

function inside(dir: string, file: string): boolean {
  const rel = path.relative(dir, file);
  return rel !== '' && !rel.startsWith('..') && !path.isAbsolute(rel);
}

/** The publication's file for a path in dateline's templates folder if it has one, else dateline's; undefined when neither exists. */
function lookup(file: string, search: string): Resolved | undefined {
  const root = new URLSearchParams(search).get(TEMPLATES_PARAM)!;
  const override = path.join(root, 'templates', path.relative(own, file));
  const chosen = existsSync(override) ? override : existsSync(file) ? file : undefined;
  // An override is an ES module whatever its folder's package.json says.
  return chosen ? { url: pathToFileURL(chosen).href + search, format: 'module', shortCircuit: true } : undefined;
}

/** Where a module of the set stands in dateline's templates folder (an override stands at its own path there). */
function virtualParent(parentURL: string, search: string): string {
  const file = fileURLToPath(parentURL);
  const root = new URLSearchParams(search).get(TEMPLATES_PARAM)!;
  const mine = path.join(root, 'templates');
  return inside(mine, file) ? pathToFileURL(path.join(own, path.relative(mine, file))).href : parentURL;
}

/** The resolve hook: see the file's comment. */
export async function resolve(specifier: string, context: ResolveContext, next: NextResolve): Promise<Resolved> {
  if (specifier.startsWith('file:') && specifier.includes(`${TEMPLATES_PARAM}=`)) {
    const url = new URL(specifier);
    const file = fileURLToPath(url);
    if (inside(own, file)) return lookup(file, url.search) ?? next(specifier, context);
  }
  const parent = context.parentURL?.startsWith('file:') ? new URL(context.parentURL) : undefined;
  if (!parent?.searchParams.has(TEMPLATES_PARAM)) return next(specifier, context);
  const from = virtualParent(context.parentURL!, parent.search);
  if (/^\.{1,2}\//.test(specifier)) {
    const file = fileURLToPath(new URL(specifier, from));
    if (inside(own, file)) {
      const found = lookup(file, parent.search);
      if (found) return found;
    }
  }
  // Packages and dateline's render code: resolved from dateline's folder, one shared copy.
  return next(specifier, { ...context, parentURL: from });
}
