import { promises as fs } from 'node:fs';
import path from 'node:path';
import { readFragments, type DeltaFile, type Fragment } from '../../src/render/search-index.js';

/** One record a reader can find: its URL, the index language it is in, its title, date and text. */
export interface FoundRecord {
  url: string;
  language: string;
  title: string;
  date: string;
  content: string;
}

/**
 * The records a reader of a built site can find, as the search page sees them: the records of the
 * archive and delta bundles whose ids `/pagefind/delta.json` does not list as superseded. Throws when
 * one URL would be found twice.
 */
export async function searchRecords(site: string): Promise<FoundRecord[]> {
  const root = path.join(site, 'pagefind');
  const delta = JSON.parse(await fs.readFile(path.join(root, 'delta.json'), 'utf8')) as DeltaFile;
  const drop = new Set(delta.superseded);
  const found = new Map<string, FoundRecord>();
  const add = (id: string, f: Fragment) => {
    if (found.has(f.url)) throw new Error(`${f.url} is found twice in the search index of ${site}`);
    found.set(f.url, { url: f.url, language: id.split('_')[0]!, title: f.meta.title ?? '', date: f.meta.date ?? '', content: f.content });
  };
  for (const [id, f] of await readFragments(root)) if (!drop.has(id)) add(id, f);
  // The search page drops superseded ids from the merged results: from the delta's records too.
  if (delta.bundle) for (const [id, f] of await readFragments(path.join(root, delta.bundle))) if (!drop.has(id)) add(id, f);
  return [...found.values()].sort((a, b) => (a.url < b.url ? -1 : 1));
}
