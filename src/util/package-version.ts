import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const versions = new Map<string, string>();

/** The installed version of a dependency (read from its package.json, which not every package exports). */
export function packageVersion(name: string): string {
  const hit = versions.get(name);
  if (hit) return hit;
  let version = '?';
  try {
    let dir = path.dirname(fileURLToPath(import.meta.resolve(name)));
    while (dir !== path.dirname(dir)) {
      const file = path.join(dir, 'package.json');
      if (existsSync(file)) {
        const pkg = JSON.parse(readFileSync(file, 'utf8')) as { name?: string; version?: string };
        if (pkg.name === name && pkg.version) {
          version = pkg.version;
          break;
        }
      }
      dir = path.dirname(dir);
    }
  } catch {
    // unresolvable: '?' still keys the cache, just less precisely
  }
  versions.set(name, version);
  return version;
}
