import type { Root, Parent, PhrasingContent } from 'mdast';
import { visit } from '../../vendor/unified.js';

const OPEN_A = /^<a[\s>]/i;
const CLOSE_A = /^<\/a\s*>$/i;

/**
 * Keeps the text of a raw HTML link as text. CMS exports write links such as
 * `<a href="http://www.example.org/">www.example.org</a>`; GFM's autolink literal turns the
 * bare domain inside into a second link, which HTML cannot nest, so the page would show an
 * empty link followed by another one. A Markdown link between a raw `<a …>` and its `</a>`
 * is replaced by its text.
 */
export default function remarkRawLinkText() {
  return (tree: Root): void => {
    visit(tree, (node) => {
      if (!('children' in node)) return;
      const parent = node as Parent;
      if (!parent.children.some((c) => c.type === 'html' && OPEN_A.test(c.value))) return;
      let depth = 0;
      const children: typeof parent.children = [];
      for (const child of parent.children) {
        if (child.type === 'html') {
          if (OPEN_A.test(child.value)) depth++;
          else if (CLOSE_A.test(child.value.trim())) depth = Math.max(0, depth - 1);
        }
        if (depth > 0 && child.type === 'link') children.push(...(child.children as PhrasingContent[]));
        else children.push(child);
      }
      parent.children = children;
    });
  };
}
