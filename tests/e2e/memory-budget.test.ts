import { test } from 'node:test';
import assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import { article, makeSite, removeSite, runCli, runCommand } from '../helpers/project.js';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

const articleFile = 'content/articles/2025/05/budget-vote/index.md';
const files = { [articleFile]: article() };

/** The old generation of a Node process started without a budget, in MB as the build report gives it. */
async function unbudgetedHeapMB(cwd: string): Promise<number> {
  const r = await runCommand(process.execPath, ['-p', "require('node:v8').getHeapStatistics().heap_size_limit"], { cwd });
  return Math.round(Number(r.stdout.trim()) / 2 ** 20);
}

test('a first build runs in a child with a memory budget; a warm build of a small archive runs in the command’s own process', async () => {
  const root = await makeSite(files);
  try {
    const r = await runCli(['build', '--now', '2025-06-01T00:00:00Z', '--report', 'report.json'], { cwd: root });
    assert.equal(r.code, 0, r.stderr);
    const report = JSON.parse(await fs.readFile(path.join(root, 'report.json'), 'utf8')) as { heapLimitMB: number };
    // 512 MB of old generation for a small site, plus V8's young generation: far below the default limit on this machine.
    assert.ok(report.heapLimitMB >= 512 && report.heapLimitMB < 700, `heap limit ${report.heapLimitMB} MB`);
    // The next build finds the content store holding the archive: a small warm build runs where it
    // was started, with Node's own heap limit (a child always gets a budget), and does its work.
    await fs.writeFile(path.join(root, articleFile), article({ title: 'A budget vote, edited' }));
    const warm = await runCli(['build', '--now', '2025-06-01T00:00:00Z', '--report', 'report.json'], { cwd: root });
    assert.equal(warm.code, 0, warm.stderr);
    assert.match(warm.stdout, /^Wrote \d+ pages \(\d+ rendered, the rest unchanged\)/m);
    assert.match(await fs.readFile(path.join(root, '_site/politics/2025/05/budget-vote/index.html'), 'utf8'), /A budget vote, edited/);
    const again = JSON.parse(await fs.readFile(path.join(root, 'report.json'), 'utf8')) as { heapLimitMB: number };
    const unbudgeted = await unbudgetedHeapMB(root);
    assert.equal(again.heapLimitMB, unbudgeted, `warm heap limit ${again.heapLimitMB} MB, a plain Node process ${unbudgeted} MB`);
    assert.notEqual(report.heapLimitMB, unbudgeted);
    // A budget the user sets is always honoured, in a child.
    await fs.writeFile(path.join(root, articleFile), article({ title: 'A budget vote, edited twice' }));
    const chosen = await runCli(['build', '--now', '2025-06-01T00:00:00Z', '--report', 'report.json'], { cwd: root, env: { DATELINE_MEMORY_MB: '400' } });
    assert.equal(chosen.code, 0, chosen.stderr);
    const third = JSON.parse(await fs.readFile(path.join(root, 'report.json'), 'utf8')) as { heapLimitMB: number };
    assert.ok(third.heapLimitMB >= 400 && third.heapLimitMB < 500, `chosen heap limit ${third.heapLimitMB} MB`);
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

test('a warm build that finds most of its Markdown to render is run again, before writing anything, in a child with a first build’s budget', async () => {
  const many = Object.fromEntries(Array.from({ length: 60 }, (_, i) => [`content/articles/2025/05/story-${i}/index.md`, article({ title: `Story number ${i}` }, `Body of story ${i}.\n`)]));
  const root = await makeSite(many);
  const build = async () => {
    const r = await runCli(['build', '--now', '2025-06-01T00:00:00Z', '--report', 'report.json'], { cwd: root });
    assert.equal(r.code, 0, r.stderr);
    assert.doesNotMatch(r.stderr, /memory budget/);
    return (JSON.parse(await fs.readFile(path.join(root, 'report.json'), 'utf8')) as { heapLimitMB: number }).heapLimitMB;
  };
  try {
    const cold = await build();
    // Every body edited: the store holds the archive, but every article's Markdown is rendered again.
    for (const [file, text] of Object.entries(many)) await fs.writeFile(path.join(root, file), text.replace('Body of story', 'Edited body of story'));
    assert.equal(await build(), cold, 'most Markdown to render: the first build’s budget');
    const page = await fs.readFile(path.join(root, '_site/politics/2025/05/story-7/index.html'), 'utf8');
    assert.match(page, /Edited body of story 7\./);
    assert.deepEqual((await fs.readdir(root)).filter((n) => n.startsWith('.dateline-tmp-')), []);
    // One body edited: the build goes through in the command's own process.
    await fs.writeFile(path.join(root, 'content/articles/2025/05/story-3/index.md'), many['content/articles/2025/05/story-3/index.md']!.replace('Body of story', 'Twice edited body of story'));
    assert.equal(await build(), await unbudgetedHeapMB(root));
    assert.match(await fs.readFile(path.join(root, '_site/politics/2025/05/story-3/index.html'), 'utf8'), /Twice edited body of story 3\./);
  } finally {
    await removeSite(root);
  }
});

test('a build whose process crashes in native code says so and is run once more', async () => {
  const root = await makeSite(files);
  // Loaded by every Node process of the command; the build's own process kills itself with SIGFPE
  // (what an integer division by zero in a native library does) the first time only.
  const hook = path.join(root, 'crash-once.mjs');
  await fs.writeFile(hook, "import fs from 'node:fs';\nif (process.env.DATELINE_CHILD && !fs.existsSync('crashed')) { fs.writeFileSync('crashed', ''); process.kill(process.pid, 'SIGFPE'); }\n");
  try {
    const r = await runCli(['build', '--now', '2025-06-01T00:00:00Z'], { cwd: root, env: { NODE_OPTIONS: `--import ${pathToFileURL(hook).href}` } });
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stderr, /The build's process crashed \(SIGFPE, in a native library\) before it finished; the output folder was left as it was\. Building again\./);
    await fs.access(path.join(root, 'crashed'));
    await fs.access(path.join(root, '_site/politics/2025/05/budget-vote/index.html'));
    assert.deepEqual((await fs.readdir(root)).filter((n) => n.startsWith('.dateline-tmp-')), []);
  } finally {
    await removeSite(root);
  }
});
