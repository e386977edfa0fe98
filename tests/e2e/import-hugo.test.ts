import { test } from 'node:test';
import assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { makeSite, removeSite, runCli } from '../helpers/project.js';
import { importFixture, missingOldUrls, photo, readDoc, snapshot } from '../helpers/import.js';

const NOW = '2026-11-25T09:00:00+02:00';

test('import hugo: TOML, YAML and JSON front matter, bundles, aliases and shortcodes; the result builds', async () => {
  const root = await makeSite();
  const site = path.join(root, 'old-site');
  try {
    await fs.cp(importFixture('hugo'), site, { recursive: true });
    const jpeg = await photo(1200, 800);
    await fs.mkdir(path.join(site, 'static/images'), { recursive: true });
    await fs.writeFile(path.join(site, 'static/images/quay.jpg'), jpeg);
    await fs.writeFile(path.join(site, 'content/posts/harbour-bundle/cover.jpg'), jpeg);
    await fs.writeFile(path.join(site, 'content/posts/harbour-bundle/works.jpg'), jpeg);

    const r = await runCli(['import', 'hugo', 'old-site'], { cwd: root });
    assert.equal(r.code, 0, r.stdout + r.stderr);
    assert.match(r.stdout, /^Added to content\/site\.yaml: sections transport, weather-sea$/m);
    assert.match(r.stdout, /^Imported 3 stories \(1 clean, 2 with warnings\), 1 page, 2 authors, 2 sections; 3 photos\.$/m);
    const lines = r.stdout.split('\n');
    for (const expected of [
      'content/articles/2023/10/ferry-timetable/index.md  shortcode {{< newsletter-signup >}} was left as it was  import:unknown-shortcode',
      'content/articles/2023/12/new-quay-opens/index.md  publishDate is later than date; it is the date (an embargo until then)  import:date-choice',
      'content/articles/2023/12/new-quay-opens/index.md  GitHub Gist embed https://gist.github.com/harbournotes/0a1b2c3d4e5f is not one dateline embeds; it became a link  import:embed-as-link',
      'content/articles/2023/12/new-quay-opens/index.md  lead photo cover.jpg has no alt text, so it is shown in the body; describe it and move it to `image`  import:missing-alt',
    ]) assert.ok(lines.includes(expected), `report line missing: ${expected}\n${r.stdout}`);

    // TOML front matter; figure shortcode with credit; aliases; relref to the other story's old URL.
    const ferry = await readDoc(path.join(root, 'content/articles/2023/10/ferry-timetable/index.md'));
    assert.match(ferry.fm, /^date: 2023-10-30T19:45:00\+03:00$/m);
    assert.match(ferry.fm, /^updated: 2023-11-01T10:00:00\+03:00$/m);
    assert.match(ferry.fm, /^summary: The last boat to the islands now leaves at six\.$/m);
    assert.match(ferry.fm, /^authors:\n {2}- ana-ruiz$/m);
    assert.match(ferry.fm, /^tags:\n {2}- ferries\n {2}- winter-schedule$/m);
    assert.match(ferry.fm, /^redirectFrom:\n {2}- \/2023\/10\/ferry-timetable\/\n {2}- \/old\/ferry-timetable\/\n {2}- \/2023\/10\/ferries\.html$/m);
    assert.match(ferry.body, /^:::figure\{credit="Ana Ruiz"\}\n!\[Passengers wait on a concrete quay\]\(quay\.jpg\)\nThe queue for the 17:00 boat\.\n:::$/m);
    assert.match(ferry.body, /See also \/2023\/12\/new-quay-opens\/ for the/);
    assert.match(ferry.body, /^::embed\{url="https:\/\/www\.youtube\.com\/watch\?v=w7Ft2ymGmfc"\}$/m);
    assert.match(ferry.body, /^\{\{< newsletter-signup list="weekly" >\}\}$/m);
    assert.doesNotMatch(ferry.body, /\n\n\n/);

    // A YAML page bundle: slug, publishDate, expiryDate, authors, photos copied; shortcodes x, vimeo, gist, relref, highlight.
    const quay = await readDoc(path.join(root, 'content/articles/2023/12/new-quay-opens/index.md'));
    assert.match(quay.fm, /^date: 2023-12-05T13:00:00\+03:00$/m);
    assert.match(quay.fm, /^expires: 2033-12-05T03:00:00\+03:00$/m);
    assert.match(quay.fm, /^authors:\n {2}- ana-ruiz\n {2}- tom-berg$/m);
    assert.match(quay.body, /^:::figure\n!\[\]\(cover\.jpg\)\n:::$/m);
    assert.match(quay.body, /^!\[Cranes over the half-built quay\]\(works\.jpg "Work in 2021"\)$/m);
    assert.match(quay.body, /^::embed\{url="https:\/\/x\.com\/harbourboard\/status\/1730000000000000000"\}$/m);
    assert.match(quay.body, /^::embed\{url="https:\/\/vimeo\.com\/146022717"\}$/m);
    assert.match(quay.body, /^<https:\/\/gist\.github\.com\/harbournotes\/0a1b2c3d4e5f>$/m);
    assert.match(quay.body, /\[the ferry timetable\]\(\/2023\/10\/ferry-timetable\/\)/);
    assert.match(quay.body, /^```go\nfmt\.Println\("quay"\)\n```$/m);
    assert.deepEqual((await fs.readdir(path.join(root, 'content/articles/2023/12/new-quay-opens'))).sort(), ['cover.jpg', 'index.md', 'works.jpg']);

    // JSON front matter: a date without offset is in the site's zone; draft; url kept as a redirect.
    const tides = await readDoc(path.join(root, 'content/articles/2024/03/tide-tables/index.md'));
    assert.match(tides.fm, /^date: 2024-03-01T07:00:00\+03:00$/m);
    assert.match(tides.fm, /^draft: true$/m);
    assert.match(tides.fm, /^section: weather-sea$/m);
    assert.match(tides.fm, /^byline: Staff$/m);
    assert.match(tides.fm, /^redirectFrom:\n {2}- \/specials\/tide-tables\/$/m);
    assert.match(tides.body, /^\| March \| 4\.1 m {3}\|$/m);

    const about = await readDoc(path.join(root, 'content/pages/about.md'));
    assert.match(about.fm, /^summary: Who writes this newsletter and why\.$/m);

    const build = await runCli(['build', '--now', NOW], { cwd: root, env: { DATELINE_OEMBED: 'off' } });
    assert.equal(build.code, 0, build.stderr);
    assert.deepEqual(await missingOldUrls(root, path.join(root, '_site')), []);
    const redirect = await fs.readFile(path.join(root, '_site/old/ferry-timetable/index.html'), 'utf8');
    assert.match(redirect, /\/transport\/2023\/10\/ferry-timetable\//);

    const before = await snapshot(root);
    const again = await runCli(['import', 'hugo', 'old-site'], { cwd: root });
    assert.equal(again.code, 0, again.stderr);
    assert.match(again.stdout, /; 4 already imported \(left as they are\)\.$/m);
    assert.deepEqual(await snapshot(root), before, 'the second run changed no file');
  } finally {
    await removeSite(root);
  }
});
