import { test } from 'node:test';
import assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { article, makeSite, removeSite, runCli } from '../helpers/project.js';
import { problemLines } from '../helpers/problems.js';

const dir = (slug: string) => `content/articles/2025/05/${slug}`;

test('front matter that is plain text (not fields) is a positioned error, and the other articles are still checked', async () => {
  const root = await makeSite({
    [`${dir('note')}/index.md`]: '---\nJust a note from the old CMS\n---\n\nBody text.\n',
    [`${dir('fine')}/index.md`]: article({ section: 'politcs' }),
  });
  try {
    const r = await runCli(['check'], { cwd: root });
    assert.equal(r.code, 1);
    assert.doesNotMatch(r.stderr, /Internal error/);
    assert.deepEqual(problemLines(r.stderr), [
      `${dir('fine')}/index.md 6:10 error front-matter:unknown-section`,
      `${dir('note')}/index.md 2:1 error front-matter:invalid-value`,
    ]);
  } finally {
    await removeSite(root);
  }
});

test('one run reports link problems of every article, whatever front-matter and photo errors it or others have', async () => {
  const root = await makeSite({
    // Front-matter error (no summary) and a broken link in the same article.
    [`${dir('no-summary')}/index.md`]: article({ summary: null }, 'See [the vote](/politics/2025/05/no-such-story/).\n'),
    // A missing lead photo and a broken anchor.
    [`${dir('no-photo')}/index.md`]: article({ image: '\n  src: missing.jpg\n  alt: A crowd' }, 'See [below](#reaction).\n'),
    // A clean article whose link goes to an article with errors: a warning, not a broken link.
    [`${dir('clean')}/index.md`]: article({}, 'Read [the other story](../no-summary/) and [a typo](/politics/2025/05/cleen/).\n'),
  });
  try {
    const r = await runCli(['check'], { cwd: root });
    assert.equal(r.code, 1, r.stderr);
    assert.deepEqual(problemLines(r.stderr), [
      `${dir('clean')}/index.md 9:6 warning link:broken`,
      `${dir('clean')}/index.md 9:44 error link:broken`,
      `${dir('no-photo')}/index.md 8:8 error photo:not-found`,
      `${dir('no-photo')}/index.md 12:5 error link:broken-anchor`,
      `${dir('no-summary')}/index.md 2:1 error front-matter:missing-field`,
      `${dir('no-summary')}/index.md 8:5 error link:broken`,
    ]);
    assert.match(r.stderr, /points to “Parliament passes the budget”, which has errors and is not published in this build/);
    // `build` stops at the same problems, all of them, and writes nothing.
    const b = await runCli(['build'], { cwd: root });
    assert.equal(b.code, 1);
    assert.deepEqual(problemLines(b.stderr), problemLines(r.stderr));
    await assert.rejects(fs.access(path.join(root, '_site')));
  } finally {
    await removeSite(root);
  }
});

test('build --keep-going holds back broken stories, keeps the previous version of a published one, builds the rest and exits 1', async () => {
  const root = await makeSite({
    [`${dir('kept')}/index.md`]: article({ title: 'Kept story', redirectFrom: '[/2019/kept.html]' }, 'The first version.\n'),
    [`${dir('fine')}/index.md`]: article({ title: 'Fine story' }, 'Nothing wrong here.\n'),
  });
  try {
    const first = await runCli(['build'], { cwd: root });
    assert.equal(first.code, 0, first.stderr);
    const keptPage = await fs.readFile(path.join(root, '_site/politics/2025/05/kept/index.html'), 'utf8');
    assert.match(keptPage, /The first version/);

    // The published story breaks; a new one arrives broken; the fine one is edited and links to the new one.
    await fs.writeFile(path.join(root, dir('kept'), 'index.md'), article({ title: 'Kept story', date: 'last Tuesday' }, 'The second version.\n'));
    await fs.mkdir(path.join(root, dir('new-broken')), { recursive: true });
    await fs.writeFile(path.join(root, dir('new-broken'), 'index.md'), article({ title: 'New broken story', authors: '[nobody]' }, 'Draft text.\n'));
    await fs.writeFile(path.join(root, dir('fine'), 'index.md'), article({ title: 'Fine story' }, 'Edited, see [the new one](../new-broken/).\n'));

    const plain = await runCli(['build'], { cwd: root });
    assert.equal(plain.code, 1);
    assert.match(plain.stderr, /Nothing was written/);

    const r = await runCli(['build', '--keep-going'], { cwd: root });
    assert.equal(r.code, 1, r.stderr);
    assert.deepEqual(problemLines(r.stderr), [
      `${dir('fine')}/index.md 9:13 warning link:broken`,
      `${dir('kept')}/index.md 4:7 error front-matter:invalid-date`,
      `${dir('new-broken')}/index.md 5:11 error front-matter:unknown-author`,
    ]);
    assert.match(r.stderr, /^Held back 2 stories with errors \(1 front-matter:invalid-date, 1 front-matter:unknown-author\); 1 still published as it was before\.$/m);
    assert.match(r.stdout, /^Wrote \d+ pages/m);
    assert.doesNotMatch(r.stderr, /Nothing was written/);

    const out = path.join(root, '_site');
    assert.equal(await fs.readFile(path.join(out, 'politics/2025/05/kept/index.html'), 'utf8'), keptPage, 'the previous version stays as it was');
    await fs.access(path.join(out, '2019/kept.html'));
    const finePage = await fs.readFile(path.join(out, 'politics/2025/05/fine/index.html'), 'utf8');
    // The link to the story that was never published is published as its text.
    assert.match(finePage, /Edited, see the new one\./);
    assert.doesNotMatch(finePage, /new-broken/);
    await assert.rejects(fs.access(path.join(out, 'politics/2025/05/new-broken/index.html')));
    // Nothing links to the story that was never published: not the home page, the lists, the feeds or the sitemap.
    for (const file of ['index.html', 'politics/index.html', 'feed.xml', 'atom.xml', 'feed.json', 'sitemap.xml']) {
      assert.doesNotMatch(await fs.readFile(path.join(out, file), 'utf8'), /new-broken/, file);
    }
    const manifest = JSON.parse(await fs.readFile(path.join(out, '.dateline/manifest.json'), 'utf8')) as { urls: string[]; files: Record<string, unknown> };
    assert.ok(manifest.urls.includes('/politics/2025/05/kept/'));
    assert.ok('politics/2025/05/kept/index.html' in manifest.files);
    const held = JSON.parse(await fs.readFile(path.join(out, '.dateline/held-back.json'), 'utf8')) as { file: string; kept?: string }[];
    assert.deepEqual(held.map((h) => [h.file, h.kept ?? null]), [
      [`${dir('kept')}/index.md`, '/politics/2025/05/kept/'],
      [`${dir('new-broken')}/index.md`, null],
    ]);

    // A second run with the story still broken keeps it again; fixed, it is published anew and the build passes.
    const again = await runCli(['build', '--keep-going'], { cwd: root });
    assert.equal(again.code, 1);
    assert.equal(await fs.readFile(path.join(out, 'politics/2025/05/kept/index.html'), 'utf8'), keptPage);
    await fs.writeFile(path.join(root, dir('kept'), 'index.md'), article({ title: 'Kept story' }, 'The second version.\n'));
    await fs.rm(path.join(root, dir('new-broken')), { recursive: true });
    await fs.writeFile(path.join(root, dir('fine'), 'index.md'), article({ title: 'Fine story' }, 'Edited.\n'));
    const fixed = await runCli(['build', '--keep-going'], { cwd: root });
    assert.equal(fixed.code, 0, fixed.stderr);
    assert.match(await fs.readFile(path.join(out, 'politics/2025/05/kept/index.html'), 'utf8'), /The second version/);
    await assert.rejects(fs.access(path.join(out, '.dateline/held-back.json')));
  } finally {
    await removeSite(root);
  }
});
