#!/usr/bin/env node
/**
 * The `dateline` entry point. A build runs in a child process with a memory budget sized to the
 * archive (V8 otherwise lets the heap grow far past what the build keeps alive: measured on
 * 4,000 articles, ~1.1 GB peak without a budget, ~0.65 GB with 512 MB, in the same time). If a
 * build outgrows its budget it is run again without one, so a budget never fails a build. A warm
 * build of a small archive runs here, with no second process (src/util/budget.ts). Everything
 * else runs here directly.
 */
import { spawn } from 'node:child_process';
import nodeModule from 'node:module';
import { readdirSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { BUDGET_ENV, COLD_UNDER_WARM_BUDGET, ColdInProcess, buildProcess, buildingInProcess, memoryBudget } from '../util/budget.js';

// Node 22.1+ keeps compiled modules on disk between runs (a third of a build's start-up); Node 20 has no such cache.
(nodeModule as { enableCompileCache?: () => unknown }).enableCompileCache?.();

const HEAP_FLAG = '--max-old-space-size';

/** The value of `--name value` or `--name=value` in the build's arguments. */
function flag(args: string[], name: string): string | undefined {
  const i = args.findIndex((a) => a === name || a.startsWith(`${name}=`));
  if (i < 0) return undefined;
  return args[i]!.includes('=') ? args[i]!.slice(name.length + 1) : args[i + 1];
}

/** Article bundles under content/articles/YYYY/MM/, counted without reading them. */
function countArticles(root: string): number {
  let n = 0;
  const dirs = (p: string) => {
    try {
      return readdirSync(p, { withFileTypes: true }).filter((e) => e.isDirectory()).map((e) => e.name);
    } catch {
      return [];
    }
  };
  const base = path.join(root, 'content/articles');
  for (const year of dirs(base)) for (const month of dirs(path.join(base, year))) n += dirs(path.join(base, year, month)).length;
  return n;
}

/** The budget DATELINE_MEMORY_MB sets, if it does. */
function chosenBudget(): number | undefined {
  const set = Number(process.env.DATELINE_MEMORY_MB);
  return Number.isFinite(set) && set > 0 ? set : undefined;
}

/**
 * Whether the content store in `cacheDir` holds about the whole archive, judged by the size of its
 * records file (an article's record takes about 1–5 KB; a store under 512 bytes an article is partial). A
 * build that then finds most of its Markdown to render (a store another version of dateline
 * discarded, most articles changed) stops before writing anything and is run again with the
 * budget of a first build (src/util/budget.ts).
 */
function warmStore(cacheDir: string, articles: number): boolean {
  const size = statSync(path.join(cacheDir, 'store', 'records.v8'), { throwIfNoEntry: false })?.size ?? 0;
  return size > 0 && size >= articles * 512;
}

/** Runs the build; its standard error is passed through, except V8's report of an exhausted heap. */
function run(args: string[], env: NodeJS.ProcessEnv): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
  return new Promise((resolve) => {
    const colour = process.stderr.isTTY && !process.env.NO_COLOR && !process.env.FORCE_COLOR ? { FORCE_COLOR: '1' } : {};
    // The child's standard error is a pipe: it is told that it ends on a terminal (for progress),
    // and when the user started the command (for the summary's time).
    const tty = process.stderr.isTTY ? { DATELINE_PROGRESS: 'tty' } : {};
    const started = { DATELINE_STARTED: process.env.DATELINE_STARTED ?? String(performance.timeOrigin) };
    const child = spawn(process.execPath, args, { stdio: ['inherit', 'inherit', 'pipe'], env: { ...env, ...colour, ...tty, ...started } });
    let heapReport = false;
    child.stderr.on('data', (chunk: Buffer) => {
      const text = chunk.toString();
      if (/<--- Last few GCs --->|FATAL ERROR: .*heap/.test(text)) heapReport = true;
      if (!heapReport) process.stderr.write(chunk);
    });
    const forward = (sig: NodeJS.Signals) => child.kill(sig);
    process.on('SIGINT', forward).on('SIGTERM', forward);
    child.on('close', (code, signal) => {
      process.off('SIGINT', forward).off('SIGTERM', forward);
      resolve({ code, signal });
    });
  });
}

async function buildWithBudget(argv: string[]): Promise<number> {
  const args = argv.slice(2);
  const root = path.resolve(flag(args, '--root') ?? '.');
  const articles = countArticles(root);
  const chosen = chosenBudget();
  const where = buildProcess(articles, chosen === undefined && warmStore(path.resolve(root, flag(args, '--cache-dir') ?? '.cache'), articles), chosen);
  const self = fileURLToPath(import.meta.url);
  const child: NodeJS.ProcessEnv = { ...process.env, DATELINE_CHILD: '1' };
  delete child[BUDGET_ENV];
  if (where.inProcess) {
    // A warm build of a small archive: here, without a second process. One that finds itself cold
    // stops before writing anything and is run in a child with a first build's budget.
    if (await buildHere(argv, root)) return Number(process.exitCode ?? 0);
    removeTemporary(root, args);
    return (await run([`${HEAP_FLAG}=${memoryBudget(articles, false, chosen)}`, ...process.execArgv, self, ...args], child)).code ?? 1;
  }
  const { warm } = where;
  let mb = where.mb;
  let first = await run([`${HEAP_FLAG}=${mb}`, ...process.execArgv, self, ...args], warm ? { ...child, [BUDGET_ENV]: 'warm' } : child);
  // A build that found itself cold under the warm budget stopped before writing anything: a first build's budget.
  if (warm && first.code === COLD_UNDER_WARM_BUDGET) {
    removeTemporary(root, args);
    mb = memoryBudget(articles, false, chosen);
    first = await run([`${HEAP_FLAG}=${mb}`, ...process.execArgv, self, ...args], child);
  }
  // V8 aborts when the heap is exhausted (SIGABRT, or 134 through a shell).
  if (first.signal === 'SIGABRT' || first.code === 134) {
    process.stderr.write(`The build needed more than its ${mb} MB memory budget; building again without one (set DATELINE_MEMORY_MB to choose the budget).\n`);
    removeTemporary(root, args);
    return (await run([...process.execArgv, self, ...args], child)).code ?? 1;
  }
  if (first.signal && CRASHES.has(first.signal)) {
    // A native library crashed (the output was not touched): once more, with what the first run
    // cached, under a first build's budget (the first run's Markdown results may not have been kept).
    process.stderr.write(`The build's process crashed (${first.signal}, in a native library) before it finished; the output folder was left as it was. Building again.\n`);
    removeTemporary(root, args);
    const second = await run([`${HEAP_FLAG}=${memoryBudget(articles, false, chosen)}`, ...process.execArgv, self, ...args], child);
    if (second.signal && CRASHES.has(second.signal)) process.stderr.write(`The build crashed again (${second.signal}); the output folder was left as it was. Please report it with the command you ran.\n`);
    return second.code ?? 1;
  }
  if (first.signal) {
    removeTemporary(root, args);
    process.stderr.write(`The build was stopped (${first.signal}); the output folder was left as it was.\n`);
  }
  return first.code ?? 1;
}

/**
 * Runs the build in this process; false when it found itself cold and stopped, having written
 * nothing. Stopped by a signal, it leaves the output as a stopped child does: its temporary folder
 * removed, the output folder as it was.
 */
async function buildHere(argv: string[], root: string): Promise<boolean> {
  buildingInProcess();
  const stop = (sig: NodeJS.Signals) => {
    removeTemporary(root, argv.slice(2));
    process.stderr.write(`\nThe build was stopped (${sig}); the output folder was left as it was.\n`);
    process.exit(sig === 'SIGINT' ? 130 : 143);
  };
  process.once('SIGINT', stop).once('SIGTERM', stop);
  const { main } = await import('./program.js');
  try {
    await main(argv);
    return true;
  } catch (err) {
    if (err instanceof ColdInProcess) return false;
    throw err;
  } finally {
    process.off('SIGINT', stop).off('SIGTERM', stop);
  }
}

/** Signals that end a process when native code crashes. */
const CRASHES = new Set<NodeJS.Signals>(['SIGSEGV', 'SIGFPE', 'SIGBUS', 'SIGILL']);

/** Removes the temporary folder a stopped build left beside the output (the output itself was not touched); synchronous, so a signal's handler can use it before this process exits. */
function removeTemporary(root: string, args: string[]): void {
  const out = path.resolve(root, flag(args, '--out') ?? '_site');
  const parent = path.dirname(out);
  let names: string[] = [];
  try {
    names = readdirSync(parent);
  } catch {
    return;
  }
  for (const name of names) if (name.startsWith(`.dateline-tmp-${path.basename(out)}-`)) rmSync(path.join(parent, name), { recursive: true, force: true });
}

const budgeted = process.execArgv.some((a) => a.startsWith(HEAP_FLAG)) || (process.env.NODE_OPTIONS ?? '').includes(HEAP_FLAG);
if (process.argv[2] === 'build' && !process.env.DATELINE_CHILD && !budgeted && !process.argv.includes('--help')) {
  process.exitCode = await buildWithBudget(process.argv);
} else {
  const { main } = await import('./program.js');
  await main(process.argv);
}
