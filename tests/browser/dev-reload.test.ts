import { test } from 'node:test';
import assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { launchChromium } from '../helpers/browser.js';
import { startDev } from '../helpers/dev.js';
import { waitFor } from '../helpers/net.js';
import { article, makeSite, removeSite } from '../helpers/project.js';

const A = 'content/articles/2025/05/budget-vote/index.md';
const URL_A = '/politics/2025/05/budget-vote/';

test('a browser showing an article in dev reloads once with the saved sentence, and again only when the rebuild changes a page', { timeout: 300_000 }, async () => {
  const root = await makeSite({ [A]: article({}, 'Officials said the vote would go ahead.\n\nThe opposition walked out before the count.\n') });
  const dev = await startDev(root);
  const browser = await launchChromium();
  try {
    await waitFor(`"Preview at" in:\n${dev.log.stdout}\n${dev.log.stderr}`, 60_000, () => dev.log.stdout.includes('Preview at'));
    const page = await browser.newPage();
    await page.goto(`http://127.0.0.1:${dev.port}${URL_A}`, { waitUntil: 'load' });
    let loads = 0;
    page.on('load', () => loads++);
    const body = () => page.locator('main').innerText();

    // A body edit: the page is shown before the rebuild, which then finds every page as shown.
    let from = dev.log.stderr.length;
    await fs.writeFile(path.join(root, A), article({}, 'Officials said the vote would go ahead on Tuesday.\n\nThe opposition walked out before the count.\n'));
    await waitFor('the saved sentence in the open page', 60_000, async () => (await body()).includes('go ahead on Tuesday'));
    await waitFor(`the rebuild line in:\n${dev.log.stderr}`, 60_000, () => /site up to date [\d.]+ s after the save\n/.test(dev.log.stderr.slice(from)));
    assert.doesNotMatch(dev.log.stderr.slice(from), /reloaded again/);
    // Time for a second reload to arrive, were one sent.
    await new Promise((r) => setTimeout(r, 1500));
    assert.equal(loads, 1, 'one reload for the saved body');

    // The same bytes written again (an editor's second write, a touch): the rebuild changes no page, and the browser is left alone.
    from = dev.log.stderr.length;
    loads = 0;
    await fs.writeFile(path.join(root, A), article({}, 'Officials said the vote would go ahead on Tuesday.\n\nThe opposition walked out before the count.\n'));
    await waitFor(`the rebuild line in:\n${dev.log.stderr}`, 60_000, () => /no page changed \(not reloaded\)\n/.test(dev.log.stderr.slice(from)));
    await new Promise((r) => setTimeout(r, 1500));
    assert.equal(loads, 0, 'no reload for a file saved again unchanged');

    // A headline edit is shown once the rebuild has written the pages: one reload, with the new
    // headline, and none when feeds and sitemaps are done.
    from = dev.log.stderr.length;
    loads = 0;
    await fs.writeFile(path.join(root, A), article({ title: 'Parliament approves the budget' }, 'Officials said the vote would go ahead on Tuesday.\n'));
    await waitFor('the new headline in the open page', 60_000, async () => (await page.locator('h1').innerText()).includes('Parliament approves the budget'));
    await waitFor(`the rebuild line in:\n${dev.log.stderr}`, 60_000, () => /site up to date [\d.]+ s after the save\n/.test(dev.log.stderr.slice(from)));
    assert.match(dev.log.stderr.slice(from), /Rendered the pages of .*: save → reload [\d.]+ s; finishing feeds, sitemaps and search\n/);
    assert.doesNotMatch(dev.log.stderr.slice(from), /reloaded again/);
    await new Promise((r) => setTimeout(r, 1500));
    assert.equal(loads, 1, 'one reload for the headline');
  } finally {
    await browser.close();
    dev.child.kill('SIGTERM');
    await dev.exited;
    await removeSite(root);
  }
});
