import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, promises as fs } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { article, makeSite, removeSite, runCli } from '../helpers/project.js';

const NOW = ['--now', '2025-06-01T00:00:00Z'];
const OLD = 'content/articles/2025/05/budget-vote/index.md';
const OLD_URL = '/politics/2025/05/budget-vote/';
const NEW = 'content/articles/2025/05/parliament-passes-budget-vote/index.md';
const NEW_URL = '/politics/2025/05/parliament-passes-budget-vote/';
const OTHER = 'content/articles/2025/04/fuel-prices-rise/index.md';

async function moveBundle(root: string, from: string, to: string): Promise<void> {
  await fs.mkdir(path.dirname(path.dirname(path.join(root, to))), { recursive: true });
  await fs.rename(path.dirname(path.join(root, from)), path.dirname(path.join(root, to)));
}
const read = (root: string, rel: string) => fs.readFile(path.join(root, rel), 'utf8');

test('build fails when a published story moved and was edited, positioned on it with the redirectFrom line; the old output stays', async () => {
  const root = await makeSite({ [OLD]: article(), [OTHER]: article({ title: 'Fuel prices rise', date: '2025-04-02T09:00:00+03:00', section: 'economy' }) });
  try {
    const first = await runCli(['build', ...NOW], { cwd: root });
    assert.equal(first.code, 0, first.stderr);
    await moveBundle(root, OLD, NEW);
    await fs.writeFile(path.join(root, NEW), article({ title: 'Parliament passes the budget vote' }));
    const moved = await runCli(['build', ...NOW], { cwd: root });
    assert.equal(moved.code, 1, moved.stderr);
    assert.match(moved.stderr, new RegExp(`^${NEW.replace(/\//g, '\\/')}$`, 'm'));
    assert.match(moved.stderr, /1:1\s+error\s+\/politics\/2025\/05\/budget-vote\/ was published by the previous build but is now neither a page nor a redirect\. It looks like it moved to \/politics\/2025\/05\/parliament-passes-budget-vote\/.*site:removed-url/);
    assert.match(moved.stderr, /Add `redirectFrom: \[\/politics\/2025\/05\/budget-vote\/\]` to the front matter/);
    assert.match(moved.stderr, /npx dateline unpublish \/politics\/2025\/05\/budget-vote\//);
    assert.ok(existsSync(path.join(root, '_site', OLD_URL, 'index.html')), 'the previous output is untouched');

    await fs.writeFile(path.join(root, NEW), article({ title: 'Parliament passes the budget vote', redirectFrom: `[${OLD_URL}]` }));
    const fixed = await runCli(['build', ...NOW], { cwd: root });
    assert.equal(fixed.code, 0, fixed.stderr);
    assert.match(await read(root, `_site${OLD_URL}index.html`), new RegExp(`https://test\\.example${NEW_URL}`));
  } finally {
    await removeSite(root);
  }
});

test('a story moved with the same id (or the same file) gets its redirect automatically, kept by later builds', async () => {
  const root = await makeSite({ [OLD]: article({ id: 'budget-2025' }), [OTHER]: article({ title: 'Fuel prices rise', date: '2025-04-02T09:00:00+03:00', section: 'economy' }) });
  try {
    assert.equal((await runCli(['build', ...NOW], { cwd: root })).code, 0);
    // Moved to another month and retitled: only the id says it is the same story.
    const target = 'content/articles/2025/04/budget-passes/index.md';
    await moveBundle(root, OLD, target);
    await fs.writeFile(path.join(root, target), article({ id: 'budget-2025', title: 'Budget passes', date: '2025-04-30T09:00:00+03:00' }));
    const r = await runCli(['build', ...NOW], { cwd: root });
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stderr, /^content\/articles\/2025\/04\/budget-passes\/index\.md$/m);
    assert.match(r.stderr, /warning\s+\/politics\/2025\/05\/budget-vote\/ was published by the previous build; it now redirects to \/politics\/2025\/04\/budget-passes\/, where this story moved\.\s+site:redirect-added/);
    assert.match(r.stderr, /Add `redirectFrom: \[\/politics\/2025\/05\/budget-vote\/\]`/);
    const page = await read(root, `_site${OLD_URL}index.html`);
    assert.match(page, /http-equiv="?refresh/i);
    assert.ok(page.includes('https://test.example/politics/2025/04/budget-passes/'), page);
    assert.match(await read(root, '_site/_redirects'), /^\/politics\/2025\/05\/budget-vote\/ \/politics\/2025\/04\/budget-passes\/ 301$/m);

    // The next build (another edit) keeps the redirect from the previous output, and still says so.
    await fs.appendFile(path.join(root, target), '\nA second paragraph.\n');
    const again = await runCli(['build', ...NOW], { cwd: root });
    assert.equal(again.code, 0, again.stderr);
    assert.match(again.stderr, /site:redirect-added/);
    assert.ok(existsSync(path.join(root, '_site', OLD_URL, 'index.html')));

    // Same bytes under a new folder: the file itself is the identity.
    const renamed = 'content/articles/2025/04/fuel-prices-climb/index.md';
    await moveBundle(root, OTHER, renamed);
    const byFile = await runCli(['build', ...NOW], { cwd: root });
    assert.equal(byFile.code, 0, byFile.stderr);
    assert.match(byFile.stderr, /\/economy\/2025\/04\/fuel-prices-rise\/ was published by the previous build; it now redirects to \/economy\/2025\/04\/fuel-prices-climb\//);
  } finally {
    await removeSite(root);
  }
});

test('dateline unpublish removes the story on purpose: recorded in content/unpublished.yaml, a 410 page or a redirect', async () => {
  const root = await makeSite({ [OLD]: article({ redirectFrom: '[/politics/2025/05/old-budget/]' }), [OTHER]: article({ title: 'Fuel prices rise', date: '2025-04-02T09:00:00+03:00', section: 'economy' }) });
  try {
    assert.equal((await runCli(['build', ...NOW], { cwd: root })).code, 0);
    const r = await runCli(['unpublish', 'budget-vote', '--reason', 'Legal request', ...NOW], { cwd: root });
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /Unpublished \/politics\/2025\/05\/budget-vote\/: it now answers 410 Gone\./);
    assert.match(r.stdout, /Removed content\/articles\/2025\/05\/budget-vote\/ and recorded the removal in content\/unpublished\.yaml/);
    assert.ok(!existsSync(path.join(root, path.dirname(OLD))));
    const record = await read(root, 'content/unpublished.yaml');
    assert.match(record, /- url: "\/politics\/2025\/05\/budget-vote\/"\n {2}date: "2025-06-01T00:00:00\.000Z"\n {2}title: "Parliament passes the budget"\n {2}section: "politics"\n {2}reason: "Legal request"/);
    assert.match(record, /- url: "\/politics\/2025\/05\/old-budget\/"/, 'its old URLs go too');

    const built = await runCli(['build', ...NOW], { cwd: root });
    assert.equal(built.code, 0, built.stderr);
    assert.doesNotMatch(built.stderr, /site:removed-url/);
    const gone = await read(root, `_site${OLD_URL}index.html`);
    assert.match(gone, /This story has been removed/);
    assert.match(gone, /noindex/);
    assert.match(await read(root, '_site/_redirects'), /^\/politics\/2025\/05\/budget-vote\/ \/politics\/2025\/05\/budget-vote\/index\.html 410!$/m);

    // A story deleted by hand fails the build until its URL is unpublished, here as a redirect.
    await fs.rm(path.join(root, path.dirname(OTHER)), { recursive: true });
    const deleted = await runCli(['build', ...NOW], { cwd: root });
    assert.equal(deleted.code, 1);
    assert.match(deleted.stderr, /\/economy\/2025\/04\/fuel-prices-rise\/ was published by the previous build but is now neither a page nor a redirect, and no article looks like its new home\./);
    assert.match(deleted.stderr, /^_site\/\.dateline\/manifest\.json$/m);
    assert.equal((await runCli(['unpublish', '/economy/2025/04/fuel-prices-rise/', '--redirect', '/economy/', ...NOW], { cwd: root })).code, 0);
    const redirected = await runCli(['build', ...NOW], { cwd: root });
    assert.equal(redirected.code, 0, redirected.stderr);
    assert.match(await read(root, '_site/_redirects'), /^\/economy\/2025\/04\/fuel-prices-rise\/ \/economy\/ 301$/m);

    // The record is validated, with positions.
    await fs.appendFile(path.join(root, 'content/unpublished.yaml'), '- url: economy/x/\n  date: "2025-06-01T00:00:00Z"\n');
    const invalid = await runCli(['check', ...NOW], { cwd: root });
    assert.equal(invalid.code, 1);
    assert.match(invalid.stderr, /^content\/unpublished\.yaml$/m);
    assert.match(invalid.stderr, /\d+:\d+\s+error\s+.*must be a path on this site starting with `\/`.*unpublished:invalid/);
  } finally {
    await removeSite(root);
  }
});

test('check --against takes the live manifest by URL; a site with none yet is compared with nothing', async () => {
  const root = await makeSite({ [OLD]: article() });
  let manifest: string | undefined;
  const server = http.createServer((req, res) => {
    if (req.url === '/.dateline/manifest.json' && manifest) res.writeHead(200, { 'content-type': 'application/json' }).end(manifest);
    else res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/.dateline/manifest.json`;
  try {
    const none = await runCli(['check', ...NOW, '--against', url], { cwd: root });
    assert.equal(none.code, 0, none.stderr);
    assert.match(none.stderr, /answered 404: the site has no manifest yet/);
    assert.equal((await runCli(['build', ...NOW], { cwd: root })).code, 0);
    manifest = await read(root, '_site/.dateline/manifest.json');
    await fs.rm(path.join(root, '_site'), { recursive: true });
    await moveBundle(root, OLD, NEW);
    await fs.writeFile(path.join(root, NEW), article({ title: 'Parliament passes the budget vote' }));
    const r = await runCli(['check', ...NOW, '--against', url], { cwd: root });
    assert.equal(r.code, 1, r.stderr);
    assert.match(r.stderr, /budget-vote\/ was published by the previous build .*site:removed-url/);
  } finally {
    server.close();
    await removeSite(root);
  }
});

test('check warns when an embargoed story moves to another month, until the first URL is in redirectFrom', async () => {
  const EMBARGOED = 'content/articles/2025/06/election-results/index.md';
  const root = await makeSite({ [OLD]: article(), [EMBARGOED]: article({ title: 'Election results', date: '2025-06-30T22:00:00+03:00' }) });
  try {
    const first = await runCli(['check', ...NOW], { cwd: root });
    assert.equal(first.code, 0, first.stderr);
    assert.doesNotMatch(first.stderr, /schedule:embargo-url-changed/);
    const moved = 'content/articles/2025/07/election-results/index.md';
    await moveBundle(root, EMBARGOED, moved);
    await fs.writeFile(path.join(root, moved), article({ title: 'Election results', date: '2025-07-01T09:00:00+03:00' }));
    const r = await runCli(['check', ...NOW], { cwd: root });
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stderr, /^content\/articles\/2025\/07\/election-results\/index\.md$/m);
    assert.match(r.stderr, /warning\s+This embargoed story's URL changed from \/politics\/2025\/06\/election-results\/ to \/politics\/2025\/07\/election-results\/ because its `date` moved from 2025-06 to 2025-07; .*schedule:embargo-url-changed/);
    assert.match(r.stderr, /Add `redirectFrom: \[\/politics\/2025\/06\/election-results\/\]` so they keep working, or keep the date in 2025-06\./);
    await fs.writeFile(path.join(root, moved), article({ title: 'Election results', date: '2025-07-01T09:00:00+03:00', redirectFrom: '[/politics/2025/06/election-results/]' }));
    const fixed = await runCli(['check', ...NOW], { cwd: root });
    assert.doesNotMatch(fixed.stderr, /schedule:embargo-url-changed/);
  } finally {
    await removeSite(root);
  }
});
