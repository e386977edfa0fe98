import { test } from 'node:test';
import assert from 'node:assert/strict';
import { article, makeSite, removeSite, runCli } from '../helpers/project.js';

const A = 'content/articles/2025/05/budget-vote/index.md';

/** Parses `  4:7  error  message  rule-id` lines from the reporter's output. */
function problems(stderr: string): { line: number; column: number; severity: string; rule: string; text: string }[] {
  const out = [];
  for (const l of stderr.split('\n')) {
    const m = /^\s+(\d+):(\d+)\s+(error|warning)\s+(.*?)\s{2}(\S+)$/.exec(l);
    if (m) out.push({ line: +m[1]!, column: +m[2]!, severity: m[3]!, text: m[4]!, rule: m[5]! });
  }
  return out;
}

interface Case {
  name: string;
  files: Record<string, string | Uint8Array>;
  rule: string;
  line: number;
  code?: number;
  args?: string[];
  text?: RegExp;
}

const cases: Case[] = [
  { name: 'YAML syntax error', files: { [A]: '---\ntitle: "Unclosed\nsummary: x\n---\nBody.\n' }, rule: 'front-matter:yaml-syntax', line: 2, text: /double quote that opens the value of `title:` is never closed/ },
  { name: 'YAML key indented more than the line above (one error, on its line)', files: { [A]: article({ image: '\n  src: a.jpg\n    alt: A photo' }) }, rule: 'front-matter:yaml-syntax', line: 9, text: /^`alt:` is indented more than `src:` on the line above/ },
  { name: 'YAML indented with a tab', files: { [A]: article({ image: '\n\tsrc: a.jpg' }) }, rule: 'front-matter:yaml-syntax', line: 8, text: /indented with a tab/ },
  { name: 'curly quotes used as YAML quotes', files: { [A]: article({ title: '“Parliament passes the budget”' }) }, rule: 'yaml:curly-quotes', line: 2, code: 0, text: /wrapped in curly quotes/ },
  { name: 'missing title', files: { [A]: article({ title: null }) }, rule: 'front-matter:missing-field', line: 2, text: /`title` is required/ },
  { name: 'missing summary', files: { [A]: article({ summary: null }) }, rule: 'front-matter:missing-field', line: 2, text: /`summary` is required/ },
  { name: 'missing date', files: { [A]: article({ date: null }) }, rule: 'front-matter:missing-field', line: 2, text: /`date` is required/ },
  { name: 'missing section', files: { [A]: article({ section: null }) }, rule: 'front-matter:missing-field', line: 2, text: /`section` is required/ },
  { name: 'neither authors nor byline', files: { [A]: article({ authors: null }) }, rule: 'front-matter:missing-author', line: 1 },
  { name: 'unparseable date', files: { [A]: article({ date: 'May 5' }) }, rule: 'front-matter:invalid-date', line: 4, text: /received "May 5"/ },
  { name: 'date that names no day', files: { [A]: article({ date: '2025-05-32T09:00:00' }) }, rule: 'front-matter:invalid-date', line: 4, text: /received "2025-05-32T09:00:00"/ },
  {
    name: 'updated before date',
    files: { [A]: article({ updated: '2025-05-04T09:00:00+03:00', updateNote: 'x' }) },
    rule: 'front-matter:updated-before-date',
    line: 7,
  },
  { name: 'unknown section', files: { [A]: article({ section: 'politcs' }) }, rule: 'front-matter:unknown-section', line: 6, text: /Did you mean “politics”/ },
  { name: 'unknown author', files: { [A]: article({ authors: '[jane-do]' }) }, rule: 'front-matter:unknown-author', line: 5, text: /Did you mean “jane-doe”/ },
  { name: 'unknown key', files: { [A]: article({ tittle: 'x' }) }, rule: 'front-matter:unknown-key', line: 7, code: 0, text: /Did you mean “title”/ },
  { name: 'unknown key under --strict', files: { [A]: article({ tittle: 'x' }) }, rule: 'front-matter:unknown-key', line: 7, code: 1, args: ['--strict'] },
  {
    name: 'lead photo without alt',
    files: { [A]: article({ image: '\n  src: hero.jpg\n  caption: A crowd' }), 'content/articles/2025/05/budget-vote/hero.jpg': 'not checked here' },
    rule: 'front-matter:missing-alt',
    line: 7,
  },
  { name: 'photo that does not exist', files: { [A]: article({ image: '\n  src: missing.jpg\n  alt: A crowd' }) }, rule: 'photo:not-found', line: 8 },
  { name: 'photo outside the bundle', files: { [A]: article({ image: '\n  src: ../../x.jpg\n  alt: A crowd' }) }, rule: 'photo:outside-bundle', line: 8 },
  { name: 'absolute photo path', files: { [A]: article({ image: '\n  src: /etc/hostname\n  alt: A crowd' }) }, rule: 'photo:outside-bundle', line: 8 },
  {
    name: 'two articles with the same URL',
    files: { [A]: article(), 'content/articles/2025/06/budget-vote/index.md': article() },
    rule: 'site:duplicate-url',
    line: 1,
  },
  { name: 'empty body', files: { [A]: article({}, '\n<!-- nothing yet -->\n') }, rule: 'body:empty', line: 8 },
  {
    name: 'file that is not UTF-8',
    files: { [A]: Buffer.concat([Buffer.from(article({}, 'Caf')), Buffer.from([0xe9, 0x20, 0x0a])]) },
    rule: 'file:invalid-utf8',
    line: 9,
  },
  { name: 'bad site.yaml', files: { 'content/site.yaml': 'name: X\nbaseUrl: not a url\nlanguage: en\nsections: []\n', [A]: article() }, rule: 'config:invalid', line: 2, code: 2 },
];

for (const c of cases) {
  test(`check reports: ${c.name}`, async () => {
    const root = await makeSite(c.files);
    try {
      const r = await runCli(['check', ...(c.args ?? [])], { cwd: root });
      const found = problems(r.stderr);
      const hit = found.find((p) => p.rule === c.rule);
      assert.ok(hit, `expected ${c.rule} in:\n${r.stderr}`);
      assert.equal(hit.line, c.line, `line of ${c.rule}:\n${r.stderr}`);
      if (c.text) assert.match(hit.text, c.text);
      assert.equal(r.code, c.code ?? 1, r.stderr);
      assert.doesNotMatch(r.stderr, /\n\s+at .*\(.*:\d+:\d+\)/, 'no stack trace for a content problem');
    } finally {
      await removeSite(root);
    }
  });
}

test('check lists every problem of every file in one run', async () => {
  const root = await makeSite({
    [A]: article({ date: 'May 5', section: 'sport' }),
    'content/articles/2025/05/second/index.md': article({ authors: '[nobody]', tittle: 'x' }),
  });
  try {
    const r = await runCli(['check'], { cwd: root });
    const rules = problems(r.stderr).map((p) => p.rule).sort();
    assert.deepEqual(rules, ['front-matter:invalid-date', 'front-matter:unknown-author', 'front-matter:unknown-key', 'front-matter:unknown-section']);
    assert.match(r.stderr, /✖ 3 errors, ⚠ 1 warning/);
    assert.equal(r.code, 1);
  } finally {
    await removeSite(root);
  }
});

test('an unknown flag exits 2 with a hint', async () => {
  const root = await makeSite({ [A]: article() });
  try {
    const r = await runCli(['build', '--draft'], { cwd: root });
    assert.equal(r.code, 2);
    assert.match(r.stderr, /unknown option '--draft'/);
    assert.match(r.stderr, /Did you mean --drafts\?/);
  } finally {
    await removeSite(root);
  }
});

test('a bad --now exits 2', async () => {
  const root = await makeSite({ [A]: article() });
  try {
    const r = await runCli(['build', '--now', 'tomorrow'], { cwd: root });
    assert.equal(r.code, 2);
    assert.match(r.stderr, /--now must be an ISO 8601 date/);
  } finally {
    await removeSite(root);
  }
});
