import { test } from 'node:test';
import assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { makeSite, removeSite, runCli } from '../helpers/project.js';
import { importFixture, missingOldUrls, photo, readDoc, snapshot } from '../helpers/import.js';

const NOW = '2026-11-25T09:00:00+02:00';

test('import jekyll: filename dates, permalinks, redirect_from, excerpts and Liquid; the result builds', async () => {
  const root = await makeSite();
  const site = path.join(root, 'old-site');
  try {
    await fs.cp(importFixture('jekyll'), site, { recursive: true });
    await fs.mkdir(path.join(site, 'assets/img'), { recursive: true });
    await fs.writeFile(path.join(site, 'assets/img/flowers.jpg'), await photo(1200, 800));

    const dry = await runCli(['import', 'jekyll', 'old-site', '--dry-run'], { cwd: root });
    assert.equal(dry.code, 0, dry.stderr);
    assert.match(dry.stdout, /^Would import 2 stories \(1 clean, 1 with warnings\), 1 page, 2 authors, 1 section; 1 photo; 1 story skipped: old-site\/_drafts\/bridge-repairs\.md \(it has no date\)\.$/m);
    assert.equal((await fs.readdir(path.join(root, 'content'))).sort().join(','), 'authors,site.yaml', 'a dry run writes nothing');

    const r = await runCli(['import', 'jekyll', 'old-site'], { cwd: root });
    assert.equal(r.code, 0, r.stdout + r.stderr);
    const lines = r.stdout.split('\n');
    for (const expected of [
      'old-site/_drafts/bridge-repairs.md  skipped: it has no date  import:skipped',
      "content/articles/2022/03/river-cleanup/index.md  front matter date 2022-03-02 10:00:00 +0100 wins over the file name's 2022-03-01  import:date-choice",
      'content/articles/2022/03/river-cleanup/index.md  Liquid {% gallery %} was left as it was  import:unknown-shortcode',
    ]) assert.ok(lines.includes(expected), `report line missing: ${expected}\n${r.stdout}`);

    // The date comes from the file name, in the site's zone; excerpt → summary; include → figure.
    const flowers = await readDoc(path.join(root, 'content/articles/2022/02/flower-market/index.md'));
    assert.match(flowers.fm, /^date: 2022-02-14T00:00:00\+02:00$/m);
    assert.match(flowers.fm, /^summary: Valentine's Day brought forty stalls to the square\.$/m);
    assert.match(flowers.fm, /^section: city$/m);
    assert.match(flowers.fm, /^redirectFrom:\n {2}- \/city\/2022\/02\/14\/flower-market\.html\n {2}- \/flowers\/\n {2}- \/2022\/02\/flowers\.html$/m);
    assert.match(flowers.body, /^:::figure\{credit="Lea Moser"\}\n!\[Tulips and roses on a trestle table\]\(flowers\.jpg\)\nPrices were up a fifth on last year\.\n:::$/m);
    assert.match(flowers.body, /\[council's plan\]\(\/city\/environment\/2022\/03\/02\/river-cleanup\.html\)/, '{{ site.baseurl }} is removed');
    assert.match(flowers.body, /see\n\/city\/environment\/2022\/03\/02\/river-cleanup\.html\./, 'post_url becomes the old URL, which redirects');
    assert.match(flowers.body, /Template authors write \{\{ page\.title \}\} to print a title\./, '{% raw %} keeps its text');

    const river = await readDoc(path.join(root, 'content/articles/2022/03/river-cleanup/index.md'));
    assert.match(river.fm, /^date: 2022-03-02T12:00:00\+03:00$/m);
    assert.match(river.body, /^```ruby\nputs "clean"\n```$/m);

    const about = await readDoc(path.join(root, 'content/pages/about.md'));
    assert.match(about.fm, /^title: About the River Post$/m);

    const build = await runCli(['build', '--now', NOW], { cwd: root, env: { DATELINE_OEMBED: 'off' } });
    assert.equal(build.code, 0, build.stderr);
    assert.deepEqual(await missingOldUrls(root, path.join(root, '_site')), []);
    const redirect = await fs.readFile(path.join(root, '_site/city/2022/02/14/flower-market.html'), 'utf8');
    assert.match(redirect, /\/city\/2022\/02\/flower-market\//);

    const before = await snapshot(root);
    const again = await runCli(['import', 'jekyll', 'old-site'], { cwd: root });
    assert.equal(again.code, 0, again.stderr);
    assert.deepEqual(await snapshot(root), before, 'the second run changed no file');
  } finally {
    await removeSite(root);
  }
});
