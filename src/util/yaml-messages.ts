import { yamlLines, type YamlLine } from './yaml-lines.js';

/** A YAML problem in an editor's words, at a 0-based line and column of the YAML text. */
export interface YamlProblem {
  line: number;
  column: number;
  message: string;
  hint?: string;
}

/** A parser error: its code and the 0-based line of its offset. */
export interface ParserError {
  code: string;
  line: number;
  column: number;
  message: string;
}

const CURLY_OPEN = /^[“”„‘’‚«»]/;
const CURLY_CLOSE = /[“”‘’«»]$/;

const code = (s: string) => `\`${s}\``;
const spaces = (n: number) => `${n} space${n === 1 ? '' : 's'}`;

/** `key: "value"` with the value's straight-quoted form, for hints. */
function quoted(line: YamlLine, value = line.value ?? ''): string {
  return `${line.key}: "${value.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}

/** The key lines above `i` that are still open at that point (its possible parents and siblings). */
function ancestors(lines: readonly YamlLine[], i: number): YamlLine[] {
  const open: YamlLine[] = [];
  for (let j = 0; j < i; j++) {
    const l = lines[j]!;
    if (l.key === undefined) continue;
    while (open.length && open[open.length - 1]!.keyColumn >= l.keyColumn) open.pop();
    open.push(l);
  }
  return open;
}

/** The mistake a single line makes, judged against the lines above it; undefined if it looks right. */
function lineMistake(lines: readonly YamlLine[], i: number): YamlProblem | undefined {
  const line = lines[i]!;
  const at = (column: number, message: string, hint?: string): YamlProblem => ({ line: line.index, column, message, ...(hint ? { hint } : {}) });
  if (line.tabAt !== undefined) {
    return at(line.tabAt, `This line is indented with a tab; YAML indentation must be spaces.`, 'Replace the tab with spaces, lining the key up with the keys it belongs with (two spaces per level is usual).');
  }
  if (line.nbspAt !== undefined) {
    return at(line.nbspAt, 'This line is indented with non-breaking spaces (U+00A0), as word processors paste them; YAML indentation must be plain spaces.', 'Run `dateline check --fix` to make them plain spaces, or retype the indentation.');
  }
  if (line.unclosed) {
    const q = line.value![0]!;
    return at(line.valueColumn!, `The ${q === '"' ? 'double' : 'single'} quote that opens the value of ${code(line.key + ':')} is never closed.`, q === '"' ? 'End the value with a closing `"`; write a `"` inside the value as `\\"`.' : "End the value with a closing `'`; write a `'` inside the value as `''`.");
  }
  if (line.key !== undefined && line.value) {
    const v = line.value;
    if (/^["']/.test(v)) {
      const q = v[0]!;
      let end = 1;
      for (; end < v.length; end++) {
        if (q === '"' && v[end] === '\\') end++;
        else if (v[end] === q) {
          if (q === "'" && v[end + 1] === "'") end++;
          else break;
        }
      }
      const after = v.slice(end + 1).trim();
      if (end < v.length && after && !after.startsWith('#')) {
        return at(line.valueColumn! + end + 1, `The value of ${code(line.key + ':')} goes on after its closing quote (${code(after)}).`, `Quote the whole value, writing quotes inside it as \\": ${quoted(line, v.slice(1, end) + v.slice(end))}`);
      }
    } else if (!/^[[{|>&*!]/.test(v) && /:(\s|$)/.test(v)) {
      if (CURLY_OPEN.test(v)) {
        const inner = v.replace(CURLY_OPEN, '').replace(CURLY_CLOSE, '');
        return at(line.valueColumn!, `The value of ${code(line.key + ':')} is in curly quotes, which YAML does not read as quotes, so the \`: \` inside it starts another key.`, `Use straight quotes: ${quoted(line, inner)}`);
      }
      return at(line.valueColumn! + v.search(/:(\s|$)/), `The value of ${code(line.key + ':')} contains \`: \`, which YAML reads as the start of another key.`, `Put the value in quotes: ${quoted(line)}`);
    }
  }
  if (line.key === undefined) return undefined;
  const prev = lines[i - 1];
  if (prev?.key !== undefined && prev.value && !/^[|>[{]/.test(prev.value) && line.keyColumn > prev.keyColumn) {
    return at(line.keyColumn, `${code(line.key + ':')} is indented more than ${code(prev.key + ':')} on the line above (${spaces(line.keyColumn)} against ${spaces(prev.keyColumn)}), so YAML reads it as part of the value of ${code(prev.key)}.`, `Line it up with ${code(prev.key + ':')}.`);
  }
  if (prev?.key !== undefined && prev.value === '' && line.keyColumn > prev.keyColumn) return undefined;
  const open = ancestors(lines, i);
  if (open.length && !open.some((l) => l.keyColumn === line.keyColumn)) {
    const sibling = [...open].reverse().find((l) => l.keyColumn > line.keyColumn) ?? open[open.length - 1]!;
    const parent = [...open].reverse().find((l) => l.keyColumn < line.keyColumn);
    const choices = [`${code(sibling.key + ':')} (${spaces(sibling.keyColumn)})`];
    if (parent && parent !== sibling) choices.push(`${code(parent.key + ':')} (${spaces(parent.keyColumn)})`);
    return at(line.keyColumn, `${code(line.key + ':')} is indented ${spaces(line.keyColumn)}, which lines it up with no key above it.`, `Line it up with ${choices.join(' or with ')}.`);
  }
  return undefined;
}

/** Rewords a parser error that no line-level reading explained. */
function parserProblem(e: ParserError, lines: readonly YamlLine[]): YamlProblem {
  const line = lines.find((l) => l.index === e.line);
  if (e.code === 'DUPLICATE_KEY' && line?.key !== undefined) {
    return { line: e.line, column: line.keyColumn, message: `${code(line.key + ':')} is written twice; each key may appear once.`, hint: 'Keep one of them (the other is a leftover or a typo for another key).' };
  }
  return { line: e.line, column: e.column, message: `${e.message.replace(/\.$/, '')}.` };
}

/**
 * Names the real mistakes behind the parser's errors: one problem per mistake, on the line of the
 * mistake (a tab, a key indented out of line, a value with `: ` or curly quotes, an unclosed
 * quote), falling back to the parser's own words for anything else.
 */
export function explainYamlErrors(text: string, errors: readonly ParserError[]): YamlProblem[] {
  if (!errors.length) return [];
  const lines = yamlLines(text);
  const problems: YamlProblem[] = [];
  for (let i = 0; i < lines.length; i++) {
    const p = lineMistake(lines, i);
    if (p) problems.push(p);
    if (lines[i]!.unclosed) break;
  }
  const explained = (line: number) => problems.some((p) => Math.abs(p.line - line) <= 1 || (lines.find((l) => l.unclosed)?.index ?? Infinity) <= line);
  const seen = new Set<number>();
  for (const raw of errors) {
    // An error reported on a comment or blank line belongs to the next line that says something.
    const next = lines.find((l) => l.index >= raw.line);
    const e = next && next.index !== raw.line ? { ...raw, line: next.index, column: next.keyColumn } : raw;
    if (explained(e.line) || seen.has(e.line)) continue;
    seen.add(e.line);
    problems.push(parserProblem(e, lines));
  }
  return problems.sort((a, b) => a.line - b.line || a.column - b.column);
}

/** Values wrapped in curly quotes (`title: “…”`): YAML keeps the quotes as text, so they reach the page. */
export function curlyQuoteWarnings(text: string): YamlProblem[] {
  const out: YamlProblem[] = [];
  for (const line of yamlLines(text)) {
    const v = line.value;
    if (line.key === undefined || !v || v.length < 2 || !CURLY_OPEN.test(v) || !CURLY_CLOSE.test(v)) continue;
    const inner = v.slice(1, -1);
    out.push({
      line: line.index,
      column: line.valueColumn!,
      message: `The value of ${code(line.key + ':')} is wrapped in curly quotes (${v[0]}…${v[v.length - 1]}); YAML keeps them as part of the text, so they show on the page.`,
      hint: `To quote a value, use straight quotes: ${quoted(line, inner)}; to show quotation marks, put them inside straight quotes.`,
    });
  }
  return out;
}
