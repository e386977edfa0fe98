import { promises as fs } from 'node:fs';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import type { DeltaFile } from '../../src/render/search-index.js';

/** One record a reader can find: its URL, the index language it is in, its title, date and text. */
export interface FoundRecord {
  url: string;
  language: string;
  title: string;
  date: string;
  content: string;
}

/** Every fragment of a Pagefind bundle, by page id (single fragment files or grouped ones). */
async function fragments(bundle: string): Promise<Map<string, { url: string; content: string; meta: Record<string, string> }>> {
  const out = new Map<string, { url: string; content: string; meta: Record<string, string> }>();
  const dir = path.join(bundle, 'fragment');
  for (const name of await fs.readdir(dir).catch(() => [] as string[])) {
    const raw = gunzipSync(await fs.readFile(path.join(dir, name))).toString('utf8').replace(/^pagefind_dcd/, '');
    const data = JSON.parse(raw);
    if (typeof data.url === 'string') out.set(name.replace(/\.pf_fragment$/, ''), data);
    else for (const [id, f] of Object.entries(data)) out.set(id, f as { url: string; content: string; meta: Record<string, string> });
  }
  return out;
}

/**
 * The records a reader of a built site can find, as the search page sees them: the archive
 * bundle's records not superseded by `/pagefind/delta.json`, plus the delta bundle's. Throws when
 * one URL would be found twice.
 */
export async function searchRecords(site: string): Promise<FoundRecord[]> {
  const root = path.join(site, 'pagefind');
  const delta = JSON.parse(await fs.readFile(path.join(root, 'delta.json'), 'utf8')) as DeltaFile;
  const drop = new Set(delta.superseded);
  const found = new Map<string, FoundRecord>();
  const add = (id: string, f: { url: string; content: string; meta: Record<string, string> }) => {
    if (found.has(f.url)) throw new Error(`${f.url} is found twice in the search index of ${site}`);
    found.set(f.url, { url: f.url, language: id.split('_')[0]!, title: f.meta.title ?? '', date: f.meta.date ?? '', content: f.content });
  };
  for (const [id, f] of await fragments(root)) if (!drop.has(id)) add(id, f);
  if (delta.bundle) for (const [id, f] of await fragments(path.join(root, delta.bundle))) add(id, f);
  return [...found.values()].sort((a, b) => (a.url < b.url ? -1 : 1));
}
