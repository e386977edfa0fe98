import path from 'node:path';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** Converts a path to forward slashes, for messages and URLs. */
export function toPosix(p: string): string {
  return p.split(path.sep).join('/');
}

/** A path relative to `root`, with forward slashes. */
export function relativePath(root: string, p: string): string {
  return toPosix(path.relative(root, p));
}

/** True when `child` is `parent` or inside it. */
export function isInside(parent: string, child: string): boolean {
  const rel = path.relative(parent, child);
  return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
}

let cachedPackageRoot: string | undefined;

/** The folder holding dateline's own package.json (where templates/ and public/ live). */
export function packageRoot(): string {
  if (cachedPackageRoot) return cachedPackageRoot;
  let dir = path.dirname(fileURLToPath(import.meta.url));
  while (!existsSync(path.join(dir, 'package.json'))) {
    const up = path.dirname(dir);
    if (up === dir) throw new Error('Internal error: dateline’s package.json was not found above ' + dir);
    dir = up;
  }
  cachedPackageRoot = dir;
  return dir;
}

/** Maps a page URL (`/a/b/`, `/404.html`) to its file path inside the output folder. */
export function urlToFile(url: string): string {
  const clean = decodeURI(url).replace(/^\/+/, '');
  if (clean === '' || clean.endsWith('/')) return clean + 'index.html';
  return clean;
}
