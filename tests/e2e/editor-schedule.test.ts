import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, promises as fs } from 'node:fs';
import path from 'node:path';
import { article, makeSite, removeSite, runCli } from '../helpers/project.js';

const PUBLISHED = 'content/articles/2025/05/budget-vote/index.md';
const EMBARGOED = 'content/articles/2027/01/ministers-sign-the-grain-deal/index.md';
const EMBARGO_TITLE = 'Ministers sign the grain deal';
const EMBARGO_URL = '/economy/2027/01/ministers-sign-the-grain-deal/';
const EXPIRING = 'content/articles/2025/06/ceasefire-talks-resume/index.md';
const EXPIRING_URL = '/politics/2025/06/ceasefire-talks-resume/';

/** Every file under `dir` whose text mentions `needle` (relative paths). */
async function filesMentioning(dir: string, needle: string): Promise<string[]> {
  const hits: string[] = [];
  for (const rel of await fs.readdir(dir, { recursive: true })) {
    const file = path.join(dir, rel);
    if (!(await fs.stat(file)).isFile()) continue;
    if ((await fs.readFile(file)).includes(needle)) hits.push(rel);
  }
  return hits;
}

function site(extra: Record<string, string> = {}): Record<string, string> {
  return {
    [PUBLISHED]: article(),
    [EMBARGOED]: article({ title: EMBARGO_TITLE, section: 'economy', date: '2027-01-15T06:00:00+03:00', summary: 'Wheat shipments resume under a new agreement.' }),
    ...extra,
  };
}

test('scheduled lists embargoes in the site time zone and ends with the next due time', async () => {
  const root = await makeSite(
    site({
      'content/articles/2027/02/draft-story/index.md': article({ title: 'A draft', date: '2027-02-01T09:00:00+03:00', draft: 'true' }),
      [EXPIRING]: article({ title: 'Ceasefire talks resume', date: '2025-06-01T09:00:00+03:00', expires: '2027-03-01T00:00:00+02:00' }),
    }),
  );
  try {
    const r = await runCli(['scheduled', '--now', '2026-12-01T00:00:00Z'], { cwd: root });
    assert.equal(r.code, 0, r.stderr);
    const lines = r.stdout.trim().split('\n');
    assert.match(lines[0]!, /Asia\/Amman/);
    const embargo = lines.find((l) => l.includes(EMBARGO_URL));
    assert.ok(embargo, r.stdout);
    assert.match(embargo, /2027-01-15 06:00 \(UTC\+03:00\)\s+2027-01-15T03:00:00Z\s+publishes/);
    assert.match(lines.find((l) => l.includes(EXPIRING_URL)) ?? '', /2027-03-01 01:00 \(UTC\+03:00\)\s+2027-02-28T22:00:00Z\s+comes down/);
    assert.match(lines.find((l) => l.includes('/draft-story/')) ?? '', /held: draft: true/);
    assert.equal(lines.at(-1), 'next: 2027-01-15T03:00:00Z');

    const after = await runCli(['scheduled', '--now', '2027-01-15T06:00:00+03:00'], { cwd: root });
    assert.equal(after.stdout.trim().split('\n').at(-1), 'next: 2027-02-28T22:00:00Z');

    // The same list from the build command, for CI; nothing is built.
    const listed = await runCli(['build', '--list-scheduled', '--now', '2026-12-01T00:00:00Z'], { cwd: root });
    assert.equal(listed.code, 0, listed.stderr);
    assert.equal(listed.stdout, r.stdout);
    assert.equal(existsSync(path.join(root, '_site')), false);
  } finally {
    await removeSite(root);
  }
});

test('an embargoed article appears in no output file before its date, and in the site after', async () => {
  const root = await makeSite(site());
  try {
    const before = await runCli(['build', '--now', '2027-01-15T05:59:00+03:00', '--out', 'before'], { cwd: root });
    assert.equal(before.code, 0, before.stderr);
    assert.deepEqual(await filesMentioning(path.join(root, 'before'), EMBARGO_TITLE), []);
    assert.deepEqual(await filesMentioning(path.join(root, 'before'), 'ministers-sign-the-grain-deal'), []);
    assert.ok(existsSync(path.join(root, 'before/politics/2025/05/budget-vote/index.html')));

    const after = await runCli(['build', '--now', '2027-01-15T06:00:00+03:00', '--out', 'after'], { cwd: root });
    assert.equal(after.code, 0, after.stderr);
    const page = await fs.readFile(path.join(root, 'after', EMBARGO_URL, 'index.html'), 'utf8');
    assert.match(page, new RegExp(EMBARGO_TITLE));
    const mentions = await filesMentioning(path.join(root, 'after'), EMBARGO_TITLE);
    assert.ok(mentions.includes('index.html'), `home page lists it: ${mentions.join(', ')}`);
    assert.ok(mentions.some((f) => f.startsWith('economy/')), 'section page lists it');
    const urlMentions = await filesMentioning(path.join(root, 'after'), EMBARGO_URL);
    assert.ok(urlMentions.includes('sitemap.xml'), `sitemap lists it: ${urlMentions.join(', ')}`);
  } finally {
    await removeSite(root);
  }
});

test('an expired article leaves a 410 page listed in the host config, and no trace elsewhere', async () => {
  const root = await makeSite(site({ [EXPIRING]: article({ title: 'Ceasefire talks resume', date: '2025-06-01T09:00:00+03:00', expires: '2026-01-01T00:00:00+02:00' }) }));
  try {
    const live = await runCli(['build', '--now', '2025-12-31T23:00:00+02:00', '--out', 'live'], { cwd: root });
    assert.equal(live.code, 0, live.stderr);
    assert.match(await fs.readFile(path.join(root, 'live', EXPIRING_URL, 'index.html'), 'utf8'), /Ceasefire talks resume/);

    const gone = await runCli(['build', '--now', '2026-01-01T00:00:00+02:00', '--out', 'gone'], { cwd: root });
    assert.equal(gone.code, 0, gone.stderr);
    const page = await fs.readFile(path.join(root, 'gone', EXPIRING_URL, 'index.html'), 'utf8');
    assert.doesNotMatch(page, /Officials said/, 'the body is gone');
    assert.match(page, /noindex/);
    const redirects = await fs.readFile(path.join(root, 'gone/_redirects'), 'utf8');
    const line = redirects.split('\n').find((l) => l.startsWith(EXPIRING_URL));
    assert.ok(line, `_redirects lists ${EXPIRING_URL}:\n${redirects}`);
    assert.match(line, /\s410!$/, "forced (410!) so the gone page file at that URL does not win");
    const mentions = (await filesMentioning(path.join(root, 'gone'), EXPIRING_URL)).filter((f) => !f.startsWith(EXPIRING_URL.slice(1)) && f !== '_redirects' && f !== '_headers' && !f.startsWith('.dateline/'));
    assert.deepEqual(mentions, [], 'no list page, feed or sitemap still links to it');
  } finally {
    await removeSite(root);
  }
});

test('with `expired: redirect-section` an expired article redirects to its section', async () => {
  const root = await makeSite(site({ [EXPIRING]: article({ title: 'Ceasefire talks resume', date: '2025-06-01T09:00:00+03:00', expires: '2026-01-01T00:00:00+02:00' }) }));
  try {
    const yaml = await fs.readFile(path.join(root, 'content/site.yaml'), 'utf8');
    await fs.writeFile(path.join(root, 'content/site.yaml'), yaml + 'expired: redirect-section\n');
    const r = await runCli(['build', '--now', '2026-02-01T00:00:00+02:00'], { cwd: root });
    assert.equal(r.code, 0, r.stderr);
    const redirects = await fs.readFile(path.join(root, '_site/_redirects'), 'utf8');
    assert.match(redirects, new RegExp(`^${EXPIRING_URL.replace(/\//g, '\\/')}\\s+/politics/\\s+301$`, 'm'));
    assert.match(await fs.readFile(path.join(root, '_site', EXPIRING_URL, 'index.html'), 'utf8'), /\/politics\//);
  } finally {
    await removeSite(root);
  }
});
