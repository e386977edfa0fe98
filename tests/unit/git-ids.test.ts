import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { promises as fs, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { gitBlobIds, matchesIndex } from '../../src/store/git-ids.js';

const git = (cwd: string, ...args: string[]) => execFileSync('git', ['-c', 'user.name=Desk', '-c', 'user.email=desk@example.org', ...args], { cwd, encoding: 'utf8' });

test('git blob ids: regular files below the folder with the stat git recorded; odd names kept whole; symlinks, other folders and racy entries left out; none outside a repository', async () => {
  const root = await fs.mkdtemp(path.join(os.tmpdir(), 'dateline-git-ids-'));
  try {
    const content = path.join(root, 'content');
    const names = ['articles/a/index.md', 'articles/b/photo one.jpg', 'odd\nname\twith tab.md', 'سوق/index.md'];
    for (const name of names) {
      await fs.mkdir(path.dirname(path.join(content, name)), { recursive: true });
      await fs.writeFile(path.join(content, name), `bytes of ${name}\n`);
    }
    await fs.symlink('articles/a/index.md', path.join(content, 'link.md'));
    await fs.writeFile(path.join(root, 'outside.md'), 'not below content/\n');
    assert.equal(gitBlobIds(content), undefined, 'not a repository yet');
    git(root, 'init', '-q');
    git(root, 'add', '.');
    git(root, 'commit', '-q', '-m', 'content');
    // A second later, git refreshes its index: no entry is as recent as the index then.
    await new Promise((resolve) => setTimeout(resolve, 1100));
    git(root, 'status', '--porcelain');
    const ids = gitBlobIds(content)!;
    assert.deepEqual([...ids.keys()].sort(), [...names].sort());
    for (const name of names) {
      const file = path.join(content, name);
      assert.equal(ids.get(name)!.blob, git(root, 'hash-object', '--', file).trim(), name);
      assert.ok(matchesIndex(statSync(file), ids.get(name)!), `${name}: the stat git recorded`);
    }
    // Rewritten with other bytes of the same size: the stat no longer matches what git recorded.
    const a = path.join(content, names[0]!);
    await fs.writeFile(a, (await fs.readFile(a, 'utf8')).toUpperCase());
    assert.ok(!matchesIndex(statSync(a), gitBlobIds(content)!.get(names[0]!)!));
    // Staged as it is written, with a time no older than the index git writes (set ahead here, so a
    // second boundary passing on a busy machine cannot make it older): git's record vouches for nothing.
    const ahead = new Date(Date.now() + 10_000);
    await fs.utimes(a, ahead, ahead);
    git(root, 'add', '--', a);
    assert.equal(gitBlobIds(content)!.has(names[0]!), false);
  } finally {
    await fs.rm(root, { recursive: true, force: true });
  }
});
