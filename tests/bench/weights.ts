import { promises as fs } from 'node:fs';
import path from 'node:path';
import { gzipSync, brotliCompressSync } from 'node:zlib';

const PAGES: Record<string, string> = {
  home: 'index.html',
  article: 'conflict/2017/10/hama-rebels-fight-to-retake-villages/index.html',
  'article (Arabic)': 'ar/conflict/2017/10/hama-rebels-fight-to-retake-villages-ar/index.html',
  section: 'conflict/index.html',
  tag: 'tags/syria/index.html',
  search: 'search/index.html',
};

/** Page weight per page type: HTML, CSS and JS (photos aside), raw, gzip and brotli. */
export async function pageWeights(site: string): Promise<string> {
  const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;
  const rows: string[] = [];
  for (const [name, file] of Object.entries(PAGES)) {
    const html = await fs.readFile(path.join(site, file));
    const assets = [...html.toString().matchAll(/(?:href|src)="(\/[^"]+\.(?:css|js))"/g)].map((m) => m[1]!).filter((a) => !a.startsWith('/pagefind/'));
    const parts = [html, ...(await Promise.all(assets.map((a) => fs.readFile(path.join(site, a)))))];
    const raw = parts.reduce((n, b) => n + b.length, 0);
    const gz = parts.reduce((n, b) => n + gzipSync(b).length, 0);
    const br = parts.reduce((n, b) => n + brotliCompressSync(b).length, 0);
    rows.push(`| ${name} | ${kb(html.length)} | ${kb(gzipSync(html).length)} | ${assets.join(', ')} | ${kb(raw)} | ${kb(gz)} | ${kb(br)} |`);
  }
  return ['### Page weight (HTML + its CSS and JS, photos aside)', '', '| page | HTML | HTML gzip | CSS/JS | total raw | total gzip | total brotli |', '|---|--:|--:|---|--:|--:|--:|', ...rows, ''].join('\n');
}
