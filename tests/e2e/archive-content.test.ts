import { test } from 'node:test';
import assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { article, makeSite, removeSite, runCli } from '../helpers/project.js';
import { problemLines } from '../helpers/problems.js';

const A = 'content/articles/2025/05/budget-vote/index.md';
const f = (slug: string) => `content/articles/2025/06/${slug}/index.md`;

interface Case {
  name: string;
  files: Record<string, string>;
  /** Every problem `check` prints for these files, as `file line:col severity rule`. */
  problems: string[];
  text?: RegExp;
}

// Every case has its own folders and addresses, so one site holds them all and one `check` covers them.
const cases: Case[] = [
  {
    name: 'a date without an offset is read in site.yaml’s timezone, and so is a day',
    files: { [f('local-date')]: article({ date: '2025-06-05T09:00', updated: '2025-06-06', updateNote: 'Adds the vote count.' }) },
    problems: [],
  },
  { name: 'an unparseable date is an error', files: { [f('bad-date')]: article({ date: 'Tuesday 5 May' }) }, problems: [`${f('bad-date')} 4:7 error front-matter:invalid-date`], text: /received "Tuesday 5 May"/ },
  { name: 'a day that does not exist is an error', files: { [f('no-day')]: article({ date: '2025-02-30' }) }, problems: [`${f('no-day')} 4:7 error front-matter:invalid-date`] },
  { name: 'an empty image is a warning', files: { [f('empty-image')]: article({ image: '' }) }, problems: [`${f('empty-image')} 7:1 warning front-matter:empty-value`], text: /`image` has no value, so the story has no lead photo/ },
  { name: 'expires before date', files: { [f('expires')]: article({ expires: '2025-05-04T09:00:00+03:00' }) }, problems: [`${f('expires')} 7:10 error front-matter:expires-before-date`] },
  {
    name: 'image.focus out of range',
    files: { [f('focus')]: article({ image: '\n  src: hero.jpg\n  alt: A crowd\n  focus: [1.5, 0.5]' }), 'content/articles/2025/06/focus/hero.jpg': 'x' },
    problems: [`${f('focus')} 10:11 error front-matter:invalid-value`],
    text: /`image\.focus\[0\]` must be <=1, received 1\.5/,
  },
  { name: 'url that is relative', files: { [f('url-relative')]: article({ url: 'news/budget-vote/' }) }, problems: [`${f('url-relative')} 7:6 error front-matter:invalid-path`], text: /`url` is a relative path/ },
  { name: 'url with ..', files: { [f('url-dots')]: article({ url: '/news/../budget/' }) }, problems: [`${f('url-dots')} 7:6 error front-matter:invalid-path`], text: /`\.` or `\.\.` segment/ },
  { name: 'url on another host', files: { [f('url-host')]: article({ url: 'https://other.example/x/' }) }, problems: [`${f('url-host')} 7:6 error front-matter:invalid-path`], text: /on another site \(other\.example\)/ },
  { name: 'url with a query', files: { [f('url-query')]: article({ url: '/story.php?id=3' }) }, problems: [`${f('url-query')} 7:6 error front-matter:invalid-path`], text: /has a query/ },
  { name: 'url that is a section page', files: { [f('url-section')]: article({ url: '/politics/' }) }, problems: [`${f('url-section')} 7:6 error front-matter:invalid-path`], text: /an address the site publishes itself/ },
  {
    name: 'url used by two articles',
    files: { [f('dup-a')]: article({ url: '/2019/05/dup.html' }), [f('dup-b')]: article({ url: '/2019/05/dup.html' }) },
    problems: [`${f('dup-b')} 7:6 error site:duplicate-url`],
  },
  {
    name: 'redirectFrom entries that are not paths on this site',
    files: { [f('redirects')]: article({ redirectFrom: '\n  - /old/vote.html\n  - old/relative/\n  - https://elsewhere.example/vote/\n  - /politics/2025/05/redirects/' }) },
    problems: [`${f('redirects')} 9:5 error front-matter:invalid-path`, `${f('redirects')} 10:5 error front-matter:invalid-path`, `${f('redirects')} 11:5 error front-matter:invalid-path`],
    text: /is the article’s own address/,
  },
  {
    name: 'a folder name that is not a slug names the rename, at 1:1',
    files: { 'content/articles/2023/08/go1.21/index.md': article() },
    problems: ['content/articles/2023/08/go1.21/index.md 1:1 error bundle:bad-slug'],
    text: /rename the folder to “go1-21”/,
  },
  {
    name: 'a capitalised folder name names the lower-case rename',
    files: { 'content/articles/2023/08/Hi-From-Design/index.md': article() },
    problems: ['content/articles/2023/08/Hi-From-Design/index.md 1:1 error bundle:bad-slug'],
    text: /rename the folder to “hi-from-design”/,
  },
  { name: 'a folder name that is not a slug is accepted with its own url', files: { 'content/articles/2023/09/go1.21/index.md': article({ url: '/blog/go1.21' }) }, problems: [] },
  {
    name: 'links to a redirectFrom path and to a url override are valid',
    files: {
      [f('legacy')]: article({ url: '/2019/05/vote.html', redirectFrom: '[/news/vote/]' }),
      [f('linker')]: article({}, 'See [old](/news/vote/), [legacy](/2019/05/vote.html) and [gone](/news/gone/).\n'),
    },
    problems: [`${f('linker')} 9:58 error link:broken`],
  },
  {
    name: 'anchors to Arabic headings resolve, however the link spells them; a cross-page one must use the id',
    files: {
      // The author has an Arabic name, so the Arabic page has no untranslated label to report.
      'content/authors/jane-doe.yaml': 'name: { en: Jane Doe, ar: جين دو }\nrole: Reporter\n',
      [f('arabic')]: article({ lang: 'ar' }, '## ما الذي حدث؟\n\n## الإقتصادُ السوريّ\n\nانظر [ما حدث](#ما-الذي-حدث؟) و[الاقتصاد](#الإقتصاد-السوري) و[غير موجود](#لا-شيء).\n'),
      [f('to-arabic')]: article({}, 'See [the economy](/ar/politics/2025/05/arabic/#الإقتصاد-السوري).\n'),
    },
    problems: [`${f('arabic')} 14:61 error link:broken-anchor`, `${f('to-arabic')} 9:5 error link:broken-anchor`],
    text: /Did you mean #الإقتصادُ-السوريّ\?/,
  },
];

test('check reports every case at its position, and nothing else, in one run', async () => {
  const files = Object.assign({}, ...cases.map((c) => c.files)) as Record<string, string>;
  const expected = cases.flatMap((c) => c.problems).sort((a, b) => a.split(' ')[0]!.localeCompare(b.split(' ')[0]!));
  const root = await makeSite(files);
  try {
    const r = await runCli(['check'], { cwd: root });
    assert.equal(r.code, 1, r.stderr);
    assert.deepEqual(problemLines(r.stderr), expected, r.stderr);
    for (const c of cases) if (c.text) assert.match(r.stderr, c.text, c.name);
  } finally {
    await removeSite(root);
  }
});

test('build: a url override publishes the story at its legacy address; an offset-less date is read in the site’s timezone', async () => {
  const root = await makeSite({
    // 2025-05-31 23:30 in Amman is still May there (20:30 UTC): the permalink month is the local one.
    [A]: article({ date: '2025-05-31 23:30', url: '/2019/05/budget-vote.html', redirectFrom: '[/news/budget-vote/]' }),
    'content/articles/2025/05/day-only/index.md': article({ date: '2025-05-06' }),
  });
  try {
    const r = await runCli(['build', '--now', '2026-01-01T00:00:00Z'], { cwd: root });
    assert.equal(r.code, 0, r.stderr);
    const page = await fs.readFile(path.join(root, '_site/2019/05/budget-vote.html'), 'utf8');
    assert.match(page, /<link rel="canonical" href="https:\/\/test\.example\/2019\/05\/budget-vote\.html"/);
    assert.match(page, /"datePublished":"2025-05-31T23:30:00\+03:00"/);
    assert.match(await fs.readFile(path.join(root, '_site/news/budget-vote/index.html'), 'utf8'), /2019\/05\/budget-vote\.html/);
    const dayOnly = await fs.readFile(path.join(root, '_site/politics/2025/05/day-only/index.html'), 'utf8');
    assert.match(dayOnly, /"datePublished":"2025-05-06T00:00:00\+03:00"/);
  } finally {
    await removeSite(root);
  }
});
