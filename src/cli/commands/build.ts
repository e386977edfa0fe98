import { promises as fs } from 'node:fs';
import path from 'node:path';
import { getHeapStatistics } from 'node:v8';
import type { Command } from 'commander';
import pc from 'picocolors';
import type { BuildResult } from '../../pipeline/build.js';
import { count, formatAnnotations, formatDiagnostics, heldBackSummary } from '../reporter.js';
import { toBuildOptions, type CommonFlags } from '../options.js';
import { parseShard } from '../../pipeline/shard.js';
import { printScheduled } from './scheduled.js';
import { UsageError } from '../../errors/types.js';
import { createProgress, wallSeconds } from '../progress.js';
import { startPrescan } from '../../store/listing.js';

/** Adds the flags build, check and dev share. */
export function addCommonFlags(cmd: Command): Command {
  return cmd
    .option('--root <dir>', 'project folder holding content/', '.')
    .option('--drafts', 'include drafts')
    .option('--now <iso>', 'treat this moment as now (ISO 8601 with offset), for embargoes and the news sitemap')
    .option('--base-url <url>', "override site.yaml's baseUrl")
    .option('--strict', 'treat warnings as errors')
    .option('--cache-dir <dir>', 'cache folder', '.cache')
    .option('--threads <n>', 'worker threads for Markdown (default: all cores)');
}

/** Prints diagnostics (as annotations too under GitHub Actions) and returns the exit code. */
export function reportDiagnostics(result: BuildResult): number {
  const { diagnostics } = result.context;
  if (diagnostics.length) {
    process.stderr.write(formatDiagnostics(diagnostics) + '\n');
    if (process.env.GITHUB_ACTIONS === 'true') process.stdout.write(formatAnnotations(diagnostics) + '\n');
  }
  if (result.ok) return 0;
  return diagnostics.some((d) => d.ruleId.startsWith('config:')) ? 2 : 1;
}

/** Timing lines: every step with --timings, otherwise only steps over 50 ms and 8 % of the run. */
export function formatTimings(result: BuildResult, all: boolean): string {
  return result.timings
    .filter((t) => all || (t.ms > 50 && t.ms > result.ms * 0.08))
    .map((t) => `  ${t.name.padEnd(12)} ${(t.ms / 1000).toFixed(2).padStart(7)} s  ${((t.ms / result.ms) * 100).toFixed(0).padStart(3)} %`)
    .join('\n');
}

/** The one line a person reads at the end of a build; its time is the wall time since the command started. */
export function summaryLine(result: BuildResult): string {
  const w = result.context.written;
  const photos = result.context.photos?.stats;
  const rendered = w?.rendered !== undefined && w.rendered !== w.pages ? ` (${w.rendered.toLocaleString('en-US')} rendered, the rest unchanged)` : '';
  const parts = [`Wrote ${count(w?.pages ?? 0, 'page')}${rendered}, ${count(w?.feeds ?? 0, 'feed')}, ${count(w?.sitemaps ?? 0, 'sitemap')}`];
  if (photos) parts.push(`${count(photos.photos, 'photo')} (${photos.cached.toLocaleString('en-US')} cached)`);
  return `${parts.join(' · ')} in ${wallSeconds()} s`;
}

interface BuildFlags extends CommonFlags {
  out: string;
  timings?: boolean;
  report?: string;
  shard?: string;
  incremental: boolean;
  force?: boolean;
  listScheduled?: boolean;
  keepGoing?: boolean;
}

/** `dateline build`. */
export function registerBuild(program: Command): void {
  addCommonFlags(program.command('build').description('build the site into the output folder (replaced only on success)'))
    .option('--out <dir>', 'output folder', '_site')
    .option('--timings', 'print the time of every step')
    .option('--report <file>', 'write timings and counts as JSON')
    .option('--shard <i/n>', 'build share i of n (for parallel CI jobs; put the shares together with `dateline merge`)')
    .option('--no-incremental', 'render every page, not only those that changed since the previous output')
    .option('--force', 'build even when nothing changed since the previous output')
    .option('--against <file-or-url>', "compare with this manifest (a file, or the live site's /.dateline/manifest.json) instead of the previous output's: fail for every published URL gone without a redirect")
    .option('--keep-going', 'build every story that has no errors and hold back those that do (their previous version stays published); exits 1 when any was held back')
    .option('--list-scheduled', 'print what goes out and comes down when (as `dateline scheduled`, ending `next: <UTC time>`) and build nothing')
    .action(async (flags: BuildFlags) => {
      if (flags.listScheduled) {
        await printScheduled(flags);
        return;
      }
      const options = toBuildOptions(flags, { write: true, preview: false });
      if (flags.shard !== undefined) {
        const shard = parseShard(flags.shard);
        if (!shard) throw new UsageError(`--shard must be i/n with 1 ≤ i ≤ n, such as 2/4; received "${flags.shard}".`);
        options.shard = shard;
      }
      if (!flags.incremental) options.incremental = false;
      if (flags.keepGoing) {
        // Each shard would hold back and carry over on its own; a partial site cannot be kept consistent.
        if (options.shard) throw new UsageError('--keep-going cannot be combined with --shard: build the whole site with --keep-going instead.');
        options.keepGoing = true;
      }
      // Checked before the pipeline is even loaded: an up-to-date site costs a second. The stat
      // pass and the output's file count run on another thread meanwhile.
      const started = performance.now();
      const prescan = startPrescan(path.join(options.root, 'content'), options.outDir);
      options.prescan = prescan;
      const { checkUpToDate } = await import('../../pipeline/up-to-date.js');
      const { state, inputs, by, hashed } = await checkUpToDate(options, { force: flags.force ?? false });
      // The thread's work is done or no longer wanted (a build needs only the listing: taken by now when the check ran).
      if (inputs || state) prescan.stop();
      else void prescan.content.then(() => prescan.stop());
      if (state) {
        const ms = performance.now() - started;
        if (state.diagnostics.length) process.stderr.write(formatDiagnostics(state.diagnostics) + '\n');
        if (flags.report) await writeReport(flags.report, { ok: true, upToDate: true, checkedBy: by, ms, timings: [{ name: 'up-to-date', ms }], written: state.summary, counters: { filesHashed: hashed ?? 0 } });
        const s = state.summary;
        process.stdout.write(
          pc.green(`Up to date: nothing changed since the build of ${new Date(state.builtAt).toISOString()} (${count(s.pages, 'page')}, ${count(s.feeds, 'feed')}, ${count(s.sitemaps, 'sitemap')}, ${count(s.photos, 'photo')}); checked in ${wallSeconds()} s`) + '\n',
        );
        return;
      }
      if (inputs) options.inputs = inputs;
      const progress = createProgress();
      if (progress) options.progress = progress;
      const result = await (await import('../../pipeline/build.js')).build(options);
      const code = reportDiagnostics(result);
      if (flags.report) {
        const w = result.context;
        const heapLimitMB = Math.round(getHeapStatistics().heap_size_limit / 2 ** 20);
        await writeReport(flags.report, { ok: result.ok, upToDate: false, ms: result.ms, timings: result.timings, written: w.written, counters: result.counters, markdown: w.markdownStats, photos: w.photos?.stats, heapLimitMB });
      }
      // With --keep-going, a run with errors still published everything else (exit 1 all the same).
      const published = code === 1 && flags.keepGoing === true && result.context.written !== undefined && result.context.stagingDir === undefined;
      if (code === 0 || published) {
        const t = formatTimings(result, flags.timings ?? false);
        if (t) process.stdout.write(t + '\n');
        process.stdout.write((code === 0 ? pc.green : pc.yellow)(summaryLine(result)) + '\n');
        if (published) process.stderr.write(pc.red(heldBackSummary(result.context.heldBack ?? []) || 'Built with errors in files that are not stories (see above).') + '\n');
      } else {
        process.stderr.write(`Nothing was written; ${path.relative(process.cwd(), result.context.options.outDir) || '.'} is as it was.\n`);
      }
      process.exitCode = code;
    });
}

async function writeReport(file: string, report: object): Promise<void> {
  await fs.mkdir(path.dirname(path.resolve(file)), { recursive: true });
  await fs.writeFile(file, JSON.stringify(report, null, 2));
}

/** `dateline merge`. */
export function registerMerge(program: Command): void {
  program
    .command('merge')
    .description('put the outputs of `dateline build --shard i/n` together into one site (search index and manifest included)')
    .argument('<dirs...>', 'the output folder of every shard')
    .option('--out <dir>', 'output folder', '_site')
    .option('--cache-dir <dir>', 'cache folder (search index)', '.cache')
    .action(async (dirs: string[], flags: { out: string; cacheDir: string }) => {
      const { mergeShards } = await import('../../pipeline/merge.js');
      const { files, searchPages } = await mergeShards(
        dirs.map((d) => path.resolve(d)),
        path.resolve(flags.out),
        { cacheDir: path.resolve(flags.cacheDir) },
      );
      process.stdout.write(pc.green(`Merged ${count(dirs.length, 'shard')} into ${flags.out}: ${count(files, 'file')}, ${count(searchPages, 'page')} in the search index, in ${wallSeconds()} s`) + '\n');
    });
}

/** `dateline check`. */
export function registerCheck(program: Command): void {
  addCommonFlags(program.command('check').description('validate every article, page, author, photo and link; write nothing'))
    .option('--against <file-or-url>', "a previous build's .dateline/manifest.json (a file or its URL on the live site), or a text file of URLs: fail for every URL that is gone without a redirect (default: _site/.dateline/manifest.json when there is one)")
    .option('--external', 'also fetch external links (short timeout, a few at a time) and warn about those that do not answer')
    .option('--fix', 'first remove invisible characters pasted from word processors (zero-width spaces, soft hyphens, non-breaking-space indentation), rewriting each file atomically')
    .action(async (flags: CommonFlags & { fix?: boolean }) => {
    if (flags.fix) {
      const { fixContent } = await import('../fix.js');
      const fixed = await fixContent(toBuildOptions(flags, { write: false, preview: false }).root);
      for (const f of fixed) process.stdout.write(`Fixed ${f.file}: ${count(f.changes, 'invisible character')} removed or made plain spaces\n`);
    }
    const { build } = await import('../../pipeline/build.js');
    const options = toBuildOptions(flags, { write: false, preview: false });
    const progress = createProgress();
    if (progress) options.progress = progress;
    const result = await build(options);
    const code = reportDiagnostics(result);
    if (code === 0) {
      const n = result.context.content?.articles.length ?? 0;
      process.stdout.write(pc.green(`Checked ${count(n, 'article')}: ${result.context.diagnostics.length ? 'no errors' : 'no problems'}.`) + '\n');
    }
    process.exitCode = code;
  });
}
