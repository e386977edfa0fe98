import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { repoRoot, runCommand, type CliResult } from '../helpers/project.js';
import { assertSameTree } from '../helpers/tree.js';
import { listFiles } from '../../src/util/fs.js';

/**
 * dateline as a dependency: `npm pack` of this project, installed with `npm install` into an
 * empty folder, `dateline init .` there, then the new repository checks and builds.
 */

// One hour from now: the starter story (dated when `init` runs) is published, and every build sees the same clock.
const NOW = new Date(Date.now() + 3_600_000).toISOString();
let work: string;
let tarball: string;
let pub: string;

const run = (command: string, args: string[], cwd: string): Promise<CliResult> => runCommand(command, args, { cwd });

async function ok(command: string, args: string[], cwd: string): Promise<CliResult> {
  const r = await run(command, args, cwd);
  assert.equal(r.code, 0, `${command} ${args.join(' ')}\n${r.stdout}\n${r.stderr}`);
  return r;
}

const install = (cwd: string, ...args: string[]) => ok('npm', ['install', '--prefer-offline', '--no-audit', '--no-fund', ...args], cwd);
const dateline = (cwd: string, ...args: string[]) => ok(path.join(cwd, 'node_modules/.bin/dateline'), args, cwd);
const build = (...args: string[]) => dateline(pub, 'build', '--now', NOW, ...args);
const read = (rel: string) => fs.readFile(path.join(pub, rel), 'utf8');

before(async () => {
  work = await fs.mkdtemp(path.join(os.tmpdir(), 'dateline-package-'));
  // The compiled program is already in dist/ (the tests run compiled): `prepare` need not compile it again.
  const packed = await ok('npm', ['pack', '--ignore-scripts', '--pack-destination', work], repoRoot);
  tarball = packed.stdout.trim().split('\n').pop()!;
  pub = path.join(work, 'my-paper');
  await fs.mkdir(pub);
  await install(pub, path.join('..', tarball));
  const init = await dateline(pub, 'init', '.');
  assert.match(init.stdout, /Started \.\/: 6 files written, dateline's scripts added to package\.json\.\nNext: cd \. && npx dateline build/);
});

after(() => fs.rm(work, { recursive: true, force: true }));

test('npm pack ships the compiled program only; installed into an empty folder, init starts a publication there that checks and builds', async () => {
  const installed = path.join(pub, 'node_modules/dateline');
  const files = await listFiles(installed);
  for (const f of ['dist/src/cli/main.js', 'dist/templates/index.js', 'dist/templates/partials/footer.js', 'public/css/site.css', '.github/workflows/publish.yml', 'README.md']) {
    assert.ok(files.includes(f), `${f} is in the package`);
  }
  const extra = files.filter((f) => !/^(dist\/(src|templates)\/.*\.js|public\/.*|\.github\/workflows\/(check|publish)\.yml|README\.md|package\.json)$/.test(f));
  assert.deepEqual(extra, [], 'no sources, tests, content or source maps in the package');
  assert.ok(!existsSync(path.join(pub, 'node_modules/typescript')), 'a tarball install needs no TypeScript');

  const pkg = JSON.parse(await read('package.json')) as { name: string; scripts: Record<string, string>; dependencies: Record<string, string> };
  assert.deepEqual(pkg.dependencies, { dateline: `file:../${tarball}` }, 'dateline stays as npm install named it');
  assert.equal(pkg.name, 'my-paper');
  assert.equal(pkg.scripts.build, 'dateline build');

  const check = await ok('npx', ['--no-install', 'dateline', 'check', '--now', NOW], pub);
  assert.match(check.stdout, /Checked 1 article: no problems\./);
  await build();
  const home = await read('_site/index.html');
  assert.match(home, /Welcome to the newsroom/);
  assert.match(home, /My Paper/);
  const story = (await listFiles(path.join(pub, '_site/news'))).find((f) => f.endsWith('/welcome/index.html'));
  assert.ok(story, 'the story has its page');
  assert.match(await read(`_site/news/${story}`), /<h1[^>]*>Welcome to the newsroom<\/h1>/);
});

// It imports dateline's own ../props.js and a file only the publication has (./address.js).
const footer = (words: string) => `import { h } from 'preact';
import { local } from '../props.js';
import { address } from './address.js';

/** The newsroom's own footer: its name, a line of its own and its address. */
export function Footer({ page, site }) {
  return h('footer', { class: 'site-footer' }, h('p', null, local(site.config.name, page.lang, site) + ' — ${words}'), h('address', null, address));
}
`;

test("the publication's templates/*.js and public/ files replace dateline's file by file, and incremental builds equal clean ones", async () => {
  await fs.mkdir(path.join(pub, 'templates/partials'), { recursive: true });
  await fs.writeFile(path.join(pub, 'templates/partials/footer.js'), footer('printed in our own newsroom'));
  await fs.writeFile(path.join(pub, 'templates/partials/address.js'), "export const address = '1 Harbour Street';\n");
  await fs.mkdir(path.join(pub, 'public/css'), { recursive: true });
  await fs.writeFile(path.join(pub, 'public/css/site.css'), 'body { color: #123456 }\n');
  await fs.writeFile(path.join(pub, 'public/humans.txt'), 'Made by the newsroom.\n');
  await build();
  const pages = (await listFiles(path.join(pub, '_site'))).filter((f) => f.endsWith('.html'));
  assert.ok(pages.length >= 8, pages.join(', '));
  let withFooter = 0;
  for (const page of pages) {
    const html = await read(`_site/${page}`);
    if (!html.includes('<footer')) continue;
    withFooter++;
    assert.match(html, /My Paper — printed in our own newsroom/, page);
    assert.doesNotMatch(html, /class="colophon"/, `${page}: dateline's footer is replaced`);
  }
  assert.ok(withFooter >= 8, `${withFooter} pages with a footer`);
  const home = await read('_site/index.html');
  assert.match(home, /My Paper — printed in our own newsroom/);
  assert.match(home, /<address>1 Harbour Street<\/address>/);
  assert.match(home, /<header class="site-header"/, "the header is still dateline's");
  assert.equal(await read('_site/css/site.css'), 'body { color: #123456 }\n');
  assert.equal(await read('_site/humans.txt'), 'Made by the newsroom.\n');
  assert.equal(await read('_site/js/search.js'), await read('node_modules/dateline/public/js/search.js'), "dateline's other public files are copied");

  // Editing an override renders the pages again (it is part of every page's key).
  await fs.writeFile(path.join(pub, 'templates/partials/footer.js'), footer('edited today'));
  await build();
  assert.match(await read('_site/index.html'), /My Paper — edited today/);
  await build('--no-incremental', '--out', '_clean');
  await assertSameTree(path.join(pub, '_site'), path.join(pub, '_clean'));

  // A broken override is named: one that cannot be imported stops the build (exit 2); an exception is each page's error at its line.
  const bin = path.join(pub, 'node_modules/.bin/dateline');
  await fs.writeFile(path.join(pub, 'templates/partials/footer.js'), "import { h } from 'preact';\nexport function Footer( {\n");
  const broken = await run(bin, ['build', '--now', NOW], pub);
  assert.equal(broken.code, 2, broken.stdout + broken.stderr);
  assert.match(broken.stderr, /^templates\/partials\/footer\.js:3: SyntaxError: Unexpected end of input$/m);
  await fs.writeFile(path.join(pub, 'templates/partials/footer.js'), "import { h } from 'preact';\nexport function Footer({ page }) {\n  return h('p', null, page.missing.name);\n}\n");
  const failing = await run(bin, ['build', '--now', NOW], pub);
  assert.equal(failing.code, 1, failing.stdout + failing.stderr);
  assert.match(failing.stdout + failing.stderr, /templates\/partials\/footer\.js\n\s+3:\d+\s+error\s+This template failed while rendering the page \/ \(.*\)\.\s+template:failed/);
  assert.match(await read('_site/index.html'), /My Paper — edited today/, 'a failed build leaves the output as it was');

  // Without the override, dateline's own footer is back.
  await fs.rm(path.join(pub, 'templates'), { recursive: true });
  await build();
  assert.match(await read('_site/index.html'), /class="colophon"/);
  assert.doesNotMatch(await read('_site/index.html'), /edited today/);
});
