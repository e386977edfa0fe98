import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { promises as fs, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { cliPath } from '../helpers/project.js';
import { RandomSite, seeded } from '../helpers/random-edits.js';

interface Report {
  counters: { markdownRendered: number; photosEncoded: number; pagesRendered: number };
}

/**
 * A module hook that makes loading any of the packages `blocked` fail, passed to the CLI with
 * `--import` (the build's own process inherits it): a build that succeeds under it never loaded
 * them. Resolving them (to read their versions) is still allowed.
 */
async function blocker(dir: string, name: string, blocked: string[]): Promise<string> {
  const hook = `const blocked = ${JSON.stringify(blocked.map((b) => `/node_modules/${b}/`))};
export async function load(url, context, next) {
  const hit = blocked.find((b) => url.includes(b));
  if (hit) throw new Error('blocked by the test: ' + hit);
  return next(url, context);
}\n`;
  const file = path.join(dir, `${name}.mjs`);
  await fs.writeFile(file, `import { register } from 'node:module';\nregister(${JSON.stringify(`data:text/javascript,${encodeURIComponent(hook)}`)});\n`);
  return file;
}

function build(work: string, site: string, flags: string[] = [], hook?: string): { status: number | null; stderr: string; report?: Report } {
  const report = path.join(work, 'report.json');
  void fs.rm(report, { force: true });
  const r = spawnSync(process.execPath, [...(hook ? ['--import', hook] : []), cliPath, 'build', '--root', site, '--out', path.join(work, '_site'), '--cache-dir', path.join(work, 'cache'), '--now', '2026-11-25T09:00:00+02:00', '--report', report, ...flags], {
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1' },
  });
  let parsed: Report | undefined;
  try {
    parsed = JSON.parse(readFileSync(report, 'utf8')) as Report;
  } catch {
    parsed = undefined;
  }
  return { status: r.status, stderr: r.stderr, ...(parsed ? { report: parsed } : {}) };
}

test('a build whose photos and cards are cached loads neither sharp nor exifr, and one with no page to render does not load Eleventy', async () => {
  const work = await fs.mkdtemp(path.join(os.tmpdir(), 'dateline-lazy-'));
  try {
    const site = path.join(work, 'site');
    const random = new RandomSite(site, seeded(11));
    await random.create(4);
    const noImages = await blocker(work, 'no-images', ['sharp', 'exifr']);
    const noRenderer = await blocker(work, 'no-renderer', ['sharp', 'exifr', '@11ty/eleventy']);

    // The hook works: a first build needs sharp for its photo and cards, and fails without it.
    const blind = build(path.join(work, 'control'), site, [], noImages);
    assert.notEqual(blind.status, 0, 'a first build cannot encode its photo without sharp');
    assert.match(blind.stderr, /blocked by the test: \/node_modules\/sharp\//);

    const first = build(work, site);
    assert.equal(first.status, 0, first.stderr);
    assert.ok(first.report!.counters.photosEncoded > 0, 'the first build encodes the story photo');

    // A story's body edited: its page is rendered again (Eleventy), every photo and card comes from the cache.
    const did = await random.edit('edit body');
    const slug = did.replace(/^edit body of /, '');
    const edited = build(work, site, [], noImages);
    assert.equal(edited.status, 0, edited.stderr);
    assert.equal(edited.report!.counters.markdownRendered, 1, did);
    assert.equal(edited.report!.counters.photosEncoded, 0);
    assert.ok(edited.report!.counters.pagesRendered > 0);
    const page = (await fs.readdir(path.join(work, '_site'), { recursive: true })).find((f) => f.endsWith(`${slug}/index.html`));
    assert.ok(page, `${slug}'s page is in the output`);
    const body = (await fs.readFile(path.join(site, 'content/articles', (await fs.readdir(path.join(site, 'content/articles'), { recursive: true })).find((f) => f.endsWith(`${slug}/index.md`))!), 'utf8')).trim().split('\n').pop()!;
    assert.ok((await fs.readFile(path.join(work, '_site', page), 'utf8')).includes(body.slice(0, -1)), 'the edited sentence is on the page');

    // The whole pipeline with nothing changed renders no page: no renderer is loaded at all.
    const forced = build(work, site, ['--force'], noRenderer);
    assert.equal(forced.status, 0, forced.stderr);
    assert.equal(forced.report!.counters.pagesRendered, 0);

    // The record of sharp's versions is what names cached sets: with it gone, sharp is asked again and the same sets are found.
    await fs.rm(path.join(work, 'cache/photos/sharp-versions.json'));
    await fs.rm(path.join(work, 'cache/cards/sharp-versions.json'));
    const again = build(work, site, ['--force']);
    assert.equal(again.status, 0, again.stderr);
    assert.equal(again.report!.counters.photosEncoded, 0, 'the same keys: nothing encoded again');
    await fs.access(path.join(work, 'cache/photos/sharp-versions.json'));
    const reblind = build(work, site, ['--force'], noRenderer);
    assert.equal(reblind.status, 0, reblind.stderr);
  } finally {
    await fs.rm(work, { recursive: true, force: true });
  }
});
