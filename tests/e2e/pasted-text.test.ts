import { test } from 'node:test';
import assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { article, makeSite, removeSite, runCli } from '../helpers/project.js';

const A = 'content/articles/2025/05/budget-vote/index.md';
const NBSP = '\u00A0';

/** `  4:7  warning  message  rule-id` lines of the reporter's output. */
function problems(stderr: string) {
  return [...stderr.matchAll(/^\s+(\d+):(\d+)\s+(error|warning)\s+(.*?)\s{2}(\S+)$/gm)].map((m) => ({ at: `${m[1]}:${m[2]}`, severity: m[3], text: m[4]!, rule: m[5] }));
}

test('text pasted from a word processor: invisible characters are positioned warnings, and check --fix removes them atomically', async () => {
  const pasted = article(
    { title: 'Parliament passes the\u200B budget', tags: `\n${NBSP}${NBSP}- budget` },
    `The vote\u200B was close. Parlia\u00ADment met on Tuesday.\n\n${NBSP}${NBSP}A paragraph indented with non-breaking spaces.\n`,
  );
  // Persian needs the zero-width non-joiner: it is never reported or removed.
  const persian = article({ title: 'می‌خواهد', lang: 'ar' }, 'نمی‌دانم که چه شد.\n');
  // The author has an Arabic name, so the right-to-left story has no untranslated label to report.
  const root = await makeSite({ [A]: pasted, 'content/articles/2025/05/persian/index.md': persian, 'content/authors/jane-doe.yaml': 'name: { en: Jane Doe, ar: جين دو }\nrole: Reporter\n' });
  try {
    const before = await runCli(['check'], { cwd: root });
    assert.equal(before.code, 1, 'non-breaking spaces as YAML indentation are an error');
    const found = problems(before.stderr);
    assert.deepEqual(
      found.map((p) => `${p.at} ${p.severity} ${p.rule}`),
      [
        '2:29 warning front-matter:invisible-character',
        '8:1 error front-matter:yaml-syntax',
        '11:9 warning body:invisible-character',
        '11:28 warning body:invisible-character',
        '13:1 warning body:invisible-character',
      ],
      before.stderr,
    );
    assert.match(found[0]!.text, /zero-width space \(U\+200B\)/);
    assert.match(found[1]!.text, /indented with non-breaking spaces/);
    assert.match(found[3]!.text, /soft hyphen \(U\+00AD\)/);
    assert.doesNotMatch(before.stderr, /persian/);

    const fixed = await runCli(['check', '--fix'], { cwd: root });
    assert.equal(fixed.code, 0, fixed.stderr);
    assert.match(fixed.stdout, new RegExp(`^Fixed ${A}: 7 invisible characters removed or made plain spaces$`, 'm'));
    assert.doesNotMatch(fixed.stdout, /persian/);
    assert.equal(fixed.stderr, '');
    const text = await fs.readFile(path.join(root, A), 'utf8');
    assert.equal(text, article({ title: 'Parliament passes the budget', tags: '\n  - budget' }, 'The vote was close. Parliament met on Tuesday.\n\n  A paragraph indented with non-breaking spaces.\n'));
    assert.equal(await fs.readFile(path.join(root, 'content/articles/2025/05/persian/index.md'), 'utf8'), persian);
    assert.deepEqual(await fs.readdir(path.join(root, 'content/articles/2025/05/budget-vote')), ['index.md'], 'no temporary file is left');
  } finally {
    await removeSite(root);
  }
});
