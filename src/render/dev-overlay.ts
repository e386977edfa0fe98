import type { Diagnostic } from '../errors/types.js';

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** One diagnostic as a list item: place, rule, message and hint. */
export function diagnosticItem(d: Diagnostic): string {
  const where = d.position ? `:${d.position.line}:${d.position.column}` : '';
  return `<li><p><code>${escapeHtml(d.file + where)}</code> <span class="rule">${escapeHtml(d.ruleId)}</span></p><p>${escapeHtml(d.message)}</p>${d.hint ? `<p class="hint">${escapeHtml(d.hint)}</p>` : ''}</li>`;
}

/**
 * The preview's warnings panel, added to every page while the last build had warnings: a
 * collapsed box in a corner that names the count and opens to the positioned list, so an editor
 * sees in the browser what the terminal says (removed raw HTML, a photo without a credit…).
 * Styles are inline and scoped so the page's own CSS neither changes it nor is changed.
 */
export function warningsOverlay(diagnostics: Diagnostic[]): string {
  const warnings = diagnostics.filter((d) => d.severity === 'warning');
  if (!warnings.length) return '';
  const n = warnings.length;
  return `<aside data-dateline-warnings lang="en" dir="ltr" style="position:fixed;inset-inline-end:1rem;inset-block-end:1rem;z-index:2147483647;max-inline-size:min(40rem,calc(100vw - 2rem));max-block-size:70vh;overflow:auto;background:#fffbe6;color:#222;border:2px solid #8a6d00;border-radius:6px;font:14px/1.45 system-ui,sans-serif;box-shadow:0 2px 10px rgba(0,0,0,.25)">
<details><summary style="cursor:pointer;padding:.5rem .8rem;font-weight:700">⚠ ${n} warning${n === 1 ? '' : 's'} in this preview</summary>
<style>[data-dateline-warnings] ul{margin:0;padding:0 .8rem .6rem}[data-dateline-warnings] li{list-style:none;margin:.5rem 0;padding:.3rem .6rem;border-inline-start:3px solid #8a6d00}[data-dateline-warnings] p{margin:.1rem 0}[data-dateline-warnings] .rule{color:#555;font-size:.85em}[data-dateline-warnings] .hint{color:#444}</style>
<ul>
${warnings.map(diagnosticItem).join('\n')}
</ul></details></aside>`;
}
