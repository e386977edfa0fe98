import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { runCli } from '../helpers/project.js';

test('init writes a minimal publication repository that checks and builds as it is, and never overwrites', async () => {
  const parent = await fs.mkdtemp(path.join(os.tmpdir(), 'dateline-init-'));
  try {
    const r = await runCli(['init', 'my-paper', '--dateline', 'file:../dateline.tgz'], { cwd: parent });
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /Created my-paper\/ with 7 files\./);
    const root = path.join(parent, 'my-paper');
    const pkg = JSON.parse(await fs.readFile(path.join(root, 'package.json'), 'utf8')) as { dependencies: Record<string, string> };
    assert.deepEqual(pkg.dependencies, { dateline: 'file:../dateline.tgz' });
    for (const f of ['.github/workflows/check.yml', '.github/workflows/publish.yml', 'content/site.yaml', 'content/authors/editor.yaml']) assert.ok(existsSync(path.join(root, f)), f);
    assert.match(await fs.readFile(path.join(root, '.github/workflows/check.yml'), 'utf8'), /npx dateline check/);

    const check = await runCli(['check'], { cwd: root });
    assert.equal(check.code, 0, check.stderr);
    assert.match(check.stdout, /Checked 1 article: no problems\./);
    const build = await runCli(['build'], { cwd: root });
    assert.equal(build.code, 0, build.stderr);
    const home = await fs.readFile(path.join(root, '_site/index.html'), 'utf8');
    assert.match(home, /Welcome to the newsroom/);
    assert.match(home, /My Paper/);

    const again = await runCli(['init', 'my-paper'], { cwd: parent });
    assert.equal(again.code, 1);
    assert.match(again.stderr, /my-paper already has files; nothing was written/);
  } finally {
    await fs.rm(parent, { recursive: true, force: true });
  }
});
