/** How serious a content problem is: errors stop a build, warnings do not (unless `--strict`). */
export type Severity = 'error' | 'warning';

/** A 1-based position in a source file. */
export interface Position {
  line: number;
  column: number;
}

/** One content problem, tied to a file and (where known) a position in it. */
export interface Diagnostic {
  /** Path of the file, relative to the project root, with forward slashes. */
  file: string;
  /** Where in the file; absent for problems with the file as a whole. */
  position?: Position;
  severity: Severity;
  /** Permanent kebab-case id, `source:rule`, e.g. `front-matter:invalid-date`. */
  ruleId: string;
  /** What happened and why, in a full sentence. */
  message: string;
  /** What to do about it, in a full sentence. */
  hint?: string;
}

/** Thrown for bad flags or configuration: the CLI exits 2 with the message. */
export class UsageError extends Error {
  override name = 'UsageError';
}

/** Thrown when content problems stop a build; carries every diagnostic found. */
export class ContentError extends Error {
  override name = 'ContentError';
  constructor(public readonly diagnostics: Diagnostic[]) {
    super(`${diagnostics.filter((d) => d.severity === 'error').length} content error(s)`);
  }
}
