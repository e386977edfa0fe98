import { test } from 'node:test';
import assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import { article, makeSite, removeSite, runCli } from '../helpers/project.js';
import path from 'node:path';

const articleFile = 'content/articles/2025/05/budget-vote/index.md';
const files = { [articleFile]: article() };

test('a build runs with a memory budget sized to the archive', async () => {
  const root = await makeSite(files);
  try {
    const r = await runCli(['build', '--now', '2025-06-01T00:00:00Z', '--report', 'report.json'], { cwd: root });
    assert.equal(r.code, 0, r.stderr);
    const report = JSON.parse(await fs.readFile(path.join(root, 'report.json'), 'utf8')) as { heapLimitMB: number };
    // 512 MB of old generation for a small site, plus V8's young generation: far below the default limit on this machine.
    assert.ok(report.heapLimitMB >= 512 && report.heapLimitMB < 700, `heap limit ${report.heapLimitMB} MB`);
    // The next build finds the content store holding the archive: a warm build gets the smaller budget (384 MB).
    await fs.writeFile(path.join(root, articleFile), article({ title: 'A budget vote, edited' }));
    const warm = await runCli(['build', '--now', '2025-06-01T00:00:00Z', '--report', 'report.json'], { cwd: root });
    assert.equal(warm.code, 0, warm.stderr);
    const again = JSON.parse(await fs.readFile(path.join(root, 'report.json'), 'utf8')) as { heapLimitMB: number };
    assert.ok(again.heapLimitMB >= 384 && again.heapLimitMB < report.heapLimitMB, `warm heap limit ${again.heapLimitMB} MB, cold ${report.heapLimitMB} MB`);
  } finally {
    await removeSite(root);
  }
});

test('a build that outgrows its budget is run again without one, quietly, and leaves no temporary folder', async () => {
  const root = await makeSite(files);
  try {
    const r = await runCli(['build', '--now', '2025-06-01T00:00:00Z'], { cwd: root, env: { DATELINE_MEMORY_MB: '16' } });
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stderr, /The build needed more than its 16 MB memory budget; building again without one/);
    assert.doesNotMatch(r.stderr, /FATAL ERROR|Last few GCs/);
    assert.match(r.stdout, /^Wrote \d+ pages/m);
    await fs.access(path.join(root, '_site/politics/2025/05/budget-vote/index.html'));
    assert.deepEqual((await fs.readdir(root)).filter((n) => n.startsWith('.dateline-tmp-')), []);
  } finally {
    await removeSite(root);
  }
});
