/**
 * A line-by-line reading of a YAML text as an editor writes it (`key: value` lines, `- ` items,
 * block scalars), used to name the real mistake when the parser fails and to relax the one
 * leniency old systems relied on. It is deliberately simple: it never decides whether a text is
 * valid (the `yaml` parser does), it only finds the line to talk about.
 */

/** One meaningful line: a `key: value` entry, a list item, or other text. */
export interface YamlLine {
  /** 0-based line index in the text. */
  index: number;
  text: string;
  /** Spaces before the first character (tabs stop the count). */
  indent: number;
  /** Column (0-based) of the key, after any `- ` list markers. */
  keyColumn: number;
  key?: string;
  /** The value after `key: `, without a trailing comment; '' when the key opens a block. */
  value?: string;
  /** 0-based column where the value starts. */
  valueColumn?: number;
  /** Column of the first tab in the leading whitespace. */
  tabAt?: number;
  /** Column of the first non-breaking space (pasted from a word processor) in the leading whitespace. */
  nbspAt?: number;
  /** The quoted value opened on this line is never closed. */
  unclosed?: boolean;
}

const KEY = /^((?:-[ \t]+)*)([^\s#'"[\]{}&*!|>%@`-][^#]*?|"(?:[^"\\]|\\.)*"|'(?:[^']|'')*'|-[^\s][^#]*?):(?:[ \t]+|$)(.*)$/;

/** Strips a ` # comment` from a plain value (a `#` inside quotes or a word stays). */
function withoutComment(value: string): string {
  if (/^["']/.test(value)) return value;
  return value.replace(/\s+#.*$/, '');
}

/** Reads the meaningful lines, skipping comments, blank lines and block-scalar content. */
export function yamlLines(text: string): YamlLine[] {
  const out: YamlLine[] = [];
  const lines = text.split('\n');
  let blockIndent = -1;
  for (let index = 0; index < lines.length; index++) {
    const raw = lines[index]!;
    const lead = /^[ \t\u00A0]*/.exec(raw)![0];
    const indent = /^ */.exec(raw)![0].length;
    if (blockIndent >= 0) {
      if (raw.trim() === '' || indent > blockIndent) continue;
      blockIndent = -1;
    }
    if (raw.trim() === '' || raw.trim().startsWith('#')) continue;
    const body = raw.slice(lead.length);
    const line: YamlLine = { index, text: raw, indent, keyColumn: lead.length };
    if (lead.includes('\t')) line.tabAt = lead.indexOf('\t');
    if (lead.includes('\u00A0')) line.nbspAt = lead.indexOf('\u00A0');
    const m = KEY.exec(body);
    if (m) {
      line.keyColumn = lead.length + m[1]!.length;
      line.key = m[2]!.replace(/^["']|["']$/g, '');
      const rest = m[3]!;
      line.value = withoutComment(rest).trimEnd();
      line.valueColumn = raw.length - rest.length;
      if (/^[|>][0-9+-]*$/.test(line.value)) blockIndent = line.keyColumn;
    }
    out.push(line);
    if (line.value !== undefined && /^["']/.test(line.value)) {
      const close = closingQuote(lines, index, line.valueColumn!);
      if (!close) {
        line.unclosed = true;
        break;
      }
      index = close.line;
    }
  }
  return out;
}

/** Where a quoted value opened on `line` closes: the 0-based [line, column] after it, or undefined if never. */
export function closingQuote(lines: readonly string[], line: number, column: number): { line: number; column: number } | undefined {
  const quote = lines[line]![column]!;
  let l = line;
  let c = column + 1;
  while (l < lines.length) {
    const text = lines[l]!;
    for (; c < text.length; c++) {
      const ch = text[c];
      if (quote === '"' && ch === '\\') c++;
      else if (ch === quote) {
        if (quote === "'" && text[c + 1] === "'") c++;
        else return { line: l, column: c + 1 };
      }
    }
    l++;
    c = 0;
  }
  return undefined;
}

/**
 * Indents the continuation lines of a quoted value that an old system wrote at column 0
 * (`note: "first line⏎second line"`), as js-yaml and Jekyll read them. Returns the new text and,
 * per changed 0-based line, how many spaces were added; null when nothing needed it.
 */
export function indentQuotedContinuations(text: string): { text: string; added: Map<number, number> } | null {
  const lines = text.split('\n');
  const added = new Map<number, number>();
  for (const entry of yamlLines(text)) {
    if (entry.value === undefined || entry.valueColumn === undefined || !/^["']/.test(entry.value)) continue;
    const close = closingQuote(lines, entry.index, entry.valueColumn);
    if (!close || close.line === entry.index) continue;
    const need = entry.keyColumn + 1;
    for (let l = entry.index + 1; l <= close.line; l++) {
      const indent = /^ */.exec(lines[l]!)![0].length;
      if (lines[l]!.trim() === '' || indent >= need) continue;
      lines[l] = ' '.repeat(need - indent) + lines[l];
      added.set(l, need - indent);
    }
  }
  return added.size ? { text: lines.join('\n'), added } : null;
}
