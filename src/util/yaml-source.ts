import { isMap, isScalar, isSeq, LineCounter, parseDocument, type Document, type Node } from 'yaml';
import type { Position } from '../errors/types.js';

/** A parsed YAML text that can say where each value was written. */
export interface YamlSource {
  /** The plain data (YAML 1.2 core schema: dates stay strings). */
  data: unknown;
  /** Syntax errors with their positions in the file. */
  errors: { message: string; position: Position }[];
  /** Where the value (or key) at `path` was written; falls back to the nearest parent. */
  positionOf(path: readonly (string | number)[], which?: 'key' | 'value'): Position;
}

/**
 * Parses YAML keeping node positions. `lineOffset` is the number of file lines
 * before the YAML text (1 for front matter after `---`), so positions point into the file.
 */
export function parseYamlSource(text: string, lineOffset = 0): YamlSource {
  const lineCounter = new LineCounter();
  const doc: Document = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const toPos = (offset: number): Position => {
    const p = lineCounter.linePos(offset);
    return { line: p.line + lineOffset, column: p.col };
  };
  const start: Position = { line: 1 + lineOffset, column: 1 };
  const errors = doc.errors.map((e) => ({
    message: e.message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, ''),
    position: e.pos ? toPos(e.pos[0]) : start,
  }));
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
