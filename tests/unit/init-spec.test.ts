import { test } from 'node:test';
import assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { installedSpec, mergePackageJson } from '../../src/cli/commands/init.js';

/** A folder that installed dateline with `spec`, as `npm install <spec>` leaves it. */
async function installer(spec: string): Promise<string> {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'dateline-spec-'));
  await fs.mkdir(path.join(dir, 'node_modules/dateline'), { recursive: true });
  await fs.writeFile(path.join(dir, 'package.json'), JSON.stringify({ dependencies: { dateline: spec } }));
  return dir;
}

test("init names dateline as the installing folder's package.json does: git URLs as they are, tarball paths from the new folder", async () => {
  const git = await installer('git+https://github.com/example/dateline.git#v1.2.0');
  const tgz = await installer('file:../dateline-1.2.0.tgz');
  try {
    assert.equal(installedSpec(path.join(git, 'node_modules/dateline'), path.join(git, 'paper')), 'git+https://github.com/example/dateline.git#v1.2.0');
    assert.equal(installedSpec(path.join(tgz, 'node_modules/dateline'), path.join(tgz, 'sites/paper')), 'file:../../../dateline-1.2.0.tgz');
    // A checkout (not inside node_modules) is named by its folder.
    assert.equal(installedSpec('/src/dateline', '/home/me/paper'), 'file:/src/dateline');
  } finally {
    await fs.rm(git, { recursive: true, force: true });
    await fs.rm(tgz, { recursive: true, force: true });
  }
});

test("init in a folder where dateline was installed keeps npm's package.json and adds dateline's scripts", () => {
  const starter = { name: 'paper', private: true, scripts: { build: 'dateline build', dev: 'dateline dev' }, dependencies: { dateline: 'file:/x' } };
  const installed = { scripts: { dev: 'my-dev' }, dependencies: { dateline: 'file:../dateline-1.2.0.tgz', 'left-pad': '1.3.0' } };
  assert.deepEqual(mergePackageJson(starter, installed, undefined), {
    name: 'paper',
    private: true,
    scripts: { build: 'dateline build', dev: 'my-dev' },
    dependencies: { dateline: 'file:../dateline-1.2.0.tgz', 'left-pad': '1.3.0' },
  });
  assert.equal(mergePackageJson(starter, installed, 'git+https://example.org/dateline.git').dependencies!.dateline, 'git+https://example.org/dateline.git');
});
