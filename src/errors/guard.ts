/**
 * One file's problem never stops the run: every stage that works file by file runs each file's
 * work through these guards, so an exception becomes that file's positioned
 * `internal:article-failed` error and the other files go on.
 */
import { diagnose } from './diagnostics.js';
import type { Diagnostic, Position } from './types.js';
import { UsageError } from './types.js';

/** The `internal:article-failed` error for `file`, naming the stage and the exception. */
export function fileFailure(file: string, stage: string, error: unknown, position: Position = { line: 1, column: 1 }): Diagnostic {
  const reason = error instanceof Error ? error.message : String(error);
  return diagnose('internal:article-failed', file, `dateline failed while ${stage} this file (${reason}).`, { position });
}

/** Runs `work` for one file; an exception is recorded in `out` as that file's error and `fallback` is returned. */
export function guardFile<T>(file: string, stage: string, out: Diagnostic[], work: () => T, fallback: T, position?: Position): T {
  try {
    return work();
  } catch (error) {
    if (error instanceof UsageError) throw error;
    out.push(fileFailure(file, stage, error, position));
    return fallback;
  }
}

/** The asynchronous form of `guardFile`. */
export async function guardFileAsync<T>(file: string, stage: string, out: Diagnostic[], work: () => Promise<T>, fallback: T, position?: Position): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof UsageError) throw error;
    out.push(fileFailure(file, stage, error, position));
    return fallback;
  }
}

/** The files that have at least one error among `diagnostics`. */
export function filesWithErrors(diagnostics: readonly Diagnostic[], strict = false): Set<string> {
  return new Set(diagnostics.filter((d) => d.severity === 'error' || (strict && d.severity === 'warning')).map((d) => d.file));
}
