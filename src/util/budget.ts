/**
 * Where a build runs and with how much memory (see src/cli/main.ts). A large or cold build runs in
 * a child process whose old generation is sized to the archive; a warm build of a small archive
 * runs in the command's own process (a second Node process costs ~0.2 s, a third of a small
 * site's warm build, and such a build stays small without a budget: measured at 1,000 articles,
 * every page rendered, 264 MB unbudgeted against 215 MB under 384 MB; at 4,000, 546 against 352).
 * A warm build — in the child under the warm budget, or in the command's process — gives up early
 * when it turns out cold after all (the content store was discarded by an upgrade, or most
 * articles changed), so it is run again with the budget of a first build rather than outgrowing
 * the smaller one, or running unbudgeted, late in the build.
 */

/** Set to `warm` in the environment of a build run under the warm budget. */
export const BUDGET_ENV = 'DATELINE_BUDGET';

/** The exit code of a build that stopped because it is cold under the warm budget. */
export const COLD_UNDER_WARM_BUDGET = 75;

/** Warm archives up to this many articles are built in the command's own process, without a budget. */
export const IN_PROCESS_MAX_ARTICLES = 2000;

/** Thrown by a build in the command's own process that found itself cold: nothing is written yet, and the caller runs it in a child with a first build's budget. */
export class ColdInProcess extends Error {
  constructor() {
    super('the build is cold: it is run again in a process with a first build’s memory budget');
  }
}

let inProcess = false;

/** Says that this process runs a warm build itself (src/cli/main.ts). */
export function buildingInProcess(): void {
  inProcess = true;
}

/** Where a build runs: in this process, or in a child with an old generation of `mb` (warm: the child gives up when it finds itself cold). */
export type BuildProcess = { inProcess: true } | { inProcess: false; mb: number; warm: boolean };

/**
 * Old-generation heap for a build of `articles` articles, in MB (or `chosen`, DATELINE_MEMORY_MB).
 * A warm build (the content store holds the archive: records parsed once, Markdown HTML read only
 * for the pages rendered) keeps about half of what a cold one does alive; measured on 10,000
 * articles, every page rendered: 690 MB peak with 728 MB, 550 MB with 448, 1–4 % slower. A cold
 * build of 10,000 outgrew 528 MB.
 */
export function memoryBudget(articles: number, warm = false, chosen?: number): number {
  if (chosen !== undefined) return chosen;
  return warm ? Math.max(384, Math.ceil(128 + articles * 0.032)) : Math.max(512, Math.ceil(128 + articles * 0.06));
}

/** Where a build of `articles` runs, given whether the content store holds the archive and the budget the user chose, if any (always honoured in a child). */
export function buildProcess(articles: number, warmStore: boolean, chosen?: number): BuildProcess {
  if (chosen !== undefined) return { inProcess: false, mb: chosen, warm: false };
  if (warmStore && articles <= IN_PROCESS_MAX_ARTICLES) return { inProcess: true };
  return { inProcess: false, mb: memoryBudget(articles, warmStore), warm: warmStore };
}

/** True when this warm build (in the child under the warm budget, or in the command's process) has `rendering` of `articles` Markdown bodies to render: more than it suits (a quarter, and at least 50). */
export function tooColdForBudget(rendering: number, articles: number): boolean {
  return (inProcess || process.env[BUDGET_ENV] === 'warm') && rendering > Math.max(50, articles / 4);
}

/** Stops a build that is too cold for where it runs, before it writes anything: the child exits for its parent, the command's own process throws `ColdInProcess`. */
export function stopCold(): never {
  if (inProcess) throw new ColdInProcess();
  process.exit(COLD_UNDER_WARM_BUDGET);
}
