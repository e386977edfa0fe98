import { test } from 'node:test';
import assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { checkUpToDate } from '../../src/pipeline/up-to-date.js';
import { build as buildInProcess } from '../../src/pipeline/build.js';
import { parseIsoWithOffset } from '../../src/util/dates.js';
import { article, backdate, makeSite, removeSite, runCli } from '../helpers/project.js';

const NOW = '2025-06-01T09:00:00+03:00';
const PUBLISHED = 'content/articles/2025/05/budget-vote/index.md';
const EMBARGOED = 'content/articles/2025/06/strike-called/index.md';

async function site(): Promise<string> {
  return makeSite({
    // An unknown front-matter key: a warning every build must repeat.
    [PUBLISHED]: article({ subtitle: 'A warning' }, 'Officials said the vote would go ahead.\n'),
    [EMBARGOED]: article({ title: 'Unions call a general strike', date: '2025-06-02T08:00:00+03:00' }),
  });
}

const build = (root: string, ...flags: string[]) => runCli(['build', '--now', NOW, ...flags], { cwd: root });

test('a second build with nothing changed is up to date: nothing rebuilt, warnings repeated, exit 0', async () => {
  const root = await site();
  try {
    const first = await build(root);
    assert.equal(first.code, 0, first.stderr);
    assert.match(first.stdout, /^Wrote \d+ pages/m);
    assert.match(first.stderr, /front-matter:unknown-key/);
    const stat = await fs.stat(path.join(root, '_site/index.html'));

    const second = await build(root, '--report', 'report.json');
    assert.equal(second.code, 0, second.stderr);
    assert.match(second.stdout, /Up to date: nothing changed since the build of .* \(\d+ pages, \d+ feeds, 2 sitemaps, 0 photos\)/);
    assert.equal(second.stderr, first.stderr, 'the same warnings, in the same words');
    const report = JSON.parse(await fs.readFile(path.join(root, 'report.json'), 'utf8')) as { upToDate: boolean };
    assert.equal(report.upToDate, true);
    const after = await fs.stat(path.join(root, '_site/index.html'));
    assert.equal(after.ino, stat.ino);
    assert.equal(after.mtimeMs, stat.mtimeMs, 'the output was not touched');

    // Touching a file without changing it changes nothing; changing a byte does.
    const file = path.join(root, PUBLISHED);
    const now = new Date();
    await fs.utimes(file, now, now);
    assert.match((await build(root)).stdout, /Up to date/);
    assert.match((await build(root, '--force')).stdout, /^Wrote \d+ pages \(0 rendered, the rest unchanged\)/m, '--force runs the pipeline');
    await fs.appendFile(file, '\nA new closing line.\n');
    const edited = await build(root);
    assert.match(edited.stdout, /^Wrote \d+ pages \(\d+ rendered, the rest unchanged\)/m);
    assert.match(await fs.readFile(path.join(root, '_site/politics/2025/05/budget-vote/index.html'), 'utf8'), /A new closing line/);
  } finally {
    await removeSite(root);
  }
});

test('an up-to-date check needs only the store\'s stat index: with the records unreadable it is up to date; an edit, a new story or a removed one is still found', async () => {
  const root = await site();
  const store = path.join(root, '.cache/store');
  try {
    await backdate(path.join(root, 'content'));
    assert.equal((await build(root)).code, 0);
    await fs.access(path.join(store, 'stats.v8'));
    // Records no program can read: the check does not need them.
    const records = await fs.readFile(path.join(store, 'records.v8'));
    await fs.writeFile(path.join(store, 'records.v8'), 'not a store');
    const checkedBy = async () => {
      const r = await build(root, '--report', 'report.json');
      assert.match(r.stdout, /Up to date/);
      return (JSON.parse(await fs.readFile(path.join(root, 'report.json'), 'utf8')) as { checkedBy: string }).checkedBy;
    };
    assert.equal(await checkedBy(), 'stat index');
    await fs.writeFile(path.join(store, 'records.v8'), records);
    // No index (a store from before it existed): the records answer, and the index is written for the next check.
    await fs.rm(path.join(store, 'stats.v8'));
    assert.equal(await checkedBy(), 'records');
    assert.equal(await checkedBy(), 'stat index');

    // An edit of the same size: found by its time.
    const file = path.join(root, PUBLISHED);
    await fs.writeFile(file, (await fs.readFile(file, 'utf8')).replace('go ahead', 'go ahaed'));
    assert.match((await build(root)).stdout, /^Wrote \d+ pages \(\d+ rendered, the rest unchanged\)/m);
    assert.match(await fs.readFile(path.join(root, '_site/politics/2025/05/budget-vote/index.html'), 'utf8'), /go ahaed/);
    await backdate(path.join(root, 'content'));
    await build(root, '--force');
    assert.match((await build(root)).stdout, /Up to date/);
    // A new story in a new folder: its parent folder's time moved.
    const added = path.join(root, 'content/articles/2025/05/port-reopens/index.md');
    await fs.mkdir(path.dirname(added), { recursive: true });
    await fs.writeFile(added, article({ title: 'The port reopens' }));
    assert.match((await build(root)).stdout, /^Wrote \d+ pages/m);
    await fs.access(path.join(root, '_site/politics/2025/05/port-reopens/index.html'));
    // A story removed.
    await backdate(path.join(root, 'content'));
    await build(root, '--force');
    await fs.rm(path.dirname(added), { recursive: true });
    const removed = await build(root);
    // Found: the build stops at the published URL now gone without a redirect.
    assert.equal(removed.code, 1, removed.stdout);
    assert.match(removed.stderr, /\/politics\/2025\/05\/port-reopens\//);
  } finally {
    await removeSite(root);
  }
});

test('the clock is an input: an embargo that lifts, a damaged output or other flags mean a real build', async () => {
  const root = await site();
  try {
    assert.equal((await build(root)).code, 0);
    assert.match((await build(root)).stdout, /Up to date/);

    // An hour before the embargo lifts: still up to date. After: the story is published.
    assert.match((await runCli(['build', '--now', '2025-06-02T07:00:00+03:00'], { cwd: root })).stdout, /Up to date/);
    const lifted = await runCli(['build', '--now', '2025-06-02T08:00:00+03:00'], { cwd: root });
    assert.match(lifted.stdout, /^Wrote/m);
    assert.match(await fs.readFile(path.join(root, '_site/index.html'), 'utf8'), /Unions call a general strike/);

    // A file removed from the output by hand: rebuilt, and back.
    await fs.rm(path.join(root, '_site/feed.xml'));
    const repaired = await runCli(['build', '--now', '2025-06-02T08:00:00+03:00'], { cwd: root });
    assert.match(repaired.stdout, /^Wrote/m);
    await fs.access(path.join(root, '_site/feed.xml'));

    // Other options are other outputs.
    const drafts = await runCli(['build', '--now', '2025-06-02T08:00:00+03:00', '--base-url', 'https://other.example'], { cwd: root });
    assert.match(drafts.stdout, /^Wrote/m);
    assert.match(await fs.readFile(path.join(root, '_site/feed.xml'), 'utf8'), /https:\/\/other\.example\//);
  } finally {
    await removeSite(root);
  }
});

test('a build sharing its cache with another site builds its own stories, though the other wrote the store after the up-to-date check', async () => {
  // Two sites, one cache (sharded CI jobs, or two checkouts): the content store on disk is the last writer's.
  const mine = await site();
  const OTHER = 'content/articles/2025/05/water-rationing/index.md';
  const other = await makeSite({ [OTHER]: article({ title: 'Water rationing begins' }) });
  const cache = path.join(mine, 'shared-cache');
  try {
    const options = { root: mine, outDir: path.join(mine, '_site'), cacheDir: cache, now: parseIsoWithOffset(NOW)!, drafts: false, preview: false, strict: false, write: true };
    const { inputs } = await checkUpToDate(options);
    assert.ok(inputs);
    // Between this build's stat pass and its load, the other site's build writes the shared store.
    const theirs = await runCli(['build', '--now', NOW, '--cache-dir', cache], { cwd: other });
    assert.equal(theirs.code, 0, theirs.stderr);
    const result = await buildInProcess({ ...options, inputs });
    assert.ok(result.ok, JSON.stringify(result.context.diagnostics));
    await fs.access(path.join(mine, '_site/politics/2025/05/budget-vote/index.html'));
    await fs.access(path.join(other, '_site/politics/2025/05/water-rationing/index.html'));
    await assert.rejects(fs.access(path.join(mine, '_site/politics/2025/05/water-rationing/index.html')), 'the other site\'s story is not in this one');
    assert.doesNotMatch(await fs.readFile(path.join(mine, '_site/index.html'), 'utf8'), /Water rationing begins/);
  } finally {
    await removeSite(mine);
    await removeSite(other);
  }
});
