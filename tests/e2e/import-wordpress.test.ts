import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, promises as fs } from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import { makeSite, removeSite, runCli } from '../helpers/project.js';
import { importFixture, missingOldUrls, photo, readDoc, serveRoutes, snapshot } from '../helpers/import.js';

const NOW = '2026-11-25T09:00:00+02:00';

/** The fixture export with its uploads served by a local server (the permalinks stay on the old domain). */
async function setup() {
  const big = await photo(1200, 800);
  const jpeg = { body: big, type: 'image/jpeg' };
  const server = await serveRoutes({
    '/wp-content/uploads/2024/03/market.jpg': jpeg,
    '/wp-content/uploads/2024/05/crates.jpg': jpeg,
    '/wp-content/uploads/2024/05/trucks.jpg': jpeg,
    '/wp-content/uploads/2024/06/mayor.jpg': { body: await photo(400, 300), type: 'image/jpeg' },
  });
  const xml = (await fs.readFile(path.join(importFixture('wordpress'), 'export.xml'), 'utf8')).replaceAll('https://oldnews.example/wp-content', `${server.url}/wp-content`);
  const root = await makeSite({ 'export.xml': xml });
  return { root, server };
}

test('import wordpress: posts, pages, authors, sections, photos and old URLs; the result builds', async () => {
  const { root, server } = await setup();
  try {
    const r = await runCli(['import', 'wordpress', 'export.xml'], { cwd: root });
    assert.equal(r.code, 0, r.stdout + r.stderr);
    assert.match(r.stdout, /^Added to content\/site\.yaml: sections local-news, business, news$/m);
    assert.match(
      r.stdout,
      /^Imported 7 stories \(2 clean, 5 with warnings\), 1 page, 2 authors, 3 sections; 5 photos; 3 stories skipped: wordpress post 27 “Photo of the week” \(it has no body text\); wordpress post 28 “Old test post” \(in the trash\); wordpress product 41 “Valley honey, 500 g” \(post type “product” is not a story or a page\)\.$/m,
    );
    // One line per story that needs attention: path, reason, rule id.
    const lines = r.stdout.split('\n');
    for (const expected of [
      'content/articles/2024/03/market-reopens/index.md  shortcode [contact-form-7] was left as text  import:unknown-shortcode',
      'content/articles/2024/04/staff-briefing/index.md  private on the old site; imported as a draft  import:not-public',
      'content/articles/2024/04/budget-tables/index.md  password-protected on the old site; imported as a draft  import:not-public',
      'content/articles/2024/04/26/index.md  no title on the old site; one was made from the first words  import:no-title',
      'content/articles/2030/01/new-mayor/index.md  lead photo mayor.jpg is 400 px wide (under 800), so it is shown in the body  import:lead-photo-small',
      'wordpress post 28 “Old test post”  skipped: in the trash  import:skipped',
    ]) assert.ok(lines.includes(expected), `report line missing: ${expected}\n${r.stdout}`);
    assert.match(r.stdout, /Checked 7 articles: no errors\./);

    // A classic post: caption shortcode → figure with caption and credit, featured image → lead photo.
    const classic = await readDoc(path.join(root, 'content/articles/2024/03/market-reopens/index.md'));
    assert.match(classic.fm, /^title: Central market reopens after two years of repairs$/m);
    assert.match(classic.fm, /^summary: Traders are back in the rebuilt hall two years after the fire\.$/m);
    assert.match(classic.fm, /^date: 2024-03-04T10:15:00\+03:00$/m);
    assert.match(classic.fm, /^updated: 2024-03-05T12:00:00\+03:00$/m);
    assert.match(classic.fm, /^authors:\n {2}- maria$/m);
    assert.match(classic.fm, /^section: local-news$/m);
    assert.match(classic.fm, /^tags:\n {2}- water$/m);
    assert.match(classic.fm, /^image:\n {2}src: market\.jpg\n {2}alt: Stalls under a tin roof at the central market\n {2}caption: The central market reopened on Monday\.\n {2}credit: "Photo: Lina Aziz"$/m);
    assert.match(classic.fm, /^redirectFrom:\n {2}- \/2024\/03\/04\/market-reopens\/$/m);
    assert.match(classic.body, /^:::figure\{credit="Photo: Lina Aziz"\}\n!\[Stalls under a tin roof at the central market\]\(market\.jpg\)\n\nThe rebuilt hall, seen from the east gate\.\n:::$/m);
    assert.match(classic.body, /^Traders returned to the \*\*central market\*\* on Monday/m);
    assert.match(classic.body, /^## What changed$/m);
    assert.match(classic.body, /^- a new roof\n- fire doors on every side$/m);
    assert.match(classic.body, /^<!-- more -->$/m);
    assert.match(classic.body, /^> We lost everything in one night\./m);
    assert.match(classic.body, /^::embed\{url="https:\/\/www\.youtube\.com\/watch\?v=dQw4w9WgXcQ"\}$/m, 'a YouTube URL on its own line is an embed');
    assert.match(classic.body, /^Read the \[report on the fire\]\(https:\/\/oldnews\.example\/2022\/01\/10\/market-fire\/\) from 2022\.$/m, 'a link to a story not imported stays on the old site');
    assert.doesNotMatch(classic.body, /Good news at last/, 'comments are not imported');
    const bundle = await fs.readdir(path.join(root, 'content/articles/2024/03/market-reopens'));
    assert.deepEqual(bundle.sort(), ['index.md', 'market.jpg'], 'the resized copy and the original are one file');
    assert.equal((await sharp(path.join(root, 'content/articles/2024/03/market-reopens/market.jpg')).metadata()).width, 1200);

    // A block post: image block, gallery, pull quote, table, embed, list.
    const blocks = await readDoc(path.join(root, 'content/articles/2024/05/orange-exports-climb/index.md'));
    assert.match(blocks.fm, /^section: business$/m);
    assert.match(blocks.fm, /^authors:\n {2}- sami-h$/m);
    assert.match(blocks.fm, /^summary: Exports of oranges rose by a third in April, the chamber of commerce said\.$/m);
    assert.match(blocks.body, /^:::figure\{credit="Photo by Lina Aziz"\}\n!\[Stalls under a tin roof at the central market\]\(market\.jpg\)\n\nGrowers sell the surplus at the central market\.\n:::$/m);
    assert.match(blocks.body, /^:::figure\n!\[Crates of oranges on a loading dock\]\(crates\.jpg\)\n\nWorkers unload crates\.\n:::$/m);
    assert.match(blocks.body, /^:::figure\n!\[Lorries queue at the border crossing\]\(trucks\.jpg\)\n:::$/m);
    assert.match(blocks.body, /^:::pullquote\{cite="Hana Saleh, grower"\}\nEvery lorry that crosses is a family fed\.\n:::$/m);
    assert.match(blocks.body, /^\| Month \| Tonnes \|$/m);
    assert.match(blocks.body, /^::embed\{url="https:\/\/twitter\.com\/chamber\/status\/1790000000000000000"\}$/m);
    assert.match(blocks.body, /^- Jordan took half\n- the Gulf the rest$/m);

    // Scheduled → future date (an embargo); draft → draft: true, dated in the site's zone.
    const scheduled = await readDoc(path.join(root, 'content/articles/2030/01/new-mayor/index.md'));
    assert.match(scheduled.fm, /^date: 2030-01-10T09:00:00\+03:00$/m);
    assert.match(scheduled.body, /^:::figure\n!\[A woman in a grey jacket smiles at the camera\]\(mayor\.jpg\)\nThe new mayor, photographed in 2019\.\n:::$/m);
    const draft = await readDoc(path.join(root, 'content/articles/2024/07/notes-on-the-water-tariff/index.md'));
    assert.match(draft.fm, /^date: 2024-07-02T16:40:00\+03:00$/m);
    assert.match(draft.fm, /^draft: true$/m);
    assert.doesNotMatch(draft.fm, /redirectFrom/, 'a draft had no public URL');

    // Pages, authors, sections.
    const about = await readDoc(path.join(root, 'content/pages/about-us.md'));
    assert.match(about.fm, /^title: About us$/m);
    assert.match(about.body, /^The Old Courier has covered the valley since 1998\.$/m);
    assert.equal(await fs.readFile(path.join(root, 'content/authors/maria.yaml'), 'utf8'), 'name: Maria Khoury\nemail: maria@oldnews.example\n');
    assert.equal(await fs.readFile(path.join(root, 'content/authors/sami-h.yaml'), 'utf8'), 'name: Sami Haddad\nemail: sami@oldnews.example\n');
    const siteYaml = await fs.readFile(path.join(root, 'content/site.yaml'), 'utf8');
    assert.match(siteYaml, /- id: business\n {4}title: Business & Money/);

    // Every old URL is a page or a redirect of the built site.
    const urls = await fs.readFile(path.join(root, '.dateline/imported-urls.txt'), 'utf8');
    assert.equal(urls, '/2024/03/04/market-reopens/\n/2024/04/03/26/\n/2024/05/20/orange-exports-climb/\n/about-us/\n');
    const build = await runCli(['build', '--now', NOW], { cwd: root, env: { DATELINE_OEMBED: 'off' } });
    assert.equal(build.code, 0, build.stderr);
    const out = path.join(root, '_site');
    assert.deepEqual(await missingOldUrls(root, out), []);
    const redirect = await fs.readFile(path.join(out, '2024/03/04/market-reopens/index.html'), 'utf8');
    assert.match(redirect, /\/local-news\/2024\/03\/market-reopens\//);
    const page = await fs.readFile(path.join(out, 'local-news/2024/03/market-reopens/index.html'), 'utf8');
    assert.match(page, /<figcaption>[\s\S]*The rebuilt hall, seen from the east gate\.[\s\S]*Photo: Lina Aziz/);
    assert.ok(!existsSync(path.join(out, 'local-news/2030/01/new-mayor/index.html')), 'the scheduled post stays embargoed');
    assert.ok(!existsSync(path.join(out, 'news/2024/04/staff-briefing/index.html')), 'the private post is a draft');
  } finally {
    await server.close();
    await removeSite(root);
  }
});

test('import wordpress --dry-run writes nothing and prints the same report; a second import writes nothing new', async () => {
  const { root, server } = await setup();
  try {
    const before = await snapshot(root);
    const dry = await runCli(['import', 'wordpress', 'export.xml', '--dry-run'], { cwd: root });
    assert.equal(dry.code, 0, dry.stderr);
    // Photos are not downloaded, so their widths are not known: one warning fewer.
    assert.match(dry.stdout, /^Would import 7 stories \(3 clean, 4 with warnings\), 1 page, 2 authors, 3 sections; 5 photos; 3 stories skipped/m);
    assert.match(dry.stdout, /^Dry run: nothing was written\.$/m);
    assert.deepEqual(await snapshot(root), before);
    assert.deepEqual(server.requests, [], 'a dry run downloads nothing');

    const first = await runCli(['import', 'wordpress', 'export.xml'], { cwd: root });
    assert.equal(first.code, 0, first.stderr);
    const afterFirst = await snapshot(root);
    const second = await runCli(['import', 'wordpress', 'export.xml'], { cwd: root });
    assert.equal(second.code, 0, second.stderr);
    assert.match(second.stdout, /^Imported 0 stories \(0 clean, 0 with warnings\), 0 pages, 0 authors, 0 sections; 0 photos; 8 already imported \(left as they are\); 3 stories skipped/m);
    assert.deepEqual(await snapshot(root), afterFirst, 'the second run changed no file');
  } finally {
    await server.close();
    await removeSite(root);
  }
});

test('import wordpress with --section-map, --author-map, --since, --limit and --media skip', async () => {
  const { root, server } = await setup();
  try {
    await fs.writeFile(path.join(root, 'maps-sections.yaml'), "local-news: politics\n'Business & Money': economy\n'*': politics\n");
    await fs.writeFile(path.join(root, 'maps-authors.yaml'), 'maria: jane-doe\n');
    const r = await runCli(['import', 'wordpress', 'export.xml', '--section-map', 'maps-sections.yaml', '--author-map', 'maps-authors.yaml', '--since', '2024-04-01', '--limit', '3', '--media', 'skip'], { cwd: root });
    assert.equal(r.code, 0, r.stdout + r.stderr);
    assert.doesNotMatch(r.stdout, /Added to content\/site\.yaml/, 'every category is mapped to an existing section');
    // From 2024-04-01 on, in the export's order, the first three: the block post, the scheduled one and the draft.
    assert.match(r.stdout, /^Imported 3 stories \(3 clean, 0 with warnings\), 1 page, 1 author, 0 sections; 0 photos\.$/m);
    assert.deepEqual(server.requests, [], '--media skip downloads nothing');
    const articles = path.join(root, 'content/articles');
    const written = (await fs.readdir(articles, { recursive: true })).filter((f) => f.endsWith('index.md')).sort();
    assert.deepEqual(written, ['2024/05/orange-exports-climb/index.md', '2024/07/notes-on-the-water-tariff/index.md', '2030/01/new-mayor/index.md'].map((f) => f.split('/').join(path.sep)));
    const mayor = await readDoc(path.join(articles, '2030/01/new-mayor/index.md'));
    assert.match(mayor.fm, /^authors:\n {2}- jane-doe$/m);
    assert.match(mayor.fm, /^section: politics$/m);
    assert.doesNotMatch(mayor.fm + mayor.body, /mayor\.jpg|image:/);
    const oranges = await readDoc(path.join(articles, '2024/05/orange-exports-climb/index.md'));
    assert.match(oranges.fm, /^section: economy$/m);
    assert.match(oranges.fm, /^authors:\n {2}- sami-h$/m);
    assert.doesNotMatch(oranges.body, /!\[/, 'no photo is kept with --media skip');
  } finally {
    await server.close();
    await removeSite(root);
  }
});
