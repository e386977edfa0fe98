import { test } from 'node:test';
import assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { article, backdate, makeSite, removeSite, runCli, runCommand } from '../helpers/project.js';

const NOW = '2025-06-01T09:00:00+03:00';
/** More stories than the stat pass's threshold for asking git (64). */
const STORIES = 70;
const story = (i: number) => `content/articles/2025/05/story-${i}/index.md`;

interface Report {
  upToDate: boolean;
  checkedBy?: string;
  counters: { filesHashed: number; pagesRendered?: number };
}

async function git(root: string, ...args: string[]): Promise<void> {
  const run = await runCommand('git', ['-c', 'user.name=Desk', '-c', 'user.email=desk@example.org', ...args], { cwd: root });
  assert.equal(run.code, 0, `git ${args.join(' ')}: ${run.stderr}`);
}

/**
 * What a CI job's checkout does to a working tree: every content file and folder written anew
 * (new inode, new time). Git's index cannot vouch for a file written in the same second as the
 * index itself (git's "racy" entries: in a checkout of a few files, all of them), until the index
 * is refreshed a second later, as `git status` does; a checkout of thousands of files takes
 * seconds and leaves most of them vouched for.
 */
async function freshCheckout(root: string): Promise<void> {
  await fs.rm(path.join(root, 'content'), { recursive: true });
  await git(root, 'checkout', '--', 'content');
  await new Promise((resolve) => setTimeout(resolve, 1100));
  await git(root, 'status', '--porcelain');
}

test('a fresh checkout with the cache restored: git’s index vouches for the unchanged files, so none is read; without git every file is hashed', async () => {
  const files: Record<string, string> = {};
  for (let i = 0; i < STORIES; i++) files[story(i)] = article({ title: `Story number ${i}` }, `Paragraph of story ${i}.\n`);
  const root = await makeSite(files);
  // A folder holding only Node: git cannot be found.
  const noGit = await fs.mkdtemp(path.join(os.tmpdir(), 'dateline-no-git-'));
  await fs.symlink(process.execPath, path.join(noGit, 'node'));
  const build = async (env: Record<string, string> = {}) => {
    const run = await runCli(['build', '--now', NOW, '--report', 'report.json'], { cwd: root, env });
    assert.equal(run.code, 0, run.stderr);
    return { run, report: JSON.parse(await fs.readFile(path.join(root, 'report.json'), 'utf8')) as Report };
  };
  try {
    await git(root, 'init', '-q');
    await git(root, 'add', 'content');
    await git(root, 'commit', '-q', '-m', 'stories');
    // A first build without git: every file is hashed, no blob id is known. (Times an hour back:
    // a file written within a second of a pass is hashed again by the next.)
    await backdate(path.join(root, 'content'));
    const first = await build({ PATH: noGit });
    assert.equal(first.report.upToDate, false);
    assert.ok(first.report.counters.filesHashed >= STORIES, `the first build hashes every file (${first.report.counters.filesHashed})`);
    // A story added later, listed before the others: the store's order is no longer the folder's.
    await fs.mkdir(path.join(root, 'content/articles/2025/04/early'), { recursive: true });
    await fs.writeFile(path.join(root, 'content/articles/2025/04/early/index.md'), article({ title: 'An earlier story', date: '2025-04-30T09:00:00+03:00' }));
    await git(root, 'add', 'content');
    await git(root, 'commit', '-q', '-m', 'an earlier story');
    const added = await build({ PATH: noGit });
    assert.equal(added.report.counters.filesHashed, 1);
    const all = first.report.counters.filesHashed + 1;

    // The next job, with git: a fresh checkout, nothing changed. Every file is read once more, and the records learn git's blob ids.
    await freshCheckout(root);
    const learn = await build();
    assert.equal(learn.report.upToDate, true, learn.run.stdout);
    assert.equal(learn.report.checkedBy, 'records');
    assert.equal(learn.report.counters.filesHashed, all);
    // And the next: up to date from the stat index, nothing read.
    await freshCheckout(root);
    const same = await build();
    assert.equal(same.report.upToDate, true, same.run.stdout);
    assert.equal(same.report.checkedBy, 'stat index');
    assert.equal(same.report.counters.filesHashed, 0);

    // A commit that edits one story: only that file is read, and its page shows the edit.
    await fs.appendFile(path.join(root, story(3)), '\nA correction was added.\n');
    await git(root, 'commit', '-q', '-am', 'correction');
    await freshCheckout(root);
    const edited = await build();
    assert.equal(edited.report.upToDate, false);
    assert.equal(edited.report.counters.filesHashed, 1);
    assert.match(await fs.readFile(path.join(root, '_site/politics/2025/05/story-3/index.html'), 'utf8'), /A correction was added/);

    // A file changed after the checkout (same size, so only its stat tells) is not vouched for by git's index: it is read, and the change is found.
    await freshCheckout(root);
    const five = path.join(root, story(5));
    await fs.writeFile(five, (await fs.readFile(five, 'utf8')).replace('Paragraph of story 5', 'Paragraph of story V'));
    const dirty = await build();
    assert.equal(dirty.report.upToDate, false);
    assert.equal(dirty.report.counters.filesHashed, 1);
    assert.match(await fs.readFile(path.join(root, '_site/politics/2025/05/story-5/index.html'), 'utf8'), /Paragraph of story V/);
    await git(root, 'checkout', '--', 'content');
    assert.equal((await build()).report.upToDate, false, 'the change undone is a change too');

    // Without git, the same fresh checkout costs a read of every file (compared with the stat index's digests: still up to date, the records unread).
    await freshCheckout(root);
    const blind = await build({ PATH: noGit });
    assert.equal(blind.report.upToDate, true, blind.run.stdout);
    assert.equal(blind.report.checkedBy, 'stat index');
    assert.equal(blind.report.counters.filesHashed, all);
    // The check recorded the stats it found: the next one hashes nothing (once the checkout's times are a second old).
    await new Promise((resolve) => setTimeout(resolve, 1100));
    const again = await build({ PATH: noGit });
    assert.equal(again.report.checkedBy, 'stat index');
    assert.equal(again.report.counters.filesHashed, 0);
  } finally {
    await removeSite(root);
    await fs.rm(noGit, { recursive: true, force: true });
  }
});
