import { promises as fs } from 'node:fs';
import path from 'node:path';
import pLimit from 'p-limit';
import { listFiles } from '../util/fs.js';
import { hashFile, MANIFEST_PATH, type Manifest } from './manifest.js';

/** How the output folder differs from what its build recorded. */
export interface OutputChanges {
  edited: string[];
  added: string[];
  removed: string[];
}

/**
 * Checks a built folder against its manifest instead of trusting it: a file whose size differs,
 * or that was modified after the manifest was written, is hashed again; files another tool
 * added are hashed; files that are gone are dropped. Returns the manifest of what is really
 * there and what changed.
 */
export async function verifyOutput(dir: string, manifest: Manifest): Promise<{ manifest: Manifest; changes: OutputChanges }> {
  const written = (await fs.stat(path.join(dir, MANIFEST_PATH))).mtimeMs;
  const present = (await listFiles(dir)).filter((rel) => !rel.startsWith('.dateline/'));
  const limit = pLimit(16);
  const changes: OutputChanges = { edited: [], added: [], removed: [] };
  const files: Manifest['files'] = {};
  await Promise.all(
    present.map((rel) =>
      limit(async () => {
        const abs = path.join(dir, rel);
        const stat = await fs.stat(abs);
        const known = manifest.files[rel];
        if (known && known.bytes === stat.size && stat.mtimeMs <= written) {
          files[rel] = known;
          return;
        }
        const hash = await hashFile(abs);
        files[rel] = { hash, bytes: stat.size };
        if (!known) changes.added.push(rel);
        else if (known.hash !== hash) changes.edited.push(rel);
      }),
    ),
  );
  const there = new Set(present);
  changes.removed = Object.keys(manifest.files).filter((rel) => !there.has(rel));
  for (const list of [changes.edited, changes.added, changes.removed]) list.sort();
  return { manifest: { ...manifest, files }, changes };
}
