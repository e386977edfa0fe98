import { test } from 'node:test';
import assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { validateContent } from '../../src/validate/index.js';
import { checkLinks } from '../../src/collections/links.js';
import { renderPages } from '../../src/render/index.js';
import { parseYamlSource, type YamlSource } from '../../src/util/yaml-source.js';
import type { LoadedContent, SourceArticle } from '../../src/load/types.js';
import type { ArticleHtml } from '../../src/markdown/types.js';
import { fakeArticle, fakeSite } from './helpers/fake-site.js';

const siteYaml = parseYamlSource(`name: T
baseUrl: https://t.example
language: en
languages: [{ code: en, name: English, locale: en }]
timezone: Asia/Amman
sections: [{ id: politics, title: Politics }]
`);

function source(slug: string, frontMatter: YamlSource): SourceArticle {
  return { file: `content/articles/2025/05/${slug}/index.md`, absPath: `/p/content/articles/2025/05/${slug}/index.md`, bundleDir: `/p/content/articles/2025/05/${slug}`, slug, hash: slug, frontMatter, body: 'Text.\n', bodyLine: 8, diagnostics: [] };
}

test('an exception while validating one article is that file’s internal:article-failed error at 1:1; the next article validates', () => {
  const good = source('good', parseYamlSource('title: T\nsummary: S\ndate: 2025-05-05T09:00:00+03:00\nbyline: Staff\nsection: politics\n', 1));
  // A parsed front matter whose positions cannot be read: the validator throws when it reports the missing title.
  const broken = source('broken', { data: { summary: 'S' }, errors: [], warnings: [], positionOf: () => { throw new Error('position lost'); } });
  const loaded: LoadedContent = { articles: [broken, good], pages: [], authors: [], diagnostics: [], stats: { read: 2, parsed: 2 } };
  const r = validateContent('content/site.yaml', siteYaml, loaded);
  const failure = r.diagnostics.find((d) => d.ruleId === 'internal:article-failed');
  assert.ok(failure, JSON.stringify(r.diagnostics));
  assert.equal(failure.file, broken.file);
  assert.deepEqual(failure.position, { line: 1, column: 1 });
  assert.match(failure.message, /while validating this file \(position lost\)/);
  assert.deepEqual(r.articles.map((a) => a.slug), ['good']);
  assert.deepEqual(r.failed.map((f) => f.file), [broken.file]);
});

test('an exception while checking one body’s links is that file’s error; the other bodies are still checked', () => {
  const a = fakeArticle({ slug: 'first' });
  const b = fakeArticle({ slug: 'second' });
  const site = fakeSite([a, b]);
  const throwing = { ...a.content } as ArticleHtml;
  Object.defineProperty(throwing, 'links', { get: () => { throw new Error('links unreadable'); } });
  const other: ArticleHtml = { ...b.content, links: [{ url: '/nowhere/', position: { line: 12, column: 3 } }] };
  const r = checkLinks({ site, articles: [a, b], pages: [], html: new Map([[a.file, throwing], [b.file, other]]), held: [] });
  const byRule = r.diagnostics.map((d) => `${d.file} ${d.position?.line}:${d.position?.column} ${d.ruleId}`).sort();
  assert.deepEqual(byRule, [`${a.file} 1:1 internal:article-failed`, `${b.file} 12:3 link:broken`]);
});

test('an exception in one page’s template is that article’s error and its file is not written; the other pages are', async () => {
  const good = fakeArticle({ slug: 'good' });
  const bad = fakeArticle({ slug: 'bad', authorList: null as never });
  const site = fakeSite([good, bad]);
  const out = await fs.mkdtemp(path.join(os.tmpdir(), 'dateline-isolation-'));
  try {
    const pages = site.pages.filter((p) => p.kind === 'article');
    const r = await renderPages(site, pages, out, { copyPublic: false });
    assert.deepEqual(r.failed.map((f) => [f.diagnostic.file, f.diagnostic.ruleId]), [[bad.file, 'internal:article-failed']]);
    assert.match(r.failed[0]!.diagnostic.message, /while rendering the page \/politics\/2025\/05\/bad\/ of this file/);
    assert.deepEqual(r.written, ['politics/2025/05/good/index.html']);
    await fs.access(path.join(out, 'politics/2025/05/good/index.html'));
    await assert.rejects(fs.access(path.join(out, 'politics/2025/05/bad/index.html')));
  } finally {
    await fs.rm(out, { recursive: true, force: true });
  }
});
