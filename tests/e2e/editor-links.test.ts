import { test } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { article, makeSite, removeSite, runCli } from '../helpers/project.js';

const TARGET = 'content/articles/2025/05/budget-vote/index.md';
const SOURCE = 'content/articles/2025/05/vote-reaction/index.md';

/** Parses `  4:7  error  message  rule-id` lines, remembering the file heading above them. */
function problems(stderr: string): { file: string; line: number; column: number; severity: string; rule: string; text: string }[] {
  const out = [];
  let file = '';
  for (const l of stderr.split('\n')) {
    if (/^\S/.test(l)) file = l.trim();
    const m = /^\s+(\d+):(\d+)\s+(error|warning)\s+(.*?)\s{2}(\S+)$/.exec(l);
    if (m) out.push({ file, line: +m[1]!, column: +m[2]!, severity: m[3]!, text: m[4]!, rule: m[5]! });
  }
  return out;
}

/** 1-based line and column of `needle` in `text`. */
function positionOf(text: string, needle: string): { line: number; column: number } {
  const i = text.indexOf(needle);
  assert.ok(i >= 0, needle);
  const before = text.slice(0, i).split('\n');
  return { line: before.length, column: before.at(-1)!.length + 1 };
}

const body = `Officials said the vote would go ahead. See [the vote](/politics/2025/05/budget-vot/) and
[the reaction](../budget-vote/#reaction), [a missing heading](../budget-vote/#reactions),
[this page](#nope), [the section](/politics/), [the author](/authors/jane-doe/), [about](/about/),
[the archive](/archive/2025/), [a tag](/tags/budget/), [same story by file](../budget-vote/index.md),
[outside](https://example.org/report), [bare](www.example.org/page), [nothing](https:///x).

## Background

[Back up](#background) and [to the top of the other story](/politics/2025/05/budget-vote/).
`;

test('check reports every broken internal link and anchor with its position and a did-you-mean', async () => {
  const source = article({ title: 'Reaction to the vote', date: '2025-05-06T09:00:00+03:00' }, body);
  const root = await makeSite({
    [TARGET]: article({ tags: '[budget]' }, 'The vote passed.\n\n## Reaction\n\nOpposition members walked out.\n'),
    [SOURCE]: source,
    'content/pages/about.md': '---\ntitle: About us\n---\n\nWho we are.\n',
  });
  try {
    const r = await runCli(['check'], { cwd: root });
    assert.equal(r.code, 1, r.stderr);
    const found = problems(r.stderr).filter((p) => p.rule.startsWith('link:'));
    const expect = (needle: string, rule: string, severity: string, text: RegExp) => {
      const at = positionOf(source, needle);
      const hit = found.find((p) => p.line === at.line && p.column === at.column);
      assert.ok(hit, `expected ${rule} at ${at.line}:${at.column} for ${needle} in:\n${r.stderr}`);
      assert.equal(hit.file, SOURCE);
      assert.equal(hit.rule, rule);
      assert.equal(hit.severity, severity);
      assert.match(hit.text, text);
    };
    expect('[the vote]', 'link:broken', 'error', /points to \/politics\/2025\/05\/budget-vot\/, which is not a page of this site\. Did you mean \/politics\/2025\/05\/budget-vote\/\?/);
    expect('[a missing heading]', 'link:broken-anchor', 'error', /#reactions, which \/politics\/2025\/05\/budget-vote\/ does not have\. Did you mean #reaction\?/);
    expect('[this page]', 'link:broken-anchor', 'error', /#nope, which this page does not have/);
    expect('[same story by file]', 'link:broken', 'error', /source file of “Parliament passes the budget”; the published page is at \/politics\/2025\/05\/budget-vote\//);
    expect('[bare]', 'link:invalid-url', 'warning', /looks like a web address without `https:\/\/`/);
    expect('[nothing]', 'link:invalid-url', 'warning', /is not a valid URL/);
    assert.equal(found.length, 6, `no other link problems:\n${r.stderr}`);
  } finally {
    await removeSite(root);
  }
});

test('a link from a published story to an embargoed one is a warning until it is out', async () => {
  const root = await makeSite({
    [TARGET]: article({ date: '2025-05-05T09:00:00+03:00' }),
    'content/articles/2025/05/next-week/index.md': article({ title: 'Next week', date: '2025-05-12T09:00:00+03:00' }),
    [SOURCE]: article({ title: 'Reaction', date: '2025-05-06T09:00:00+03:00' }, 'See [next week’s story](../next-week/).\n'),
  });
  try {
    const before = await runCli(['check', '--now', '2025-05-07T00:00:00+03:00'], { cwd: root });
    assert.equal(before.code, 0, before.stderr);
    assert.match(before.stderr, /warning\s+The link `\.\.\/next-week\/` points to “Next week”, which is embargoed until 2025-05-12T09:00:00\+03:00/);
    const after = await runCli(['check', '--now', '2025-05-13T00:00:00+03:00'], { cwd: root });
    assert.equal(after.code, 0, after.stderr);
    assert.doesNotMatch(after.stderr, /link:/);
  } finally {
    await removeSite(root);
  }
});

test('check --external fetches external links (a local server) and warns about dead ones', async () => {
  const server = http.createServer((req, res) => {
    res.statusCode = req.url === '/ok' ? 200 : req.url === '/slow' ? 200 : 404;
    if (req.url === '/slow') setTimeout(() => res.end('late'), 8000);
    else res.end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const closed = http.createServer();
  await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
  const closedPort = (closed.address() as AddressInfo).port;
  await new Promise<void>((resolve) => closed.close(() => resolve()));
  const text = article({}, `[Fine](${base}/ok), [gone](${base}/missing) and [nobody home](http://127.0.0.1:${closedPort}/x).\n`);
  const root = await makeSite({ [TARGET]: text });
  try {
    const offline = await runCli(['check'], { cwd: root });
    assert.equal(offline.code, 0, offline.stderr);
    assert.doesNotMatch(offline.stderr, /link:unreachable/, 'offline by default');

    const r = await runCli(['check', '--external'], { cwd: root });
    assert.equal(r.code, 0, r.stderr);
    const found = problems(r.stderr).filter((p) => p.rule === 'link:unreachable');
    assert.equal(found.length, 2, r.stderr);
    assert.deepEqual(found.map((p) => p.line), [9, 9]);
    assert.match(r.stderr, new RegExp(`${base}/missing answered HTTP 404`));
    assert.match(r.stderr, new RegExp(`127\\.0\\.0\\.1:${closedPort}/x could not be reached \\(ECONNREFUSED\\)`));
    assert.doesNotMatch(r.stderr, /\/ok /);
  } finally {
    server.closeAllConnections();
    server.close();
    await removeSite(root);
  }
});
