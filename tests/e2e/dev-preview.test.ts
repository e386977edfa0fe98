import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import http from 'node:http';
import { freePort } from '../helpers/net.js';
import { article, cliPath, makeSite, removeSite } from '../helpers/project.js';


/** A browser navigation to the preview. */
function get(base: string, p: string): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    http
      .get(base + p, { headers: { 'sec-fetch-mode': 'navigate', accept: 'text/html' } }, (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (d) => (text += d));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, text }));
      })
      .on('error', reject);
  });
}

test('the preview shows warnings in the browser and labels held stories on every card', { timeout: 180_000 }, async () => {
  const root = await makeSite({
    'content/articles/2025/05/budget-vote/index.md': article({}, 'Officials said <span onclick="track()">the vote</span> would go ahead.\n'),
    'content/articles/2025/05/draft-story/index.md': article({ title: 'Unfinished draft story', draft: 'true' }),
    'content/articles/2025/07/embargoed-story/index.md': article({ title: 'Story under embargo', date: '2025-07-01T09:00:00+03:00' }),
  });
  const port = await freePort();
  const child = spawn(process.execPath, [cliPath, 'dev', '--port', String(port), '--now', '2025-06-01T00:00:00Z'], { cwd: root, env: { ...process.env, NO_COLOR: '1', GITHUB_ACTIONS: '' } });
  let stdout = '';
  child.stdout.on('data', (d) => (stdout += d));
  child.stderr.resume();
  const exited = new Promise((resolve) => child.on('exit', resolve));
  try {
    const t0 = Date.now();
    while (!stdout.includes('Preview at') && Date.now() - t0 < 120_000) await new Promise((r) => setTimeout(r, 100));
    const base = `http://127.0.0.1:${port}/`;
    const home = await get(base, '');
    assert.equal(home.status, 200);
    // The warning the terminal printed is in the page, positioned, with its rule id.
    assert.match(home.text, /<aside data-dateline-warnings[^>]*>[\s\S]*1 warning in this preview/);
    assert.match(home.text, /content\/articles\/2025\/05\/budget-vote\/index\.md:\d+:\d+<\/code> <span class="rule">body:raw-html-removed/);
    assert.match(home.text, /reload-client\.js/, 'the page still reloads itself');
    // Held stories are labelled on the cards of the list pages, not only on their own page.
    const cards = [...home.text.matchAll(/<article class="story-card[^"]*"[\s\S]*?<\/article>/g)].map((m) => m[0]);
    const card = (title: string) => cards.find((c) => c.includes(title)) ?? '';
    assert.match(card('Unfinished draft story'), /<p class="held-label">Draft<\/p>/);
    assert.match(card('Story under embargo'), /<p class="held-label">Embargoed until [^<]*2025[^<]*<\/p>/);
    assert.doesNotMatch(card('Parliament passes the budget'), /held-label/);
    const section = await get(base, 'politics/');
    assert.match(section.text, /held-label">Draft</);
  } finally {
    child.kill('SIGTERM');
    await exited;
    await removeSite(root);
  }
});
