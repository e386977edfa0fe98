import pc from 'picocolors';
import type { Diagnostic } from '../errors/types.js';
import type { HeldBack } from '../pipeline/hold-back.js';

/** Formats diagnostics grouped by file, `line:col  severity  message  rule-id`, with hints below. */
export function formatDiagnostics(diagnostics: readonly Diagnostic[]): string {
  const lines: string[] = [];
  let current = '';
  for (const d of diagnostics) {
    if (d.file !== current) {
      if (current) lines.push('');
      lines.push(pc.underline(d.file));
      current = d.file;
    }
    const where = d.position ? `${d.position.line}:${d.position.column}` : '';
    const sev = d.severity === 'error' ? pc.red('error  ') : pc.yellow('warning');
    lines.push(`  ${where.padEnd(6)} ${sev}  ${d.message}  ${pc.dim(d.ruleId)}`);
    if (d.hint) lines.push(`  ${''.padEnd(6)} ${''.padEnd(7)}  ${pc.dim(d.hint)}`);
  }
  const errors = diagnostics.filter((d) => d.severity === 'error').length;
  const warnings = diagnostics.length - errors;
  if (diagnostics.length) {
    lines.push('');
    const parts = [];
    if (errors) parts.push(pc.red(`✖ ${errors} error${errors === 1 ? '' : 's'}`));
    if (warnings) parts.push(pc.yellow(`⚠ ${warnings} warning${warnings === 1 ? '' : 's'}`));
    lines.push(parts.join(', '));
  }
  return lines.join('\n');
}

/** GitHub Actions workflow commands, so problems show on the pull request's changed lines. */
export function formatAnnotations(diagnostics: readonly Diagnostic[]): string {
  const esc = (s: string) => s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
  const prop = (s: string) => esc(s).replace(/:/g, '%3A').replace(/,/g, '%2C');
  return diagnostics
    .map((d) => {
      const props = [`file=${prop(d.file)}`];
      if (d.position) props.push(`line=${d.position.line}`, `col=${d.position.column}`);
      props.push(`title=${prop(d.ruleId)}`);
      const text = d.hint ? `${d.message} ${d.hint}` : d.message;
      return `::${d.severity === 'error' ? 'error' : 'warning'} ${props.join(',')}::${esc(text)}`;
    })
    .join('\n');
}

/** `1,204` style numbers for the summary line. */
export function count(n: number, one: string, many = `${one}s`): string {
  // Grouped by hand: the first toLocaleString loads ICU's number data (~35 ms of a one-second up-to-date check).
  return `${String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ',')} ${n === 1 ? one : many}`;
}

/** The line that says how many stories `--keep-going` held back and why, e.g. `Held back 3 stories with errors (2 link:broken, 1 photo:not-found).`; empty when none. */
export function heldBackSummary(held: readonly HeldBack[]): string {
  if (held.length === 0) return '';
  const byRule = new Map<string, number>();
  for (const h of held) byRule.set(h.rule, (byRule.get(h.rule) ?? 0) + 1);
  const why = [...byRule].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).map(([rule, n]) => `${n} ${rule}`).join(', ');
  const kept = held.filter((h) => h.kept).length;
  const stories = held.length === 1 ? '1 story' : `${held.length.toLocaleString('en-US')} stories`;
  const keptText = kept ? `; ${kept.toLocaleString('en-US')} still published as ${kept === 1 ? 'it was' : 'they were'} before` : '';
  return `Held back ${stories} with errors (${why})${keptText}.`;
}
