import { readFileSync } from 'node:fs';
import path from 'node:path';
import { createHash } from 'node:crypto';

/** A quote followed by a dot: where a relative module path may start. */
const OPENINGS = [
  { needle: Buffer.from("'."), quote: 0x27 },
  { needle: Buffer.from('".'), quote: 0x22 },
];
const RELATIVE_MODULE = /^\.{1,2}\/[^\n]*\.js$/;

/** The relative paths of compiled modules a module's text names (imports, dynamic imports, `new URL(…, import.meta.url)`), found with native searches rather than a regular expression over the decoded text (a bundle is most of a megabyte). */
function namedModules(bytes: Buffer): string[] {
  const out: string[] = [];
  for (const { needle, quote } of OPENINGS) {
    for (let i = bytes.indexOf(needle); i >= 0; i = bytes.indexOf(needle, i + 1)) {
      const end = bytes.indexOf(quote, i + 1);
      if (end < 0) break;
      if (end - i > 512) continue;
      const text = bytes.toString('latin1', i + 1, end);
      if (RELATIVE_MODULE.test(text)) out.push(text);
    }
  }
  return out;
}

const memo = new Map<string, string>();
const bytesOf = new Map<string, Buffer>();

/** A compiled file's bytes, read once per process: the program key (render/program-key.ts) and the code keys hash the same files. */
export function programFile(abs: string): Buffer {
  let bytes = bytesOf.get(abs);
  if (!bytes) bytesOf.set(abs, (bytes = readFileSync(abs)));
  return bytes;
}

/**
 * A hash of a compiled module and of every module it names by a relative path, transitively: the
 * code a cached result was made by, so the result outlives upgrades that did not touch that code
 * (a template edit keeps every validated article and every feed). A string that only looks like
 * a module path adds a file to the hash, never removes one: such a key can change more often than
 * it must, not less. Packages are not followed: their versions are in the dependency lock, which
 * discards the content store whole, and the vendor bundles (src/vendor/) that hold most of them
 * are part of the closure.
 */
export function codeKey(entry: string): string {
  const known = memo.get(entry);
  if (known) return known;
  const h = createHash('sha256');
  const seen = new Set<string>();
  const queue = [path.resolve(entry)];
  for (let file = queue.shift(); file !== undefined; file = queue.shift()) {
    if (seen.has(file)) continue;
    seen.add(file);
    let bytes: Buffer;
    try {
      bytes = programFile(file);
    } catch {
      continue;
    }
    h.update(path.relative(path.dirname(entry), file)).update('\0').update(bytes).update('\0');
    for (const rel of namedModules(bytes)) queue.push(path.resolve(path.dirname(file), rel));
  }
  const key = h.digest('hex');
  memo.set(entry, key);
  return key;
}
