import { existsSync, promises as fs } from 'node:fs';
import path from 'node:path';
import { parseDocument, stringify, isSeq, YAMLSeq } from '../vendor/yaml.js';
import type { SourceAuthor } from './types.js';

/** `---\n<front matter>---\n\n<body>` with YAML as dateline writes it. */
export function documentText(frontMatter: Record<string, unknown>, body: string): string {
  return `---\n${stringify(frontMatter, { lineWidth: 0 })}---\n\n${body.trim()}\n`;
}

/** Writes a file only when it does not exist yet; false when it existed (nothing written). */
export async function writeNew(file: string, text: string, dryRun: boolean): Promise<boolean> {
  if (existsSync(file)) return false;
  if (dryRun) return true;
  await fs.mkdir(path.dirname(file), { recursive: true });
  try {
    await fs.writeFile(file, text, { flag: 'wx' });
    return true;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw err;
  }
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** content/authors/<id>.yaml for an imported author; false when the file exists already. */
export function writeAuthor(root: string, id: string, author: SourceAuthor, dryRun: boolean): Promise<boolean> {
  const data: Record<string, string> = { name: author.name };
  if (author.bio) data.bio = author.bio;
  if (author.url && /^https?:\/\//.test(author.url)) data.url = author.url;
  if (author.email && EMAIL.test(author.email)) data.email = author.email;
  return writeNew(path.join(root, 'content', 'authors', `${id}.yaml`), stringify(data, { lineWidth: 0 }), dryRun);
}

/** Adds sections to content/site.yaml, keeping its comments and layout. */
export async function addSections(root: string, sections: { id: string; title: string }[], dryRun: boolean): Promise<void> {
  if (!sections.length || dryRun) return;
  const file = path.join(root, 'content', 'site.yaml');
  const doc = parseDocument(await fs.readFile(file, 'utf8'));
  let seq = doc.get('sections');
  if (!isSeq(seq)) {
    seq = new YAMLSeq();
    doc.set('sections', seq);
  }
  for (const s of sections) (seq as YAMLSeq).add(doc.createNode({ id: s.id, title: s.title }));
  await fs.writeFile(file, doc.toString({ lineWidth: 0 }));
}

/** Adds old URLs to `.dateline/imported-urls.txt` (one a line, sorted, each once). */
export async function recordUrls(root: string, urls: string[], dryRun: boolean): Promise<string> {
  const file = path.join(root, '.dateline', 'imported-urls.txt');
  if (dryRun) return file;
  const before = existsSync(file) ? (await fs.readFile(file, 'utf8')).split('\n').filter(Boolean) : [];
  const all = [...new Set([...before, ...urls])].sort();
  const text = all.join('\n') + (all.length ? '\n' : '');
  const old = before.join('\n') + (before.length ? '\n' : '');
  if (text !== old || !existsSync(file)) {
    await fs.mkdir(path.dirname(file), { recursive: true });
    await fs.writeFile(file, text);
  }
  return file;
}
