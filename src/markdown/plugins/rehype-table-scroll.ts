import type { Root, Element } from 'hast';
import { visit } from '../../vendor/unified.js';

/** Options of rehypeTableScroll. */
export interface Options {
  /** Accessible name of the scrolling region. */
  label?: string;
}

/** Wraps each table in a focusable region that scrolls sideways on small screens. */
export default function rehypeTableScroll(options: Options = {}) {
  const label = options.label ?? 'Table';
  return (tree: Root) => {
    visit(tree, 'element', (node: Element, index, parent) => {
      if (node.tagName !== 'table' || !parent || index === undefined) return;
      parent.children[index] = {
        type: 'element',
        tagName: 'div',
        properties: { className: ['table-scroll'], tabIndex: 0, role: 'region', ariaLabel: label },
        children: [node],
      };
      return 'skip';
    });
  };
}
