import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { promises as fs, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { repoRoot } from '../helpers/project.js';
import { RandomSite, seeded } from '../helpers/random-edits.js';

interface Report {
  ok: boolean;
  counters: { entriesRead: number; entriesParsed: number; articlesValidated: number; markdownRendered: number; photosEncoded: number; pagesRendered: number; filesWritten: number };
  written: { pages: number };
}

/** A copy of the installed program (compiled code, public/, package files; the same dependencies), to be "upgraded" by editing it. */
async function install(dir: string): Promise<string> {
  await fs.mkdir(dir, { recursive: true });
  for (const f of ['package.json', 'package-lock.json']) await fs.copyFile(path.join(repoRoot, f), path.join(dir, f));
  await fs.cp(path.join(repoRoot, 'public'), path.join(dir, 'public'), { recursive: true });
  for (const d of ['src', 'templates']) await fs.cp(path.join(repoRoot, 'dist', d), path.join(dir, 'dist', d), { recursive: true });
  await fs.symlink(path.join(repoRoot, 'node_modules'), path.join(dir, 'node_modules'), 'dir');
  return path.join(dir, 'dist/src/cli/main.js');
}

function build(cli: string, site: string, work: string): Report {
  const report = path.join(work, 'report.json');
  const r = spawnSync(process.execPath, [cli, 'build', '--root', site, '--out', path.join(work, '_site'), '--cache-dir', path.join(work, 'cache'), '--now', '2026-11-25T09:00:00+02:00', '--report', report], {
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1' },
  });
  assert.equal(r.status, 0, r.stderr);
  return JSON.parse(readFileSync(report, 'utf8')) as Report;
}


/** A generated site of 4 stories, an installed copy of the program and its first build, in a folder removed afterwards. */
async function upgradeCase(seed: number, run: (c: { work: string; site: string; cli: string; first: Report }) => Promise<void>): Promise<void> {
  const work = await fs.mkdtemp(path.join(os.tmpdir(), 'dateline-upgrade-'));
  try {
    const site = path.join(work, 'site');
    await new RandomSite(site, seeded(seed)).create(4);
    const cli = await install(path.join(work, 'program'));
    await run({ work, site, cli, first: build(cli, site, work) });
  } finally {
    await fs.rm(work, { recursive: true, force: true });
  }
}

test('an upgrade that changes only a template renders every page again but validates no article, parses no Markdown and encodes no photo', () =>
  upgradeCase(3, async ({ work, site, cli, first }) => {
    assert.ok(first.counters.markdownRendered > 0 && first.counters.photosEncoded > 0, 'the first build renders every body and encodes the photo');

    // The upgrade: the footer's separator changes in the compiled template.
    const footer = path.join(work, 'program/dist/templates/partials/footer.js');
    const text = await fs.readFile(footer, 'utf8');
    assert.ok(text.includes('\\u00B7'));
    await fs.writeFile(footer, text.replace('" \\u00B7 "', '" \\u2014 "'));

    const feedBefore = await fs.stat(path.join(work, '_site/feed.xml'));
    const again = build(cli, site, work);
    assert.equal(again.counters.entriesParsed, 0, 'no source file is parsed again');
    assert.equal(again.counters.articlesValidated, 0, 'no article is validated again');
    // Feeds show no template: each is the previous build's file, linked (the same inode), not made again.
    assert.equal((await fs.stat(path.join(work, '_site/feed.xml'))).ino, feedBefore.ino, 'the feed is kept');
    assert.equal(again.counters.markdownRendered, 0, 'no Markdown is rendered again');
    assert.equal(again.counters.photosEncoded, 0, 'no photo is encoded again');
    assert.equal(again.counters.pagesRendered, again.written.pages, 'every page is rendered with the new template');
    const home = await fs.readFile(path.join(work, '_site/index.html'), 'utf8');
    assert.match(home, /The Random Courier — News from a small test city/);
  }));

test('an upgrade that changes only the loader reads every front matter again but renders no Markdown', () =>
  upgradeCase(5, async ({ work, site, cli, first }) => {
    assert.ok(first.counters.markdownRendered > 0);
    const before = await fs.readFile(path.join(work, '_site/index.html'), 'utf8');

    // The upgrade: the compiled loader changes (the parsed front matter it stored is no longer trusted).
    await fs.appendFile(path.join(work, 'program/dist/src/load/index.js'), '\n// upgraded\n');

    const again = build(cli, site, work);
    assert.ok(again.counters.entriesParsed >= first.counters.markdownRendered, `every source is parsed again (${again.counters.entriesParsed})`);
    assert.equal(again.counters.markdownRendered, 0, 'no Markdown is rendered again');
    assert.equal(again.counters.photosEncoded, 0, 'no photo is encoded again');
    assert.equal(await fs.readFile(path.join(work, '_site/index.html'), 'utf8'), before);
  }));

test('an upgrade that changes the validation code validates every article again but parses and renders nothing else again', () =>
  upgradeCase(7, async ({ work, site, cli, first }) => {
    assert.ok(first.counters.articlesValidated > 0);
    const before = await fs.readFile(path.join(work, '_site/index.html'), 'utf8');

    // The upgrade: a module the validator imports changes (the schema's error messages, say).
    await fs.appendFile(path.join(work, 'program/dist/src/validate/zod-issues.js'), '\n// upgraded\n');

    const again = build(cli, site, work);
    assert.equal(again.counters.articlesValidated, first.counters.articlesValidated, 'every article is validated again');
    assert.equal(again.counters.entriesParsed, 0, 'no source file is parsed again');
    assert.equal(again.counters.markdownRendered, 0, 'no Markdown is rendered again');
    assert.equal(await fs.readFile(path.join(work, '_site/index.html'), 'utf8'), before);
  }));

test('an upgrade that changes how sitemaps are written writes them again, though no page changed', () =>
  upgradeCase(11, async ({ work, site, cli }) => {
    const sitemap = path.join(work, '_site/sitemap.xml');
    assert.match(await fs.readFile(sitemap, 'utf8'), /<urlset xmlns="http:\/\/www\.sitemaps\.org\/schemas\/sitemap\/0\.9"/);

    // The upgrade: the compiled sitemap writer sets another attribute on every <urlset>.
    const code = path.join(work, 'program/dist/src/emit/formats/sitemap.js');
    const text = await fs.readFile(code, 'utf8');
    assert.ok(text.includes("'@_xmlns:xhtml': NS.xhtml, url: entries"));
    await fs.writeFile(code, text.replace("'@_xmlns:xhtml': NS.xhtml, url: entries", "'@_xmlns:xhtml': NS.xhtml, '@_data-upgraded': 'yes', url: entries"));

    build(cli, site, work);
    assert.match(await fs.readFile(sitemap, 'utf8'), /<urlset [^>]*data-upgraded="yes"/, 'the sitemap is written by the new code, not linked from the previous output');
  }));
