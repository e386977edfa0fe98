import { test } from 'node:test';
import assert from 'node:assert/strict';
import { renderMarkdown } from '../../src/markdown/index.js';
import type { MarkdownInput } from '../../src/markdown/types.js';

const render = (body: string, extra: Partial<MarkdownInput> = {}) =>
  renderMarkdown({ file: 'content/articles/2025/05/vote/index.md', body, bodyLine: 7, lang: 'en', wordsPerMinute: 200, ...extra });

test('links are listed in order with file positions, references resolved through their definitions', () => {
  const r = render('Intro.\n\nSee [the report][r], <https://example.org/a> and [Amman](/tags/amman/).\n\n[r]: https://example.org/report\n');
  assert.deepEqual(r.links, [
    { url: 'https://example.org/report', position: { line: 9, column: 5 } },
    { url: 'https://example.org/a', position: { line: 9, column: 22 } },
    { url: '/tags/amman/', position: { line: 9, column: 50 } },
  ]);
});

test('photos carry caption, credit and their place in the file', () => {
  const r = render('Text.\n\n:::figure{credit="Reuters"}\n![Crowd in the square](crowd.jpg)\nThe crowd at noon.\n:::\n');
  assert.deepEqual(r.photos, [{ src: 'crowd.jpg', alt: 'Crowd in the square', caption: 'The crowd at noon.', credit: 'Reuters', position: { line: 10, column: 1 } }]);
  assert.match(r.html, /<figure>\n<img data-photo="crowd.jpg" alt="Crowd in the square">\n<figcaption>/);
});

test('word count and reading time', () => {
  const words = Array.from({ length: 650 }, (_, i) => `word${i}`).join(' ');
  const r = render(`${words}\n`);
  assert.equal(r.wordCount, 650);
  assert.equal(r.readingMinutes, 3);
  assert.equal(render('Short.\n').readingMinutes, 1);
});

test('Arabic: words counted, headings keep Arabic ids, punctuation untouched', () => {
  const r = render('## العائلات في الطريق\n\nقال "المتحدث" إن المعارك مستمرة.\n', { lang: 'ar', title: 'عنوان "هنا"' });
  assert.deepEqual(r.headings, [{ depth: 2, id: 'العائلات-في-الطريق', text: 'العائلات في الطريق' }]);
  assert.equal(r.wordCount, 8);
  assert.equal(r.title, 'عنوان "هنا"');
});

test('headline and dek get typographic punctuation', () => {
  const r = render('Body.\n', { title: 'Vote "delayed" -- again', summary: "MPs' 'last' chance..." });
  assert.equal(r.title, 'Vote “delayed” – again');
  assert.equal(r.summary, 'MPs’ ‘last’ chance…');
});

test('content problems never throw and are positioned in the file', () => {
  const r = render('![Sign](sign%zz.jpg)\n\n<p onclick="x()">Hi</p>\n\n:::sidebar\nAside.\n:::\n');
  assert.deepEqual(
    r.diagnostics.map((d) => `${d.position?.line}:${d.position?.column} ${d.severity} ${d.ruleId}`),
    ['9:1 warning body:raw-html-removed', '11:1 warning body:unknown-directive'],
  );
  assert.ok(r.diagnostics.every((d) => d.file === 'content/articles/2025/05/vote/index.md' && d.message.endsWith('.')));
});

test('footnote links point at ids that exist', () => {
  const r = render('Claim.[^1]\n\n[^1]: Source.\n');
  const hrefs = [...r.html.matchAll(/href="#([^"]+)"/g)].map((m) => m[1]);
  const ids = new Set([...r.html.matchAll(/ id="([^"]+)"/g)].map((m) => m[1]));
  assert.ok(hrefs.length >= 2);
  for (const h of hrefs) assert.ok(ids.has(h), `#${h} has no target`);
});

test('raw HTML links are listed with Markdown links; footnote anchors and removed URLs are not', () => {
  const r = render('See [a](/a/).[^1]\n\n<p>Also <a href="/raw/">raw</a> and <a href="javascript:x()">bad</a>.</p>\n\n[^1]: Note with [b](/b/).\n');
  assert.deepEqual(r.links, [
    { url: '/a/', position: { line: 7, column: 5 } },
    { url: '/raw/', position: { line: 9, column: 9 } },
    { url: '/b/', position: { line: 11, column: 17 } },
  ]);
});

test('an exception while rendering one body becomes that file’s internal:article-failed error', async () => {
  const { renderMarkdownSafely } = await import('../../src/markdown/index.js');
  // A body that is not a string makes the parser throw, as a bug inside a plugin would.
  const r = renderMarkdownSafely({ file: 'content/articles/2025/05/vote/index.md', body: undefined as unknown as string, bodyLine: 7, lang: 'en', wordsPerMinute: 200 });
  assert.equal(r.html, '');
  assert.deepEqual(
    r.diagnostics.map((d) => [d.file, d.position?.line, d.ruleId, d.severity]),
    [['content/articles/2025/05/vote/index.md', 7, 'internal:article-failed', 'error']],
  );
  assert.match(r.diagnostics[0]!.hint ?? '', /report/);
});
