import http from 'node:http';
import { createHash } from 'node:crypto';
import { existsSync, promises as fs } from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import { listFiles } from '../../src/util/fs.js';
import { repoRoot } from './project.js';

/** The folder of one import fixture: tests/fixtures/import/<name>. */
export const importFixture = (name: string): string => path.join(repoRoot, 'tests', 'fixtures', 'import', name);

/** A plain JPEG of the given size, made on the spot (the fixtures hold no photos). */
export function photo(width: number, height: number, colour = '#7a9a5a'): Promise<Buffer> {
  return sharp({ create: { width, height, channels: 3, background: colour } }).jpeg({ quality: 70 }).toBuffer();
}

/** Serves `routes` (URL path → body and content type) on 127.0.0.1; anything else is a 404. */
export async function serveRoutes(routes: Record<string, { body: string | Buffer; type: string }>): Promise<{ url: string; requests: string[]; close: () => Promise<void> }> {
  const requests: string[] = [];
  const server = http.createServer((req, res) => {
    const p = new URL(req.url ?? '/', 'http://x').pathname;
    requests.push(p);
    const hit = routes[p];
    if (!hit) {
      res.writeHead(404, { 'content-type': 'text/plain' });
      res.end('not found');
      return;
    }
    res.writeHead(200, { 'content-type': hit.type });
    res.end(hit.body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return { url: `http://127.0.0.1:${port}`, requests, close: () => new Promise((r) => server.close(() => r())) };
}

/**
 * Every file below `dir` with a hash of its bytes and its mtime, to show that a run wrote nothing.
 * `.cache/` and `_site/` are left out: they belong to the check and build that follow an import.
 */
export async function snapshot(dir: string): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  if (!existsSync(dir)) return out;
  for (const rel of (await listFiles(dir)).sort()) {
    if (/^(?:\.cache|_site)\//.test(rel.split(path.sep).join('/'))) continue;
    const stat = await fs.stat(path.join(dir, rel));
    out[rel] = createHash('sha256').update(await fs.readFile(path.join(dir, rel))).digest('hex') + ' ' + stat.mtimeMs;
  }
  return out;
}

/** The front matter and body of a written Markdown file. */
export async function readDoc(file: string): Promise<{ fm: string; body: string }> {
  const text = await fs.readFile(file, 'utf8');
  const m = /^---\n([\s\S]*?)\n---\n\n([\s\S]*)$/.exec(text);
  if (!m) throw new Error(`${file} has no front matter`);
  return { fm: m[1]!, body: m[2]! };
}

/** Each old URL of an import must be a page or a redirect page in the built site. */
export async function missingOldUrls(root: string, out: string): Promise<string[]> {
  const urls = (await fs.readFile(path.join(root, '.dateline', 'imported-urls.txt'), 'utf8')).split('\n').filter(Boolean);
  return urls.filter((u) => !existsSync(path.join(out, u.endsWith('/') ? u + 'index.html' : u)));
}
