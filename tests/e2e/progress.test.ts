import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import sharp from 'sharp';
import { article, cliPath, makeSite, removeSite, runCli, testSiteYaml } from '../helpers/project.js';

/** A small site whose one article shows three photos (small, so encoding is quick). */
async function photoSite(): Promise<string> {
  const photo = (r: number) => sharp({ create: { width: 320, height: 240, channels: 3, background: { r, g: 90, b: 60 } } }).jpeg().toBuffer();
  const dir = 'content/articles/2025/05/budget-vote';
  return makeSite({
    'content/site.yaml': `${testSiteYaml}leadPhotoMinWidth: 100\n`,
    [`${dir}/index.md`]: article({ image: '{ src: a.jpg, alt: The chamber }' }, 'The vote.\n\n![The speaker](b.jpg)\n\n![The gallery](c.jpg)\n'),
    [`${dir}/a.jpg`]: await photo(10),
    [`${dir}/b.jpg`]: await photo(120),
    [`${dir}/c.jpg`]: await photo(240),
  });
}

/** Runs `dateline <args>` inside a pseudo-terminal (util-linux `script`) and returns everything it drew. */
function runInTerminal(args: string[], cwd: string, env: Record<string, string>): Promise<{ code: number; output: string }> {
  const command = ['node', cliPath, ...args].map((a) => `'${a}'`).join(' ');
  return new Promise((resolve, reject) => {
    const child = spawn('script', ['-qec', command, '/dev/null'], { cwd, env: { ...process.env, NO_COLOR: '1', GITHUB_ACTIONS: '', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (d) => (output += d));
    child.stderr.on('data', (d) => (output += d));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code: code ?? -1, output }));
  });
}

const NOW = ['--now', '2025-05-06T00:00:00Z'];

test('on a terminal, a long step shows its name and items done of total, redrawn in place, then cleared', async () => {
  const root = await photoSite();
  try {
    // The threshold (a second by default) is set to zero so that every step counts as long.
    const r = await runInTerminal(['build', ...NOW], root, { DATELINE_PROGRESS_AFTER_MS: '0' });
    assert.equal(r.code, 0, r.output);
    assert.match(r.output, /\r\x1b\[2Kphotos 3\/3 {2}\d+\.\d s/, 'photos 3/3 is drawn');
    assert.match(r.output, /\r\x1b\[2Kphotos [0-2]\/3 /, 'and the counts before it');
    assert.match(r.output, /\r\x1b\[2Kmarkdown 1\/1 /);
    assert.match(r.output, /\r\x1b\[2Krender \d+\/\d+ /);
    // What the terminal shows at the end: each line as drawn after its last carriage return and
    // clear. The summary is the last visible line, and no progress line is left on the screen
    // (a clear may reach the terminal after the summary: the build's progress passes through the
    // launcher process, the summary does not).
    const visible = r.output
      .replace(/\r\n/g, '\n')
      .split('\n')
      .map((line) => line.slice(line.lastIndexOf('\r') + 1).replaceAll('\x1b[2K', ''))
      .filter((line) => line.trim() !== '');
    assert.match(visible.at(-1)!, /^Wrote \d+ pages, .* in \d+\.\d s$/, 'the progress line is cleared and the summary is the last line');
  } finally {
    await removeSite(root);
  }
});

test('without a terminal nothing extra is written; under GitHub Actions each step is a ::group:: section', async () => {
  const root = await photoSite();
  try {
    const plain = await runCli(['build', ...NOW], { cwd: root, env: { DATELINE_PROGRESS_AFTER_MS: '0' } });
    assert.equal(plain.code, 0, plain.stderr);
    assert.equal(plain.stderr, '');
    assert.doesNotMatch(plain.stdout, /\r|::group::|photos \d\/\d/);
    const gha = await runCli(['build', '--force', ...NOW], { cwd: root, env: { GITHUB_ACTIONS: 'true' } });
    assert.equal(gha.code, 0, gha.stderr);
    assert.match(gha.stderr, /::group::photos\nphotos 3\/3 in \d+\.\d s\n::endgroup::\n/);
    assert.match(gha.stderr, /::group::config\nconfig in \d+\.\d s\n::endgroup::\n/);
    assert.doesNotMatch(gha.stderr, /\r/);
  } finally {
    await removeSite(root);
  }
});

test('the summary gives the time since the command started, not since the pipeline started', async () => {
  const root = await photoSite();
  try {
    // As if the user had started the command a minute ago (the start is passed to the build's child the same way).
    const r = await runCli(['build', ...NOW], { cwd: root, env: { DATELINE_STARTED: String(Date.now() - 60_000) } });
    assert.equal(r.code, 0, r.stderr);
    const seconds = Number(/ in (\d+\.\d) s$/m.exec(r.stdout)?.[1]);
    assert.ok(seconds >= 60, r.stdout);
    const again = await runCli(['build', ...NOW], { cwd: root, env: { DATELINE_STARTED: String(Date.now() - 60_000) } });
    assert.match(again.stdout, /Up to date: .*; checked in (6\d|[7-9]\d|\d{3,})\.\d s/);
  } finally {
    await removeSite(root);
  }
});
