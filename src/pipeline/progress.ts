/**
 * What a build tells whoever shows its progress: each step as it starts and ends, and, within a
 * step that works through many items (photos, Markdown bodies, pages), how many are done. The
 * pipeline only calls it; the CLI decides what a person sees (src/cli/progress.ts).
 */
export interface ProgressReporter {
  /** A step starts. */
  stage(name: string): void;
  /** Within the current step, `done` of `total` items are finished. */
  items(done: number, total: number): void;
  /** The step ended after `ms` milliseconds. */
  stageEnd(name: string, ms: number): void;
}

/** A counter for a step's items that reports each finished one (or nothing without a reporter). */
export function itemCounter(progress: ProgressReporter | undefined, total: number, done = 0): (n?: number) => void {
  if (progress && total) progress.items(done, total);
  return (n = 1) => {
    done += n;
    progress?.items(done, total);
  };
}
