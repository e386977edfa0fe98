import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { repoRoot, runCli, sharedCacheDir } from '../helpers/project.js';
import { assertSameTree } from '../helpers/tree.js';
import { listFiles } from '../../src/util/fs.js';

const NOW = '2026-11-25T09:00:00+02:00';
let work: string;

const build = (out: string, ...flags: string[]) => runCli(['build', '--out', out, '--cache-dir', sharedCacheDir, '--now', NOW, ...flags], { cwd: repoRoot });

before(async () => {
  work = await fs.mkdtemp(path.join(os.tmpdir(), 'dateline-shard-'));
});

after(async () => {
  await fs.rm(work, { recursive: true, force: true });
});

test('three shards share the pages without overlap, and merged they equal an unsharded build byte for byte', async () => {
  const whole = path.join(work, 'whole');
  const r = await build(whole);
  assert.equal(r.code, 0, r.stderr);

  const shards = [1, 2, 3].map((i) => path.join(work, `shard-${i}`));
  const owners = new Map<string, number>();
  for (const [i, dir] of shards.entries()) {
    const s = await build(dir, '--shard', `${i + 1}/3`);
    assert.equal(s.code, 0, s.stderr);
    const files = (await listFiles(dir)).filter((f) => !f.startsWith('.dateline/'));
    assert.ok(files.some((f) => f.endsWith('.html')), `shard ${i + 1} renders pages`);
    for (const f of files) {
      assert.ok(!owners.has(f), `${f} is in shard ${owners.get(f)} and shard ${i + 1}`);
      owners.set(f, i + 1);
    }
  }
  // One-of-a-kind files are written by the first shard only; the search index waits for the merge.
  for (const f of ['feed.xml', 'sitemap.xml', 'robots.txt', '_redirects', 'css/site.css']) assert.equal(owners.get(f), 1, f);
  assert.ok(![...owners.keys()].some((f) => f.startsWith('pagefind/')));

  const merged = path.join(work, 'merged');
  const m = await runCli(['merge', ...shards, '--out', merged, '--cache-dir', path.join(work, 'merge-cache')], { cwd: repoRoot });
  assert.equal(m.code, 0, m.stderr);
  assert.match(m.stdout, /Merged 3 shards into .*: [\d,]+ files, \d+ pages in the search index/);
  const count = await assertSameTree(merged, whole);
  assert.ok(count > 100, `${count} files`);
  // Every file of the whole build (search index aside) came from exactly one shard.
  const expected = (await listFiles(whole)).filter((f) => !f.startsWith('.dateline/') && !f.startsWith('pagefind/'));
  assert.deepEqual(expected.filter((f) => !owners.has(f)), []);
});

test('merge refuses an incomplete or mixed set of shards and a bad --shard value, with exit code 2', async () => {
  const one = path.join(work, 'only-1');
  const two = path.join(work, 'only-2');
  assert.equal((await build(one, '--shard', '1/2')).code, 0);
  assert.equal((await build(two, '--shard', '2/3')).code, 0);

  const missing = await runCli(['merge', one, '--out', path.join(work, 'm1')], { cwd: repoRoot });
  assert.equal(missing.code, 2);
  assert.match(missing.stderr, /Shard 2\/2 is missing: merge needs all 2/);

  const mixed = await runCli(['merge', one, two, '--out', path.join(work, 'm2')], { cwd: repoRoot });
  assert.equal(mixed.code, 2);
  assert.match(mixed.stderr, /is shard 2\/3, but .* is one of 2/);

  const notShard = await runCli(['merge', path.join(repoRoot, 'content'), '--out', path.join(work, 'm3')], { cwd: repoRoot });
  assert.equal(notShard.code, 2);
  assert.match(notShard.stderr, /is not the output of `dateline build --shard i\/n`/);

  for (const bad of ['0/3', '4/3', 'two', '1/0']) {
    const b = await build(path.join(work, 'bad'), '--shard', bad);
    assert.equal(b.code, 2, bad);
    assert.match(b.stderr, /--shard must be i\/n/);
  }
  for (const dir of ['m1', 'm2', 'm3', 'bad']) assert.equal(await fs.stat(path.join(work, dir)).then(() => true, () => false), false, `${dir} was not created`);
});
