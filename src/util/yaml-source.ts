import type { Document, Node } from 'yaml';
import { isMap, isScalar, isSeq, LineCounter, parseDocument } from '../vendor/yaml.js';
import type { Position } from '../errors/types.js';
import { indentQuotedContinuations } from './yaml-lines.js';
import { curlyQuoteWarnings, explainYamlErrors, type YamlProblem } from './yaml-messages.js';

/** A YAML problem at a position in the file, with what to do where that is clear. */
export interface YamlIssue {
  message: string;
  position: Position;
  hint?: string;
}

/** A parsed YAML text that can say where each value was written. */
export interface YamlSource {
  /** The plain data (YAML 1.2 core schema: dates stay strings). */
  data: unknown;
  /** Syntax errors with their positions in the file: one per mistake, in an editor's words. */
  errors: YamlIssue[];
  /** Valid YAML that probably does not say what the writer meant (curly quotes as delimiters). */
  warnings: YamlIssue[];
  /** Where the value (or key) at `path` was written; falls back to the nearest parent. */
  positionOf(path: readonly (string | number)[], which?: 'key' | 'value'): Position;
}

/**
 * Parses YAML keeping node positions. `lineOffset` is the number of file lines
 * before the YAML text (1 for front matter after `---`), so positions point into the file.
 */
export function parseYamlSource(original: string, lineOffset = 0): YamlSource {
  let text = original;
  let lineCounter = new LineCounter();
  let doc: Document = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  // Old systems wrote a quoted value's continuation lines at column 0; read them as js-yaml does.
  let added = new Map<number, number>();
  const relaxed = doc.errors.length ? indentQuotedContinuations(text) : null;
  if (relaxed) {
    text = relaxed.text;
    added = relaxed.added;
    lineCounter = new LineCounter();
    doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  }
  const at = (line: number, col: number): Position => ({ line: line + 1 + lineOffset, column: Math.max(1, col + 1 - (added.get(line) ?? 0)) });
  const toPos = (offset: number): Position => {
    const p = lineCounter.linePos(offset);
    return at(p.line - 1, p.col - 1);
  };
  const start: Position = { line: 1 + lineOffset, column: 1 };
  const issue = (p: YamlProblem): YamlIssue => ({ message: p.message, position: at(p.line, p.column), ...(p.hint ? { hint: p.hint } : {}) });
  const parserErrors = doc.errors.map((e) => {
    const p = lineCounter.linePos(e.pos[0]);
    return { code: e.code, line: p.line - 1, column: p.col - 1, message: e.message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '') };
  });
  const errors = explainYamlErrors(text, parserErrors).map(issue);
  const warnings = errors.length ? [] : curlyQuoteWarnings(text).map(issue);
  let data: unknown = null;
  if (errors.length === 0) {
    try {
      data = doc.toJS({ maxAliasCount: 100 });
    } catch (err) {
      errors.push({ message: (err as Error).message, position: start });
    }
  }
  return {
    data,
    errors,
    warnings,
    positionOf(path, which = 'value') {
      let node: unknown = doc.contents;
      let best: Position = start;
      let lastKey: Position = start;
      for (const key of path) {
        if (isMap(node)) {
          const pair = node.items.find((p) => (isScalar(p.key) ? p.key.value : p.key) === key);
          // A missing key is reported where its parent mapping's key was written.
          if (!pair) return lastKey;
          const keyNode = pair.key as Node | null;
          if (keyNode?.range) best = lastKey = toPos(keyNode.range[0]);
          if (which === 'key' && key === path[path.length - 1]) return best;
          node = pair.value;
        } else if (isSeq(node) && typeof key === 'number') {
          node = node.items[key];
        } else {
          return best;
        }
        const range = (node as Node | null)?.range;
        if (range) best = toPos(range[0]);
      }
      return best;
    },
  };
}
