import { diagnose } from '../errors/diagnostics.js';
import type { Diagnostic } from '../errors/types.js';

/**
 * Characters that text pasted from a word processor brings along and nobody sees: zero-width
 * spaces, word joiners, stray byte-order marks, soft hyphens, and non-breaking spaces used as
 * indentation. Zero-width (non-)joiners and direction marks are not among them: Persian, Arabic
 * and emoji need them.
 */
const INVISIBLE: Record<string, string> = {
  '\u200B': 'A zero-width space (U+200B)',
  '\u2060': 'A word joiner (U+2060)',
  '\uFEFF': 'A zero-width no-break space (U+FEFF)',
  '\u00AD': 'A soft hyphen (U+00AD)',
};
const ANY = /[\u200B\u2060\uFEFF\u00AD]/g;
const NBSP_INDENT = /^[ \t]*\u00A0[ \t\u00A0]*/;

/** Positioned warnings for the invisible characters of a file (one per kind and line); `bodyLine` is where the body starts. */
export function findInvisible(text: string, file: string, bodyLine: number): Diagnostic[] {
  const out: Diagnostic[] = [];
  const lines = text.split('\n');
  lines.forEach((line, i) => {
    const inBody = i + 1 >= bodyLine;
    const rule = inBody ? 'body:invisible-character' : 'front-matter:invisible-character';
    const seen = new Set<string>();
    for (const m of line.matchAll(ANY)) {
      if (seen.has(m[0])) continue;
      seen.add(m[0]);
      const n = line.split(m[0]).length - 1;
      out.push(
        diagnose(rule, file, `${INVISIBLE[m[0]]} is hidden here${n > 1 ? ` (${n} on this line)` : ''}; readers cannot see it, but it splits words for search and breaks links and slugs.`, {
          position: { line: i + 1, column: m.index + 1 },
        }),
      );
    }
    // In front matter a non-breaking space as indentation is a YAML error, reported there.
    if (inBody && NBSP_INDENT.test(line)) {
      out.push(
        diagnose(rule, file, 'This line is indented with non-breaking spaces (U+00A0), as word processors paste them; Markdown does not read them as indentation.', {
          position: { line: i + 1, column: line.indexOf('\u00A0') + 1 },
        }),
      );
    }
  });
  return out;
}

/** Removes what is safe to remove: the invisible characters above, and non-breaking spaces in indentation (made spaces). */
export function cleanInvisible(text: string): { text: string; changes: number } {
  let changes = 0;
  const bom = text.startsWith('\uFEFF') ? '\uFEFF' : '';
  const cleaned = text
    .slice(bom.length)
    .split('\n')
    .map((line) => {
      const lead = NBSP_INDENT.exec(line)?.[0];
      if (lead) {
        changes += lead.split('\u00A0').length - 1;
        line = lead.replace(/\u00A0/g, ' ') + line.slice(lead.length);
      }
      return line.replace(ANY, () => (changes++, ''));
    })
    .join('\n');
  return { text: bom + cleaned, changes };
}
