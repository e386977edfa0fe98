import { test } from 'node:test';
import assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { waitFor } from '../helpers/net.js';
import { article, makeSite, removeSite } from '../helpers/project.js';
import { startDev } from '../helpers/dev.js';

const A = 'content/articles/2025/05/budget-vote/index.md';
const URL_A = 'politics/2025/05/budget-vote/';
const DRAFT = 'content/articles/2025/05/draft-story/index.md';

test('dev serves a preview, rebuilds on save, shows errors in terminal and browser, and recovers', { timeout: 400_000 }, async () => {
  const root = await makeSite({
    [A]: article({}, 'Officials said the vote would go ahead.\n'),
    [DRAFT]: article({ title: 'Unfinished draft story', draft: 'true' }),
  });
  const { port, child, exited, log } = await startDev(root);
  const base = `http://127.0.0.1:${port}/`;
  // A browser navigation (fetch() would say `sec-fetch-mode: cors`): Eleventy's server injects its reload client only into those.
  const get = (p: string) =>
    new Promise<{ status: number; text: string }>((resolve, reject) => {
      const req = http.get(base + p, { headers: { 'sec-fetch-mode': 'navigate', accept: 'text/html' } }, (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (d) => (text += d));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, text }));
      });
      req.on('error', reject);
    });
  try {
    await waitFor(`"Preview at" in:\n${log.stdout}\n${log.stderr}`, 60_000, async () => log.stdout.includes(`Preview at ${base}`));
    const first = await get(URL_A);
    assert.equal(first.status, 200);
    assert.match(first.text, /Parliament passes the budget/);
    assert.match(first.text, /reload-client\.js/, 'the live-reload client is injected');
    // Preview shows drafts.
    assert.match((await get('politics/2025/05/draft-story/')).text, /Unfinished draft story/);

    const file = path.join(root, A);
    await fs.writeFile(file, article({ title: 'Parliament approves the budget' }, 'Officials said the vote would go ahead.\n'));
    const ms = await waitFor('the new headline', 60_000, async () => (await get(URL_A)).text.includes('Parliament approves the budget'));
    process.stderr.write(`# dev: save → new page served in ${ms} ms\n`);
    // The browser reloads once the pages are written (its log line says so); feeds and sitemaps follow, then the rebuild's own line.
    await waitFor(`the rebuild line in:\n${log.stderr}`, 30_000, async () =>
      /Rendered the pages of .*index\.md: save → reload [\d.]+ s; finishing feeds, sitemaps and search\n(?:.*\n)*Rebuilt after .* changed: build [\d.]+ s, site up to date [\d.]+ s after the save\n/.test(log.stderr),
    );

    // An error: the terminal shows it positioned, every page shows it, the server stays up.
    await fs.writeFile(file, article({ title: 'Parliament approves the budget', section: 'politcs' }));
    await waitFor('the error page', 60_000, async () => (await get(URL_A)).status === 500);
    const page = await get(URL_A);
    assert.match(page.text, /The preview could not be rebuilt: 1 error/);
    assert.match(page.text, /content\/articles\/2025\/05\/budget-vote\/index\.md:6:10/);
    assert.match(page.text, /front-matter:unknown-section/);
    assert.match(page.text, /Did you mean “politics”\?/);
    assert.match(page.text, /EleventyReload|reload-client\.js/, 'the error page reloads itself once fixed');
    await waitFor('the terminal report', 30_000, async () => /6:10\s+error\s+Section “politcs” is not listed/.test(log.stderr));
    assert.equal(child.exitCode, null, 'still running');

    await fs.writeFile(file, article({ title: 'Parliament approves the budget again' }));
    await waitFor('the fixed page', 60_000, async () => {
      const r = await get(URL_A);
      return r.status === 200 && r.text.includes('Parliament approves the budget again');
    });
    assert.equal(child.exitCode, null);

    // The watcher's change set is all the rebuild looks at: a new bundle in a new month folder, then the bundle renamed.
    const added = path.join(root, 'content/articles/2025/06/water-prices-rise');
    await fs.mkdir(added, { recursive: true });
    await fs.writeFile(path.join(added, 'index.md'), article({ title: 'Water prices rise again', date: '2025-05-30T09:00:00+03:00', section: 'economy' }));
    await waitFor('the new story on the home page', 60_000, async () => (await get('')).text.includes('Water prices rise again'));
    assert.equal((await get('economy/2025/05/water-prices-rise/')).status, 200);
    await fs.rename(added, path.join(root, 'content/articles/2025/06/water-bills-rise'));
    await waitFor('the renamed story', 60_000, async () => (await get('economy/2025/05/water-bills-rise/')).status === 200);
    assert.equal((await get('economy/2025/05/water-prices-rise/')).status, 404, 'the old URL is gone');
  } finally {
    child.kill('SIGTERM');
    await exited;
    await removeSite(root);
  }
});

test('dev shows a saved article body before the rest of the preview is rebuilt, byte for byte the page the rebuild makes', { timeout: 300_000 }, async () => {
  const root = await makeSite({
    [A]: article({}, 'Officials said the vote would go ahead.\n\nThe opposition walked out before the count.\n'),
  });
  const { port, child, exited, log } = await startDev(root, undefined, ['--timings']);
  const base = `http://127.0.0.1:${port}/`;
  const get = async (p: string) => (await fetch(base + p)).text();
  const file = path.join(root, A);
  // A wait that times out says what the preview printed until then, not only when the wait began.
  const until = (what: string, check: () => boolean | Promise<boolean>) =>
    waitFor(what, 60_000, check).catch((err: Error) => {
      throw new Error(`${err.message}; the preview printed:\n${log.stdout}\n${log.stderr}`);
    });
  try {
    await waitFor(`"Preview at" in:\n${log.stdout}\n${log.stderr}`, 60_000, async () => log.stdout.includes(`Preview at ${base}`));
    // A body edit: the page first, then the rebuild, which makes the very same page (no second reload).
    let from = log.stderr.length;
    await fs.writeFile(file, article({}, 'Officials said the vote would go ahead on Tuesday.\n\nThe opposition walked out before the count.\n'));
    await until('the page line', async () => /Rendered the page of content\/articles\/2025\/05\/budget-vote\/index\.md: save → reload [\d.]+ s; rebuilding the rest/.test(log.stderr.slice(from)));
    assert.match(await get(URL_A), /go ahead on Tuesday/);
    await until('the rebuild line', async () => /Rebuilt after .*index\.md changed: build [\d.]+ s, site up to date [\d.]+ s after the save\n/.test(log.stderr.slice(from)));
    assert.match(await get(URL_A), /go ahead on Tuesday/);

    // A body edit that reaches further (a link to another page) waits for the rebuild: one reload, as before.
    from = log.stderr.length;
    await fs.writeFile(file, article({}, 'Officials said the vote would go ahead on Tuesday, [as planned](/politics/).\n\nThe opposition walked out before the count.\n'));
    await until('the rebuild line', async () => /Rebuilt after .*index\.md changed: build [\d.]+ s, site up to date [\d.]+ s after the save\n/.test(log.stderr.slice(from)));
    assert.doesNotMatch(log.stderr.slice(from), /Rendered the page of/);
    assert.match(log.stderr.slice(from), /Rendered the pages of .*index\.md: save → reload [\d.]+ s; finishing feeds, sitemaps and search\n/);
    assert.match(await get(URL_A), /as planned/);

    // A front matter edit (the headline shows on list pages) is not shown early either.
    from = log.stderr.length;
    await fs.writeFile(file, article({ title: 'Parliament approves the budget' }, 'Officials said the vote would go ahead on Tuesday.\n'));
    await until('the rebuild line', async () => /Rebuilt after .*index\.md changed: build [\d.]+ s, site up to date [\d.]+ s after the save\n/.test(log.stderr.slice(from)));
    assert.doesNotMatch(log.stderr.slice(from), /Rendered the page of/);
    assert.match(log.stderr.slice(from), /Rendered the pages of .*index\.md: save → reload [\d.]+ s; finishing feeds, sitemaps and search\n/);
    assert.match(await get(''), /Parliament approves the budget/);
    // With --timings, each rebuild prints the time of its every step.
    assert.match(log.stderr.slice(from), /^ {2}render +\d+\.\d\d s +\d+ %\n(?:.*\n)* {2}emit +\d+\.\d\d s/m);
  } finally {
    child.kill('SIGTERM');
    await exited;
    await removeSite(root);
  }
});
