import { test } from 'node:test';
import assert from 'node:assert/strict';
import { article, makeSite, removeSite, runCli } from '../helpers/project.js';

const A = 'content/articles/2025/05/budget-vote/index.md';

test('under GITHUB_ACTIONS=true check prints workflow annotations on the changed lines', async () => {
  const root = await makeSite({ [A]: article({ section: 'politcs', tittle: 'x' }) });
  try {
    const r = await runCli(['check'], { cwd: root, env: { GITHUB_ACTIONS: 'true' } });
    assert.equal(r.code, 1);
    const annotations = r.stdout.split('\n').filter((l) => l.startsWith('::'));
    assert.deepEqual(annotations, [
      '::error file=content/articles/2025/05/budget-vote/index.md,line=6,col=10,title=front-matter%3Aunknown-section::Section “politcs” is not listed in site.yaml. Did you mean “politics”? Use one of: politics, economy; or add the section to content/site.yaml.',
      '::warning file=content/articles/2025/05/budget-vote/index.md,line=7,col=1,title=front-matter%3Aunknown-key::`tittle` is not a front-matter field dateline knows, so it is ignored. Did you mean “title”?',
    ]);
    // The human-readable report still goes to stderr.
    assert.match(r.stderr, /6:10\s+error\s+Section “politcs”/);
  } finally {
    await removeSite(root);
  }
});

test('annotations escape percent signs in messages and colons in properties', async () => {
  const root = await makeSite({ [A]: article({ section: '"50%"' }) });
  try {
    const r = await runCli(['check'], { cwd: root, env: { GITHUB_ACTIONS: 'true' } });
    const line = r.stdout.split('\n').find((l) => l.startsWith('::error'));
    assert.ok(line, r.stdout);
    assert.match(line, /^::error file=content\/articles\/2025\/05\/budget-vote\/index\.md,line=6,col=10,title=front-matter%3Aunknown-section::/);
    assert.match(line, /::Section “50%25” is not listed in site\.yaml\./);
    assert.doesNotMatch(line.split('::')[1]!, /[:\n]/, 'properties never contain raw colons');
  } finally {
    await removeSite(root);
  }
});

test('without GITHUB_ACTIONS no annotations are printed', async () => {
  const root = await makeSite({ [A]: article({ section: 'politcs' }) });
  try {
    const r = await runCli(['check'], { cwd: root });
    assert.equal(r.code, 1);
    assert.doesNotMatch(r.stdout, /^::/m);
  } finally {
    await removeSite(root);
  }
});
