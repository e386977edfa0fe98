import { promises as fs } from 'node:fs';
import path from 'node:path';
import { cleanInvisible } from '../load/invisible.js';
import { writeAtomic } from '../util/fs.js';
import { toPosix } from '../util/paths.js';

/** One file `check --fix` rewrote, and how many characters it removed or replaced. */
export interface FixedFile {
  file: string;
  changes: number;
}

/**
 * `dateline check --fix`: removes from every Markdown and YAML file under content/ what text pasted
 * from a word processor leaves that is safe to remove (zero-width spaces, word joiners, stray
 * byte-order marks, soft hyphens; non-breaking spaces in indentation become spaces). Each file
 * is replaced atomically, so an interrupted run never leaves half a file.
 */
export async function fixContent(root: string): Promise<FixedFile[]> {
  const contentDir = path.join(root, 'content');
  let entries: string[];
  try {
    entries = (await fs.readdir(contentDir, { recursive: true })).map(String).sort();
  } catch {
    return [];
  }
  const fixed: FixedFile[] = [];
  const utf8 = new TextDecoder('utf-8', { fatal: true });
  for (const rel of entries.filter((e) => /\.(md|ya?ml)$/.test(e))) {
    const abs = path.join(contentDir, rel);
    let text: string;
    try {
      text = utf8.decode(await fs.readFile(abs));
    } catch {
      continue; // unreadable or not UTF-8: `check` reports it
    }
    const { text: clean, changes } = cleanInvisible(text);
    if (!changes) continue;
    await writeAtomic(abs, clean);
    fixed.push({ file: toPosix(path.relative(root, abs)), changes });
  }
  return fixed;
}
