import { spawnSync } from 'node:child_process';
import { promises as fs, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { STORIES_PER_YEAR, generateCorpus } from './generate.js';
import { measure, type Measurement } from './measure.js';
import { writeHugoSite } from './hugo.js';
import { benchPhotos } from './photos.js';
import { pageWeights } from './weights.js';
import { lighthouseScores } from './lighthouse.js';
import { devReloadTimes, type DevTimes } from './dev.js';
import { profileSection } from './profile.js';
import { backdate, cliPath, repoRoot } from '../helpers/project.js';

const args = process.argv.slice(2);
const arg = (name: string) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};
const sizes = (arg('--sizes') ?? '1000,4000').split(',').map(Number);
const compareHugo = arg('--compare') === 'hugo';
const skipPhotos = args.includes('--no-photos');
const skipProfile = args.includes('--no-profile');
/** Sizes the profile (a cold build of its own) runs at; default every size. */
const profileAt = arg('--profile-at')?.split(',').map(Number);
/** Only the build scenarios (no sample-site weights, Lighthouse or photo encoder comparison). */
const scenariosOnly = args.includes('--scenarios-only');
/** Runs of each warm scenario the targets judge (and of Hugo's builds): `--repeat N`, 3 by default. */
const REPEAT = Math.max(1, Number(arg('--repeat') ?? 3));
const NOW = '2026-01-02T00:00:00Z';

interface Row {
  scenario: string;
  m: Measurement;
  stages?: { name: string; ms: number }[];
  /** The build's own counters (absent when it found the output up to date). */
  counters?: { filesHashed?: number; entriesRead: number; markdownRendered: number; photosEncoded: number; pagesRendered: number; filesWritten: number; searchIndexed?: number };
}

function build(work: string, report: string, flags: string[] = [], env?: Record<string, string>): Measurement {
  return measure(process.execPath, [cliPath, 'build', '--now', NOW, '--report', report, ...flags], work, env);
}

/** Runs git in `cwd` (no compression: the corpus's photos are JPEG already, and only the checkout is measured). */
function git(cwd: string, ...args: string[]): void {
  const r = spawnSync('git', ['-c', 'user.name=Bench', '-c', 'user.email=bench@example.org', '-c', 'core.compression=0', ...args], { cwd, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (r.status !== 0) throw new Error(`git ${args.join(' ')} failed:\n${r.stderr}`);
}

/** What a CI job's checkout does: every content file and folder written anew (new inodes, new times), the cache and the output kept. */
async function freshCheckout(work: string): Promise<void> {
  await fs.rm(path.join(work, 'content'), { recursive: true });
  git(work, 'checkout', '--', 'content');
}

async function readReport(report: string): Promise<Pick<Row, 'stages' | 'counters'>> {
  const r = JSON.parse(await fs.readFile(report, 'utf8')) as { timings: { name: string; ms: number }[]; counters?: Row['counters'] };
  return { stages: r.timings, ...(r.counters ? { counters: r.counters } : {}) };
}

async function benchSize(size: number, tmp: string): Promise<{ rows: Row[]; dev: DevTimes; hugo?: { cold: Measurement; noChange: Measurement } }> {
  const corpus = await generateCorpus({ size, dir: path.join(repoRoot, 'tests/bench/corpora') });
  const work = path.join(tmp, `dateline-${size}`);
  await fs.rm(work, { recursive: true, force: true });
  await fs.cp(corpus, work, { recursive: true, filter: (src) => !/[/\\](\.cache|_site)$/.test(src) });
  const report = path.join(tmp, `report-${size}.json`);
  const rows: Row[] = [];
  const run = async (scenario: string, ...flags: string[]) => runWith(scenario, undefined, ...flags);
  const runWith = async (scenario: string, env: Record<string, string> | undefined, ...flags: string[]) => {
    const m = build(work, report, flags, env);
    rows.push({ scenario, m, ...(await readReport(report)) });
    process.stderr.write(`  ${size} ${scenario}: ${m.wall.toFixed(2)} s\n`);
  };
  // The warm scenarios the targets judge are run REPEAT times (each with a change of its own) and
  // reported by their median run, with the range: one run on this machine moves 10–30 %.
  const repeated = async (make: (i: number) => Promise<void>, measure: () => Promise<void>) => {
    const from = rows.length;
    for (let i = 0; i < REPEAT; i++) {
      await make(i);
      await measure();
    }
    const runs = rows.splice(from);
    const walls = runs.map((r) => r.m.wall).sort((a, b) => a - b);
    const median = runs.find((r) => r.m.wall === walls[Math.floor(walls.length / 2)])!;
    median.scenario += ` (median of ${runs.length}: ${walls[0]!.toFixed(2)}–${walls.at(-1)!.toFixed(2)} s)`;
    median.m = { ...median.m, rssMB: Math.max(...runs.map((r) => r.m.rssMB)) };
    rows.push(median);
  };
  await run('cold (no cache, no output)');
  await run('no change (up to date)');
  // The corpus was copied seconds before the first build: no time is trusted alone and the store's
  // records answer. In a working tree that has stood a while, the stat index does: every file and
  // folder set an hour back, one build reads and hashes them again (their times moved) and records
  // the index, and the next check answers from it.
  await backdate(path.join(work, 'content'));
  build(work, report);
  await run('no change, files an hour old');
  const checked = (JSON.parse(await fs.readFile(report, 'utf8')) as { checkedBy?: string }).checkedBy;
  rows.at(-1)!.scenario += ` (answered by the ${checked ?? 'pipeline'})`;
  await repeated(async () => undefined, () => run('no change, --force (whole pipeline, incremental rendering)', '--force'));
  // CI: the content in git, each job a fresh checkout with the cache and the output restored. Git's
  // index vouches for what it checked out (its blob ids are kept in the store: see
  // src/store/git-ids.ts); without git (a folder holding only Node on PATH) every file is hashed.
  git(work, 'init', '-q');
  git(work, 'add', 'content');
  git(work, 'commit', '-q', '-m', 'corpus');
  const noGit = path.join(tmp, 'no-git');
  await fs.mkdir(noGit, { recursive: true });
  await fs.symlink(process.execPath, path.join(noGit, 'node')).catch(() => undefined);
  const hashed = () => rows.at(-1)!.counters?.filesHashed;
  const ciRun = async (scenario: string, env?: Record<string, string>) => {
    await freshCheckout(work);
    await runWith(scenario, env);
    const r = JSON.parse(await fs.readFile(report, 'utf8')) as { checkedBy?: string; counters?: { filesHashed?: number } };
    rows.at(-1)!.scenario += ` (${r.checkedBy ? `answered by the ${r.checkedBy}` : 'pipeline'}; ${(r.counters?.filesHashed ?? hashed() ?? 0).toLocaleString('en-US')} files hashed)`;
  };
  await ciRun('CI, fresh checkout, no change, without git', { PATH: noGit });
  await ciRun('CI, fresh checkout, no change, first job with git (the store learns blob ids)');
  await ciRun('CI, fresh checkout, no change');
  const articles = path.join(work, 'content/articles');
  {
    // A commit that edits one story (another than the local edit below), checked out fresh.
    const year = path.join(articles, (await fs.readdir(articles)).sort().at(-1)!);
    const month = path.join(year, (await fs.readdir(year)).sort().at(-1)!);
    const story = path.join(month, (await fs.readdir(month)).sort().at(-1)!, 'index.md');
    await repeated(
      async (i) => {
        await fs.writeFile(story, (await fs.readFile(story, 'utf8')).replace(/\n\n([A-Z])/, `\n\nA corrected sentence (${i + 1}). $1`));
        git(work, 'commit', '-q', '-am', `correction ${i + 1}`);
      },
      () => ciRun('CI, fresh checkout, one article edited'),
    );
  }
  const first = (await fs.readdir(articles)).sort()[0]!;
  const month = (await fs.readdir(path.join(articles, first))).sort()[0]!;
  const slug = (await fs.readdir(path.join(articles, first, month))).sort()[0]!;
  const file = path.join(articles, first, month, slug, 'index.md');
  await repeated(
    async (i) => fs.writeFile(file, (await fs.readFile(file, 'utf8')).replace(/\n\n([A-Z])/, `\n\nAn added sentence (${i + 1}). $1`)),
    () => run('one article edited'),
  );
  await repeated(
    async (i) => {
      const fresh = path.join(articles, '2025', '12', `a-new-story-${i + 1}`);
      await fs.mkdir(fresh, { recursive: true });
      await fs.writeFile(path.join(fresh, 'index.md'), (await fs.readFile(file, 'utf8')).replace(/^date: .*$/m, `date: 2025-12-30T1${i}:00:00+03:00`));
    },
    () => run('one new article'),
  );
  const site = path.join(work, 'content/site.yaml');
  await fs.writeFile(site, (await fs.readFile(site, 'utf8')).replace('Generated corpus', 'Generated corpus, edited'));
  await run('site-wide change (site.yaml description: every page)');
  // A template edit changes the program every page is rendered with: every page is rendered again.
  const template = path.join(repoRoot, 'dist/templates/partials/footer.js');
  const original = await fs.readFile(template, 'utf8');
  try {
    await fs.writeFile(template, original + '\n// benchmark: a template edit\n');
    await run('template edit (every page)');
  } finally {
    await fs.writeFile(template, original);
  }
  const dev = await devReloadTimes(work, file, NOW);
  process.stderr.write(`  ${size} dev: first build ${dev.firstBuild.toFixed(2)} s, reloads ${dev.reloads.join(', ')} s, site up to date ${dev.settled.join(', ')} s, adds ${dev.adds.join(', ')} s\n`);
  if (!compareHugo) return { rows, dev };
  const hugoDir = path.join(tmp, `hugo-${size}`);
  await writeHugoSite(corpus, hugoDir);
  // Hugo's figures are the targets' yardstick: each the median of REPEAT runs (a cold one with its output and caches removed first).
  const colds: Measurement[] = [];
  const noChanges: Measurement[] = [];
  for (let i = 0; i < REPEAT; i++) {
    await fs.rm(path.join(hugoDir, 'out'), { recursive: true, force: true });
    await fs.rm(path.join(hugoDir, 'resources'), { recursive: true, force: true });
    colds.push(measure('/usr/bin/hugo', ['--quiet', '-d', 'out'], hugoDir));
    noChanges.push(measure('/usr/bin/hugo', ['--quiet', '-d', 'out'], hugoDir));
  }
  const middle = (list: Measurement[]) => [...list].sort((a, b) => a.wall - b.wall)[Math.floor(list.length / 2)]!;
  const cold = middle(colds);
  const noChange = middle(noChanges);
  process.stderr.write(`  ${size} hugo: cold ${colds.map((m) => m.wall).join(', ')} s, no change ${noChanges.map((m) => m.wall).join(', ')} s\n`);
  return { rows, dev, hugo: { cold, noChange } };
}

function machine(): string {
  const cpu = readFileSync('/proc/cpuinfo', 'utf8').match(/model name\s*:\s*(.*)/)?.[1] ?? os.cpus()[0]?.model ?? 'unknown';
  return `${cpu}, ${os.availableParallelism()} cores, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}, ${os.platform()} ${os.release()}`;
}

const fmt = (m: Measurement) => `| ${m.wall.toFixed(2)} s | ${m.cpu.toFixed(2)} s | ${m.rssMB.toFixed(0)} MB |`;

/** The engine's and the cold build's targets (issues 12 and 17) for one size, with what this run measured. */
function targets(size: number, rows: Row[], hugo: { cold: Measurement; noChange: Measurement }, dev: DevTimes, coldFloorMs?: number): string[] {
  const by = (prefix: string) => rows.find((r) => r.scenario.startsWith(prefix))!.m;
  const big = size >= 10000;
  const verdict = (ok: boolean) => (ok ? 'met' : 'missed');
  const line = (what: string, value: string, target: string, ok: boolean) => `| ${what} | ${value} | ${target} | ${verdict(ok)} |`;
  const s = (x: number) => `${x.toFixed(2)} s`;
  const cold = by('cold');
  const warm = rows.filter((r) => !r.scenario.startsWith('cold'));
  const peak = Math.max(...warm.map((r) => r.m.rssMB));
  const save = Math.max(...dev.reloads);
  const everyPage = Math.max(by('site-wide').wall, by('template').wall);
  return [
    `Targets at ${size.toLocaleString('en-US')} articles (Hugo measured in the same run: cold ${s(hugo.cold.wall)}, no change ${s(hugo.noChange.wall)}):`,
    '',
    '| scenario | measured | target | |',
    '|---|--:|--:|---|',
    line('`dateline dev`: save one article → its page served, reload (slowest of the saves)', s(save), big ? '≤ 0.5 s' : '≤ 0.3 s', save <= (big ? 0.5 : 0.3)),
    `| \`dateline dev\`: save one article → whole preview rebuilt (slowest; no target) | ${s(Math.max(...dev.settled))} | | |`,
    line(`\`dateline dev\`: add a new article → reload (median of ${dev.adds.length})`, s(dev.added), big ? '≤ 1.5 s' : '≤ 1 s', dev.added <= (big ? 1.5 : 1)),
    `| \`dateline build\`, nothing changed: right after the first build / files an hour old (up-to-date check; no target) | ${s(by('no change (up to date)').wall)} / ${s(by('no change, files an hour old').wall)} | | |`,
    `| CI, fresh checkout with the cache and output restored: nothing changed, without git / with git's index / one article edited (no target) | ${s(by('CI, fresh checkout, no change, without git').wall)} / ${s(by('CI, fresh checkout, no change (').wall)} / ${s(by('CI, fresh checkout, one article').wall)} | | |`,
    line('`dateline build`, fresh process, one article edited', s(by('one article').wall), big ? '≤ 3 s' : '≤ 1.5 s', by('one article').wall <= (big ? 3 : 1.5)),
    line('`dateline build`, fresh process, one new article', s(by('one new').wall), big ? '≤ 4 s' : '≤ 2.5 s', by('one new').wall <= (big ? 4 : 2.5)),
    line('`dateline build --force`, nothing changed', `${s(by('no change, --force').wall)} (${(by('no change, --force').wall / hugo.noChange.wall).toFixed(1)}× Hugo)`, '≤ 0.5× Hugo no change', by('no change, --force').wall <= 0.5 * hugo.noChange.wall),
    line('site.yaml or template change (every page)', `${s(everyPage)} (${(everyPage / hugo.cold.wall).toFixed(1)}× Hugo cold)`, '≤ Hugo cold', everyPage <= hugo.cold.wall),
    line('peak memory, warm scenarios', `${peak.toFixed(0)} MB`, big ? '≤ 600 MB' : '≤ 400 MB', peak <= (big ? 600 : 400)),
    line('cold build (issue 17)', `${s(cold.wall)} (${(cold.wall / hugo.cold.wall).toFixed(1)}× Hugo cold)`, '≤ 4× Hugo cold', cold.wall <= 4 * hugo.cold.wall),
    ...(coldFloorMs ? [`| cold build: the floor of this stack (profile above: Markdown, cards, search index, Eleventy at their floors) | ${s(coldFloorMs / 1000)} (${(coldFloorMs / 1000 / hugo.cold.wall).toFixed(1)}× Hugo cold) | | |`] : []),
    line('cold build peak memory', `${cold.rssMB.toFixed(0)} MB`, `≤ Hugo's ${hugo.cold.rssMB.toFixed(0)} MB`, cold.rssMB <= hugo.cold.rssMB),
    '',
  ];
}

/** Ends the run after the build scenarios. */
class Done extends Error {}

const tmp = await fs.mkdtemp(path.join(os.tmpdir(), 'dateline-bench-'));
const out: string[] = [
  '# dateline benchmark',
  '',
  `Command: \`npm run bench -- ${args.join(' ')}\`  `,
  `Machine: ${machine()}  `,
  `Date: ${new Date().toISOString().slice(0, 10)}`,
  '',
  `Runs: the warm scenarios the targets judge (\`--force\`, CI one article edited, one article edited, one new article) and Hugo's cold and no-change builds are each run ${REPEAT} times and reported by the median run, with the range; the rest once.`,
  '',
  `Generated corpora (seeded), shaped like a daily's archive: ${STORIES_PER_YEAR.toLocaleString('en')} stories a year up to the bench's clock (1,000 stories are half a year, 4,000 two years, 10,000 five); 550–750-word articles with quotes, links, lists, block quotes, tables and subheadings; 1–3 of 30 authors; 3–5 of 300 Zipf-distributed tags; 6 sections; a lead photo on ~10 % (4 distinct photos). Every output is built: article, home, section, tag, author and archive pages with pagination, feeds, sitemaps, search index, manifest.`,
  '',
];
try {
  for (const size of sizes) {
    const { rows, hugo, dev } = await benchSize(size, tmp);
    out.push(`## ${size.toLocaleString('en-US')} articles`, '', '| scenario | wall | CPU | peak RSS |', '|---|--:|--:|--:|');
    for (const r of rows) out.push(`| ${r.scenario} ${fmt(r.m)}`);
    if (hugo) out.push(`| Hugo cold (median of ${REPEAT}) ${fmt(hugo.cold)}`, `| Hugo no change (median of ${REPEAT}) ${fmt(hugo.noChange)}`);
    out.push('', 'Per stage (seconds):', '', `| stage | ${rows.map((r) => r.scenario.split(' (')[0]).join(' | ')} |`, `|---|${rows.map(() => '--:').join('|')}|`);
    for (const name of rows[0]!.stages!.map((s) => s.name)) out.push(`| ${name} | ${rows.map((r) => ((r.stages!.find((s) => s.name === name)?.ms ?? 0) / 1000).toFixed(2)).join(' | ')} |`);
    out.push('', 'Counters (from `--report`):', '', '| scenario | files hashed | entries read | Markdown rendered | photos encoded | pages rendered | files written | search records indexed |', '|---|--:|--:|--:|--:|--:|--:|--:|');
    for (const r of rows) {
      const c = r.counters;
      out.push(c && c.entriesRead !== undefined ? `| ${r.scenario} | ${c.filesHashed ?? ''} | ${c.entriesRead} | ${c.markdownRendered} | ${c.photosEncoded} | ${c.pagesRendered} | ${c.filesWritten} | ${c.searchIndexed ?? ''} |` : `| ${r.scenario} | ${c?.filesHashed ?? ''} | up to date: no pipeline | | | | | |`);
    }
    out.push(
      '',
      `Live preview (\`dateline dev\`, the server's own "save → reload" figure, one article saved ${dev.reloads.length} times): ${dev.reloads.map((r) => `${r.toFixed(2)} s`).join(', ')} to the reload with its page; ${dev.settled.map((r) => `${r.toFixed(2)} s`).join(', ')} until the whole preview was rebuilt (list pages, feeds; the search index follows in the background); new articles added one after another: ${dev.adds.map((r) => `${r.toFixed(2)} s`).join(', ')} to the reload with each listed; the preview's first build took ${dev.firstBuild.toFixed(1)} s.`,
      '',
    );
    let coldFloorMs: number | undefined;
    if (!skipProfile && (!profileAt || profileAt.includes(size))) {
      const profile = await profileSection(await generateCorpus({ size, dir: path.join(repoRoot, 'tests/bench/corpora') }), tmp);
      out.push(...profile.lines);
      coldFloorMs = profile.coldFloorMs;
    }
    if (size >= 10000) {
      const peak = Math.max(...rows.map((r) => r.m.rssMB));
      out.push(`- 10,000 articles under 1 GiB peak: ${peak.toFixed(0)} MB — ${peak < 1024 ? 'met' : 'missed'}`, '');
    }
    if (hugo) out.push(...targets(size, rows, hugo, dev, coldFloorMs));
    // Written after each size, so a long run that is stopped keeps what it measured.
    await fs.writeFile(path.join(repoRoot, 'tests/bench/REPORT.md'), out.join('\n') + '\n');
  }
  if (scenariosOnly) throw new Done();
  const sample = path.join(tmp, 'sample');
  measure(process.execPath, [cliPath, 'build', '--out', path.join(sample, '_site'), '--cache-dir', path.join(sample, 'cache'), '--now', '2026-11-25T09:00:00+02:00'], repoRoot);
  out.push(await pageWeights(path.join(sample, '_site')));
  out.push(await lighthouseScores(path.join(sample, '_site')));
  if (!skipPhotos) out.push(await benchPhotos({ workDir: path.join(tmp, 'photos') }));
} catch (err) {
  if (!(err instanceof Done)) throw err;
} finally {
  await fs.rm(tmp, { recursive: true, force: true });
}
const text = out.join('\n') + '\n';
await fs.writeFile(path.join(repoRoot, 'tests/bench/REPORT.md'), text);
process.stdout.write(text);
