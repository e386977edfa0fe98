/**
 * The memory budget of a warm build (see src/cli/main.ts): the parent says the child runs under
 * it, and the child gives up early when the build turns out cold after all (the content store was
 * discarded by an upgrade, or most articles changed), so the parent runs it again with the
 * budget of a first build rather than letting it outgrow the smaller one late in the build.
 */

/** Set to `warm` in the environment of a build run under the warm budget. */
export const BUDGET_ENV = 'DATELINE_BUDGET';

/** The exit code of a build that stopped because it is cold under the warm budget. */
export const COLD_UNDER_WARM_BUDGET = 75;

/** True when this process runs under the warm budget and `rendering` of `articles` Markdown bodies is more than it suits (a quarter, and at least 50). */
export function tooColdForBudget(rendering: number, articles: number): boolean {
  return process.env[BUDGET_ENV] === 'warm' && rendering > Math.max(50, articles / 4);
}
