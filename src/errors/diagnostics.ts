import type { Diagnostic, Position, Severity } from './types.js';
import { catalogue, type RuleEntry, type RuleId } from './catalogue.js';

/** Makes a diagnostic for a catalogued rule; the hint defaults to the catalogue's. */
export function diagnose(
  ruleId: RuleId,
  file: string,
  message: string,
  options: { position?: Position | undefined; hint?: string | undefined; severity?: Severity } = {},
): Diagnostic {
  const entry: RuleEntry = catalogue[ruleId];
  const d: Diagnostic = {
    file,
    severity: options.severity ?? entry.severity,
    ruleId,
    message,
  };
  if (options.position) d.position = options.position;
  const hint = options.hint ?? entry.hint;
  if (hint) d.hint = hint;
  return d;
}

/** True when any diagnostic is an error (or, under `strict`, a warning). */
export function hasBlocking(diagnostics: readonly Diagnostic[], strict = false): boolean {
  return diagnostics.some((d) => d.severity === 'error' || (strict && d.severity === 'warning'));
}

/** Orders diagnostics by file, then line, then column, for stable output. */
export function sortDiagnostics(diagnostics: readonly Diagnostic[]): Diagnostic[] {
  return [...diagnostics].sort(
    (a, b) =>
      a.file.localeCompare(b.file) ||
      (a.position?.line ?? 0) - (b.position?.line ?? 0) ||
      (a.position?.column ?? 0) - (b.position?.column ?? 0) ||
      a.ruleId.localeCompare(b.ruleId),
  );
}
