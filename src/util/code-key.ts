import { readFileSync } from 'node:fs';
import path from 'node:path';
import { createHash } from 'node:crypto';

/** A relative path to a compiled module, as an import (static or dynamic) or `new URL(…, import.meta.url)` writes it. */
const RELATIVE_MODULE = /['"](\.{1,2}\/[^'"\n]+\.js)['"]/g;

const memo = new Map<string, string>();

/**
 * A hash of a compiled module and of every module it names by a relative path, transitively: the
 * code a cached result was made by, so the result outlives upgrades that did not touch that code
 * (a template edit keeps every validated article). A string that only looks like a module path
 * adds a file to the hash, never removes one: such a key can change more often than it must, not
 * less. Packages are not followed: their versions are in the dependency lock, which discards the
 * content store whole.
 */
export function codeKey(entry: string): string {
  const known = memo.get(entry);
  if (known) return known;
  const h = createHash('sha256');
  const seen = new Set<string>();
  const queue = [path.resolve(entry)];
  while (queue.length) {
    const file = queue.shift()!;
    if (seen.has(file)) continue;
    seen.add(file);
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch {
      continue;
    }
    h.update(path.relative(path.dirname(entry), file)).update('\0').update(text).update('\0');
    for (const m of text.matchAll(RELATIVE_MODULE)) queue.push(path.resolve(path.dirname(file), m[1]!));
  }
  const key = h.digest('hex');
  memo.set(entry, key);
  return key;
}
