import { promises as fs } from 'node:fs';
import { hasBlocking, sortDiagnostics } from '../errors/diagnostics.js';
import type { BuildContext, BuildOptions, Step } from './context.js';
import {
  collectStep,
  emitStep,
  loadStep,
  manifestStep,
  markdownStep,
  photosStep,
  publishStep,
  readConfigStep,
  renderStep,
  searchStep,
  shardStep,
  stateStep,
  validateStep,
} from './steps.js';
import { linksStep, removedUrlsStep } from './steps-editor.js';
import { articlesRecordStep, holdBackStep } from './hold-back.js';
import { clearBuildState, fingerprintInputs, readState, tracksState } from './up-to-date.js';

export type { BuildOptions, BuildContext } from './context.js';

/** The build, in order. Steps that do not write also run for `dateline check`. */
export const steps: Step[] = [
  readConfigStep,
  loadStep,
  validateStep,
  markdownStep,
  photosStep,
  collectStep,
  linksStep,
  removedUrlsStep,
  holdBackStep,
  renderStep,
  articlesRecordStep,
  emitStep,
  searchStep,
  shardStep,
  manifestStep,
  publishStep,
  stateStep,
];

/** The result of a run: what was found, what was written, how long each step took. */
export interface BuildResult {
  ok: boolean;
  context: BuildContext;
  timings: { name: string; ms: number }[];
  ms: number;
}

/**
 * Runs the pipeline. Every content problem from every file is collected before it stops; a run
 * with errors writes nothing, and the previous output stays as it was.
 */
export async function build(options: BuildOptions): Promise<BuildResult> {
  const ctx: BuildContext = { options, diagnostics: [] };
  const timings: { name: string; ms: number }[] = [];
  const started = performance.now();
  try {
    // Taken before anything is read, so an edit made during the build is not mistaken for built.
    if (tracksState(options)) {
      ctx.inputs = options.inputs ?? (await fingerprintInputs(options, await readState(options)));
      await clearBuildState(options);
    }
    for (const step of steps) {
      if (step.writes && !options.write) continue;
      if (step.name === 'load' && !ctx.raw?.source) break;
      if (step.name === 'markdown' && !ctx.content?.config) break;
      // Every check runs whatever the others found (links too), so all problems come in one run;
      // nothing is written from broken content unless --keep-going holds the broken articles back.
      if (step.name === 'hold-back' && hasBlocking(ctx.diagnostics, options.strict) && !options.keepGoing) break;
      const t0 = performance.now();
      await step.run(ctx);
      timings.push({ name: step.name, ms: performance.now() - t0 });
    }
  } finally {
    if (ctx.stagingDir) await fs.rm(ctx.stagingDir, { recursive: true, force: true });
  }
  ctx.diagnostics = sortDiagnostics(ctx.diagnostics);
  const ok = !hasBlocking(ctx.diagnostics, options.strict) && ctx.content?.config !== undefined;
  return { ok, context: ctx, timings, ms: performance.now() - started };
}
