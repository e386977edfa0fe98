import { test } from 'node:test';
import assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { makeSite, removeSite, runCli } from '../helpers/project.js';
import { importFixture, missingOldUrls, photo, readDoc, serveRoutes, snapshot } from '../helpers/import.js';

const NOW = '2026-11-25T09:00:00+02:00';

test('import feed from a URL: RSS 2.0 with full content, a summary-only item and photos downloaded', async () => {
  const jpeg = { body: await photo(1200, 800), type: 'image/jpeg' };
  const rss = await fs.readFile(path.join(importFixture('feeds'), 'rss.xml'), 'utf8');
  const routes: Record<string, { body: string | Buffer; type: string }> = { '/media/road.jpg': jpeg };
  const server = await serveRoutes(routes);
  // The feed names its photos on the server that serves it; the story links stay on the old domain.
  routes['/feed.xml'] = { body: rss.replaceAll('https://valleyradio.example/media/', `${server.url}/media/`), type: 'application/rss+xml' };
  const root = await makeSite();
  try {
    const r = await runCli(['import', 'feed', `${server.url}/feed.xml`], { cwd: root });
    assert.equal(r.code, 0, r.stdout + r.stderr);
    assert.match(r.stdout, /^Imported 2 stories \(0 clean, 2 with warnings\), 0 pages, 1 author, 1 section; 1 photo\.$/m);
    const lines = r.stdout.split('\n');
    for (const expected of [
      'content/articles/2024/01/school-opens-a-day-late/index.md  the feed gives only a summary; the body is partial  import:partial-body',
      `content/articles/2024/01/storm-closes-the-mountain-road/index.md  photo ${server.url}/media/snowplough.jpg could not be downloaded; the link was kept  import:media-missing`,
    ]) assert.ok(lines.includes(expected), `report line missing: ${expected}\n${r.stdout}`);

    const storm = await readDoc(path.join(root, 'content/articles/2024/01/storm-closes-the-mountain-road/index.md'));
    assert.match(storm.fm, /^date: 2024-01-09T09:30:00\+03:00$/m);
    assert.match(storm.fm, /^summary: Snow and wind shut the road overnight\.$/m);
    assert.match(storm.fm, /^authors:\n {2}- nour-aziz$/m);
    assert.match(storm.fm, /^section: weather$/m);
    assert.match(storm.fm, /^tags:\n {2}- roads$/m);
    assert.match(storm.fm, /^image:\n {2}src: road\.jpg\n {2}alt: Cars stopped at a barrier on a snowy road$/m);
    assert.match(storm.fm, /^redirectFrom:\n {2}- \/news\/storm-closes-road\/$/m);
    assert.match(storm.body, /^Snow and high wind closed the _mountain road_ overnight\.$/m);
    // The photo that could not be downloaded keeps its URL (Markdown may escape the port's colon).
    const kept = server.url.replace(/\./g, '\\.').replace(/:(\d+)$/, '\\\\?:$1');
    assert.match(storm.body, new RegExp(`^:::figure\\{credit="Photo: Nour Aziz"\\}\\n!\\[A snowplough on a white road\\]\\(${kept}/media/snowplough\\.jpg\\)\\n\\nPloughs were out before dawn\\.\\n:::$`, 'm'));
    assert.deepEqual((await fs.readdir(path.join(root, 'content/articles/2024/01/storm-closes-the-mountain-road'))).sort(), ['index.md', 'road.jpg']);
    assert.equal(await fs.readFile(path.join(root, 'content/authors/nour-aziz.yaml'), 'utf8'), 'name: Nour Aziz\n');

    const build = await runCli(['build', '--now', NOW], { cwd: root, env: { DATELINE_OEMBED: 'off' } });
    assert.equal(build.code, 0, build.stderr);
    assert.deepEqual(await missingOldUrls(root, path.join(root, '_site')), []);
  } finally {
    await server.close();
    await removeSite(root);
  }
});

test('import feed: Atom (html, xhtml and summary-only entries) and JSON Feed files; photos left remote with --media link', async () => {
  const root = await makeSite();
  try {
    const atom = await runCli(['import', 'feed', path.join(importFixture('feeds'), 'atom.xml')], { cwd: root });
    assert.equal(atom.code, 0, atom.stdout + atom.stderr);
    assert.match(atom.stdout, /^Imported 3 stories \(2 clean, 1 with warnings\), 0 pages, 1 author, 2 sections; 0 photos\.$/m);
    assert.ok(atom.stdout.split('\n').includes('content/articles/2024/01/market-prices-week-3/index.md  the feed gives only a summary; the body is partial  import:partial-body'), atom.stdout);
    const harvest = await readDoc(path.join(root, 'content/articles/2024/02/harvest-the-weather/index.md'));
    assert.match(harvest.fm, /^title: Harvest & the weather$/m);
    assert.match(harvest.fm, /^date: 2024-02-01T11:00:00\+03:00$/m);
    assert.match(harvest.fm, /^updated: 2024-02-02T12:00:00\+03:00$/m);
    assert.match(harvest.fm, /^section: farming$/m);
    assert.match(harvest.body, /^A wet January delayed the \*\*olive harvest\*\*\.\n\n- north: two weeks\n- south: one week$/m);
    const seeds = await readDoc(path.join(root, 'content/articles/2024/01/seed-bank-opens/index.md'));
    assert.match(seeds.body, /^The seed bank keeps \*\*400\*\* local varieties\.$/m);
    assert.match(seeds.fm, /^section: news$/m, 'an entry without a category goes to `news`');

    const json = await runCli(['import', 'feed', path.join(importFixture('feeds'), 'feed.json'), '--media', 'link'], { cwd: root });
    assert.equal(json.code, 0, json.stdout + json.stderr);
    assert.match(json.stdout, /^Imported 3 stories \(1 clean, 2 with warnings\), 0 pages, 1 author, 0 sections; 0 photos\.$/m);
    assert.ok(json.stdout.split('\n').includes('content/articles/2024/04/the-bakers-who-start-at-two/index.md  lead photo https://nightshift.example/img/ovens.jpg stays on the old site, so it is shown in the body  import:media-linked'), json.stdout);
    assert.match(json.stderr, /photo:remote/, 'check names the photo left on the old site');
    const bakers = await readDoc(path.join(root, 'content/articles/2024/04/the-bakers-who-start-at-two/index.md'));
    assert.match(bakers.fm, /^tags:\n {2}- night-work\n {2}- bread$/m);
    assert.match(bakers.fm, /^summary: A night with the city's bakers\.$/m);
    assert.match(bakers.body, /^:::figure\n!\[\]\(https:\/\/nightshift\.example\/img\/ovens\.jpg\)\n:::$/m);
    assert.match(bakers.body, /^> You get used to it\.$/m);
    const taxis = await readDoc(path.join(root, 'content/articles/2024/04/taxi-ranks-after-midnight/index.md'));
    assert.match(taxis.body, /^Fewer drivers work nights since the fuel price rise\.\n\nThe rank by the station is often empty\.$/m);
    assert.match(taxis.fm, /^byline: Staff$/m);

    const build = await runCli(['build', '--now', NOW], { cwd: root, env: { DATELINE_OEMBED: 'off' } });
    assert.equal(build.code, 0, build.stderr);
    assert.deepEqual(await missingOldUrls(root, path.join(root, '_site')), []);

    const before = await snapshot(root);
    const again = await runCli(['import', 'feed', path.join(importFixture('feeds'), 'feed.json'), '--media', 'link'], { cwd: root });
    assert.match(again.stdout, /; 3 already imported \(left as they are\)\.$/m);
    assert.deepEqual(await snapshot(root), before, 'the second run changed no file');
  } finally {
    await removeSite(root);
  }
});
