import { test } from 'node:test';
import assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { article, makeSite, removeSite, runCli, testSiteYaml } from '../helpers/project.js';

const NOW = '2025-05-05T06:14:30Z'; // 09:14 in Asia/Amman (+03:00)

test('new scaffolds a dated draft bundle that check accepts, in the site time zone', async () => {
  const root = await makeSite();
  try {
    const r = await runCli(['new', 'Parliament passes the budget', '--section', 'politics', '--author', 'jane-doe', '--now', NOW], { cwd: root });
    assert.equal(r.code, 0, r.stderr);
    const rel = 'content/articles/2025/05/parliament-passes-the-budget/index.md';
    assert.equal(r.stdout.trim(), rel);
    const text = await fs.readFile(path.join(root, rel), 'utf8');
    assert.match(text, /^title: Parliament passes the budget$/m);
    assert.match(text, /^date: 2025-05-05T09:14:00\+03:00$/m);
    assert.match(text, /^section: politics$/m);
    assert.match(text, /^authors:\n {2}- jane-doe$/m);
    assert.match(text, /^draft: true$/m);
    assert.match(text, /^summary: Replace this line/m);

    const check = await runCli(['check'], { cwd: root });
    assert.equal(check.code, 0, check.stderr);
    assert.doesNotMatch(check.stderr, /error/);

    // A draft never goes out by accident.
    const scheduled = await runCli(['scheduled', '--now', NOW], { cwd: root });
    assert.match(scheduled.stdout, /draft\s+\/politics\/2025\/05\/parliament-passes-the-budget\//);
    assert.equal(scheduled.stdout.trim().split('\n').pop(), 'next: none');
  } finally {
    await removeSite(root);
  }
});

test('new refuses to overwrite an existing bundle', async () => {
  const existing = article({ title: 'Old story' });
  const rel = 'content/articles/2025/05/budget-vote/index.md';
  const root = await makeSite({ [rel]: existing });
  try {
    const r = await runCli(['new', 'Budget vote', '--section', 'politics', '--now', NOW], { cwd: root });
    assert.equal(r.code, 1);
    assert.match(r.stderr, /content\/articles\/2025\/05\/budget-vote\/index\.md already exists; nothing was written/);
    assert.equal(await fs.readFile(path.join(root, rel), 'utf8'), existing);
    const other = await runCli(['new', 'Budget vote', '--section', 'politics', '--slug', 'budget-vote-reaction', '--now', NOW], { cwd: root });
    assert.equal(other.code, 0, other.stderr);
    assert.equal(other.stdout.trim(), 'content/articles/2025/05/budget-vote-reaction/index.md');
  } finally {
    await removeSite(root);
  }
});

test('new makes a romanised slug from an Arabic headline and links the translation', async () => {
  const original = 'content/articles/2025/05/budget-vote/index.md';
  const root = await makeSite({ [original]: article() });
  try {
    const r = await runCli(
      ['new', 'البرلمان يقرّ الموازنة', '--section', 'politics', '--lang', 'ar', '--translation-of', 'budget-vote', '--author', 'jane-doe', '--now', '2025-05-05T22:30:00Z'],
      { cwd: root },
    );
    assert.equal(r.code, 0, r.stderr);
    // 01:30 on 6 May in Amman: the bundle goes under the local date.
    assert.match(r.stdout.trim(), /^content\/articles\/2025\/05\/[a-z0-9]+(-[a-z0-9]+)+\/index\.md$/);
    assert.equal(r.stdout.trim(), 'content/articles/2025/05/al-barlman-yaqrr-al-muwazana/index.md');
    const text = await fs.readFile(path.join(root, r.stdout.trim()), 'utf8');
    assert.match(text, /^title: البرلمان يقرّ الموازنة$/m);
    assert.match(text, /^date: 2025-05-06T01:30:00\+03:00$/m);
    assert.match(text, /^lang: ar$/m);
    assert.match(text, /^translationOf: budget-vote$/m);
    const check = await runCli(['check'], { cwd: root });
    assert.equal(check.code, 0, check.stderr);
  } finally {
    await removeSite(root);
  }
});

test('new rejects unknown ids with a did-you-mean and exit code 2', async () => {
  const root = await makeSite({ 'content/articles/2025/05/budget-vote/index.md': article() });
  try {
    const cases: [string[], RegExp][] = [
      [['--section', 'politcs'], /Section “politcs” is not known\. Did you mean “politics”\?/],
      [['--section', 'politics', '--author', 'jane-do'], /Author “jane-do” is not known\. Did you mean “jane-doe”\?/],
      [['--section', 'politics', '--lang', 'ra'], /Language “ra” is not known\./],
      [['--section', 'politics', '--translation-of', 'budget-vot'], /Article slug “budget-vot” is not known\. Did you mean “budget-vote”\?/],
      [['--section', 'politics', '--slug', 'Not A Slug'], /--slug “Not A Slug” is not a valid slug/],
    ];
    for (const [flags, message] of cases) {
      const r = await runCli(['new', 'A headline', ...flags, '--now', NOW], { cwd: root });
      assert.equal(r.code, 2, `${flags.join(' ')}: ${r.stderr}`);
      assert.match(r.stderr, message);
    }
    const entries = await fs.readdir(path.join(root, 'content/articles/2025/05'));
    assert.deepEqual(entries, ['budget-vote']);
  } finally {
    await removeSite(root);
  }
});

const hama = 'فصائل المعارضة في ريف حماة';

test('slugs: latin (the default) romanises an Arabic headline readably', async () => {
  const root = await makeSite();
  try {
    const r = await runCli(['new', hama, '--section', 'politics', '--lang', 'ar', '--now', NOW], { cwd: root });
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stdout.trim(), 'content/articles/2025/05/fasail-al-muarada-fi-rif-hama/index.md');
  } finally {
    await removeSite(root);
  }
});

test('slugs: native keeps the Arabic script: the folder is accepted and the URL is percent-encoded', async () => {
  const root = await makeSite({ 'content/site.yaml': `${testSiteYaml}slugs: native\n` });
  try {
    const r = await runCli(['new', hama, '--section', 'politics', '--lang', 'ar', '--author', 'jane-doe', '--now', NOW], { cwd: root });
    assert.equal(r.code, 0, r.stderr);
    const rel = 'content/articles/2025/05/فصائل-المعارضة-في-ريف-حماة/index.md';
    assert.equal(r.stdout.trim(), rel);
    const file = path.join(root, rel);
    await fs.writeFile(file, (await fs.readFile(file, 'utf8')).replace('draft: true\n', '').replace(/^summary: .*$/m, 'summary: ملخص').replace(/Write the story here[^\n]*/, 'نص الخبر.'));
    const build = await runCli(['build', '--now', '2025-05-06T00:00:00Z'], { cwd: root });
    assert.equal(build.code, 0, build.stderr);
    assert.doesNotMatch(build.stderr, /bad-slug/);
    const encoded = `/ar/politics/2025/05/${encodeURIComponent('فصائل-المعارضة-في-ريف-حماة')}/`;
    const page = await fs.readFile(path.join(root, '_site/ar/politics/2025/05/فصائل-المعارضة-في-ريف-حماة/index.html'), 'utf8');
    assert.match(page, new RegExp(`<link rel="canonical" href="https://test\\.example${encoded.replace(/[%/]/g, (c) => `\\${c}`)}"`));
    const sitemap = await fs.readFile(path.join(root, '_site/sitemap.xml'), 'utf8');
    assert.ok(sitemap.includes(`<loc>https://test.example${encoded}</loc>`), 'the sitemap has the percent-encoded URL');
  } finally {
    await removeSite(root);
  }
});

test('an Arabic-script folder name under slugs: latin is a bad-slug error that names the site.yaml choice', async () => {
  const root = await makeSite({ 'content/articles/2025/05/فصائل-المعارضة/index.md': article() });
  try {
    const r = await runCli(['check'], { cwd: root });
    assert.equal(r.code, 1);
    assert.match(r.stderr, /bundle:bad-slug/);
    assert.match(r.stderr, /set `slugs: native` in site\.yaml/);
  } finally {
    await removeSite(root);
  }
});
