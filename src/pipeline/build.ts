import { promises as fs } from 'node:fs';
import path from 'node:path';
import { forgetPlaced, untrackMedia } from '../images/store.js';
import { ContentStore } from '../store/content-store.js';
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
  shardStep,
  stateStep,
  validateStep,
} from './steps.js';
import { linksStep, removedUrlsStep } from './steps-editor.js';
import { searchStep } from './search-step.js';
import { documentsStep } from './documents-step.js';
import { articlesRecordStep, holdBackStep } from './hold-back.js';
import { embedsStep } from '../embeds/posters.js';
import { clearBuildState, fingerprintInputs, tracksState } from './up-to-date.js';

export type { BuildOptions, BuildContext } from './context.js';

/** The build, in order. Steps that do not write also run for `dateline check`. */
export const steps: Step[] = [
  readConfigStep,
  loadStep,
  validateStep,
  markdownStep,
  embedsStep,
  documentsStep,
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

/** How much work a run did, for tests and reports (as Hugo's rebuild tests count rendered pages). */
export interface BuildCounters {
  /** Content files the stat pass read and hashed (a file whose size, time and inode are as recorded, or that git's index vouches for, is not read). */
  filesHashed: number;
  /** Source files (articles, pages, authors) read from disk. */
  entriesRead: number;
  /** Source files whose front matter was parsed rather than taken from the store. */
  entriesParsed: number;
  /** Articles validated rather than taken from this process's or the content store's earlier validation. */
  articlesValidated: number;
  /** Markdown bodies rendered rather than taken from the store. */
  markdownRendered: number;
  /** Photo sets encoded rather than taken from the photo cache. */
  photosEncoded: number;
  /** Pages rendered through the templates (the rest were linked from the previous output). */
  pagesRendered: number;
  /** Output files written by this run (not carried over from the previous output). */
  filesWritten: number;
  /** Search records given to Pagefind (the rest were in a cached archive or delta bundle). */
  searchIndexed: number;
}

/** The counters of a run, from what its steps recorded. */
export function countersOf(ctx: BuildContext): BuildCounters {
  return {
    filesHashed: ctx.inputs?.changes.hashed ?? 0,
    entriesRead: ctx.loaded?.stats.read ?? 0,
    entriesParsed: ctx.loaded?.stats.parsed ?? 0,
    articlesValidated: ctx.content?.validated ?? 0,
    markdownRendered: ctx.markdownStats?.processed ?? 0,
    photosEncoded: ctx.photos?.stats.encoded ?? 0,
    pagesRendered: ctx.written?.rendered ?? 0,
    filesWritten: ctx.written?.changed ?? ctx.written?.files ?? 0,
    searchIndexed: ctx.searchStats?.indexed ?? 0,
  };
}

/** The result of a run: what was found, what was written, how long each step took. */
export interface BuildResult {
  ok: boolean;
  context: BuildContext;
  counters: BuildCounters;
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
  let staging: string | undefined;
  // The preview writes its store between rebuilds, never during one.
  if (options.saveStoreLater) ContentStore.hold();
  try {
    // Taken before anything is read, so an edit made during the build is not mistaken for built.
    if (tracksState(options)) {
      ctx.inputs = options.inputs ?? (await fingerprintInputs(options));
      await clearBuildState(options);
    }
    for (const step of steps) {
      if (step.writes && !options.write) continue;
      if (step.name === 'load' && !ctx.raw?.source) break;
      if (step.name === 'markdown' && !ctx.content?.config) break;
      // Every check runs whatever the others found (links too), so all problems come in one run;
      // nothing is written from broken content unless --keep-going holds the broken articles back;
      // a page that failed to render (after the hold-back) also leaves the previous output as it was.
      if ((step.name === 'hold-back' || step.name === 'publish') && hasBlocking(ctx.diagnostics, options.strict) && !options.keepGoing) break;
      const t0 = performance.now();
      options.progress?.stage(step.name);
      await step.run(ctx);
      if (ctx.stagingDir) staging = ctx.stagingDir;
      const ms = performance.now() - t0;
      options.progress?.stageEnd(step.name, ms);
      timings.push({ name: step.name, ms });
      if (step.name === 'render' && !hasBlocking(ctx.diagnostics, options.strict)) options.pagesWritten?.(ctx);
    }
  } finally {
    // The store keeps what this run read and rendered, whatever became of the build.
    if (options.saveStoreLater) {
      ctx.store?.saveSoon();
      ContentStore.release();
    } else await ctx.store?.save();
    // A build in place has no staging copy: its folder is the output.
    if (ctx.stagingDir && !options.inPlace) await fs.rm(ctx.stagingDir, { recursive: true, force: true });
    // A staging folder's name is never reused, and a published media folder may have lost files
    // no page uses any more: what was placed in either is forgotten.
    if (staging && !options.inPlace) forgetPlaced(path.join(staging, 'media'));
    if (ctx.mediaRoot && !options.inPlace) {
      forgetPlaced(path.join(ctx.mediaRoot, 'media'));
      untrackMedia(path.join(ctx.mediaRoot, 'media'));
    }
  }
  ctx.diagnostics = sortDiagnostics(ctx.diagnostics);
  const ok = !hasBlocking(ctx.diagnostics, options.strict) && ctx.content?.config !== undefined;
  return { ok, context: ctx, counters: countersOf(ctx), timings, ms: performance.now() - started };
}
