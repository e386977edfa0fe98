import { promises as fs } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { listFiles } from '../../src/util/fs.js';

const LAYOUTS: Record<string, string> = {
  '_default/baseof.html': '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>{{ .Title }}</title></head><body>{{ block "main" . }}{{ end }}</body></html>',
  '_default/single.html': '{{ define "main" }}<article><h1>{{ .Title }}</h1><p>{{ .Summary }}</p><time datetime="{{ .Date.Format "2006-01-02T15:04:05Z07:00" }}">{{ .Date.Format "2 January 2006" }}</time>{{ .Content }}<ul>{{ range .Params.tags }}<li><a href="{{ "/tags/" | relURL }}{{ . | urlize }}/">{{ . }}</a></li>{{ end }}</ul></article>{{ end }}',
  '_default/list.html': '{{ define "main" }}<h1>{{ .Title }}</h1>{{ range .Paginator.Pages }}<h2><a href="{{ .RelPermalink }}">{{ .Title }}</a></h2><p>{{ .Params.summary }}</p>{{ end }}{{ template "_internal/pagination.html" . }}{{ end }}',
  'index.html': '{{ define "main" }}{{ range first 12 .Site.RegularPages }}<h2><a href="{{ .RelPermalink }}">{{ .Title }}</a></h2>{{ end }}{{ end }}',
};

/**
 * An equivalent minimal Hugo site of a dateline corpus: the same articles (front matter and
 * body), an article page, a home page, paginated section and tag pages; Goldmark's typographer
 * is on, as dateline's typography plugin is.
 */
export async function writeHugoSite(corpus: string, dir: string): Promise<void> {
  await fs.rm(dir, { recursive: true, force: true });
  const articles = path.join(corpus, 'content/articles');
  await fs.mkdir(path.join(dir, 'content'), { recursive: true });
  await fs.writeFile(
    path.join(dir, 'config.yaml'),
    'baseURL: https://bench.example/\ntitle: Bench Ledger\nlanguageCode: en\npaginate: 20\ndisableKinds: [RSS]\nmarkup:\n  goldmark:\n    extensions:\n      typographer: true\n    renderer:\n      unsafe: false\ntaxonomies:\n  tag: tags\n',
  );
  for (const [file, text] of Object.entries(LAYOUTS)) {
    await fs.mkdir(path.dirname(path.join(dir, 'layouts', file)), { recursive: true });
    await fs.writeFile(path.join(dir, 'layouts', file), text);
  }
  for (const rel of await listFiles(articles)) {
    if (!rel.endsWith('index.md')) continue;
    const text = await fs.readFile(path.join(articles, rel), 'utf8');
    const [, fm, body] = /^---\n([\s\S]*?)\n---\n([\s\S]*)$/.exec(text)!;
    const data = parse(fm!) as { title: string; summary: string; date: string; tags: string[]; section: string };
    const slug = path.basename(path.dirname(rel));
    const out = path.join(dir, 'content', data.section, `${slug}.md`);
    await fs.mkdir(path.dirname(out), { recursive: true });
    await fs.writeFile(out, `---\n${JSON.stringify({ title: data.title, summary: data.summary, date: data.date, tags: data.tags })}\n---\n${body}`);
  }
}
