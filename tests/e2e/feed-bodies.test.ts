import { test } from 'node:test';
import assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import { article, makeSite, removeSite, runCli } from '../helpers/project.js';

const NOW = ['--now', '2025-06-01T00:00:00Z'];
const photo = (r: number) => sharp({ create: { width: 1600, height: 900, channels: 3, background: { r, g: 90, b: 60 } } }).jpeg().toBuffer();
const STORY = 'content/articles/2025/05/budget-vote';
const read = (root: string, rel: string) => fs.readFile(path.join(root, rel), 'utf8');
/** The RSS item of the budget story, as the site-wide feed has it. */
const budgetItem = async (root: string) => {
  const feed = await read(root, '_site/feed.xml');
  const item = feed.split('<item>').find((i) => i.includes('/budget-vote/'));
  assert.ok(item, 'the budget story is in the feed');
  return item;
};
const bodies = (root: string) => path.join(root, '.cache/feed-bodies.json');
type Kept = { program: string; entries: Record<string, { photos: [string, string | null][]; html: string }> };

test("a fresh build takes unchanged stories' feed bodies from the cache, and converts again a body whose photo changed", async () => {
  const root = await makeSite({
    [`${STORY}/index.md`]: article({}, 'The vote went ahead.\n\n![The chamber during the vote](chamber.jpg)\n'),
    [`${STORY}/chamber.jpg`]: await photo(30),
  });
  try {
    assert.equal((await runCli(['build', ...NOW], { cwd: root })).code, 0);
    const first = await budgetItem(root);
    const photoUrl = /media\/([0-9a-f]{12})-1200\.jpg/.exec(first)?.[1];
    assert.ok(photoUrl, 'the body photo is in the feed as its 1200 px JPEG');
    const kept = JSON.parse(await fs.readFile(bodies(root), 'utf8')) as Kept;
    const [key, entry] = Object.entries(kept.entries).find(([, e]) => e.html.includes('The vote went ahead'))!;
    assert.deepEqual(entry.photos.map(([source]) => path.basename(source)), ['chamber.jpg']);

    // A story added changes the feed; the budget story's body comes from the cache (marked here to tell).
    kept.entries[key] = { ...entry, html: entry.html.replace('The vote went ahead.', 'The vote went ahead (kept body).') };
    await fs.writeFile(bodies(root), JSON.stringify(kept));
    await fs.mkdir(path.join(root, 'content/articles/2025/05/fuel-prices'), { recursive: true });
    await fs.writeFile(path.join(root, 'content/articles/2025/05/fuel-prices/index.md'), article({ title: 'Fuel prices rise', date: '2025-05-20T09:00:00+03:00', section: 'economy' }));
    assert.equal((await runCli(['build', ...NOW], { cwd: root })).code, 0);
    assert.match(await budgetItem(root), /The vote went ahead \(kept body\)\./);

    // The photo replaced: its set (and JPEG) is new, so the kept body is not used: the body is converted again.
    await fs.writeFile(path.join(root, STORY, 'chamber.jpg'), await photo(200));
    assert.equal((await runCli(['build', ...NOW], { cwd: root })).code, 0);
    const after = await budgetItem(root);
    assert.doesNotMatch(after, /kept body/);
    const newUrl = /media\/([0-9a-f]{12})-1200\.jpg/.exec(after)?.[1];
    assert.ok(newUrl && newUrl !== photoUrl, `the feed shows the new photo (${newUrl}, was ${photoUrl})`);
    await fs.access(path.join(root, '_site/media', `${newUrl}-1200.jpg`));

    // Another version of dateline (its program key) does not read bodies kept by this one.
    const now = JSON.parse(await fs.readFile(bodies(root), 'utf8')) as Kept;
    for (const e of Object.values(now.entries)) e.html = e.html.replace('The vote went ahead.', 'The vote went ahead (old program).');
    await fs.writeFile(bodies(root), JSON.stringify({ ...now, program: 'another-program' }));
    await fs.writeFile(path.join(root, 'content/articles/2025/05/fuel-prices/index.md'), article({ title: 'Fuel prices rise again', date: '2025-05-20T09:00:00+03:00', section: 'economy' }));
    assert.equal((await runCli(['build', ...NOW], { cwd: root })).code, 0);
    assert.doesNotMatch(await budgetItem(root), /old program/);
  } finally {
    await removeSite(root);
  }
});
