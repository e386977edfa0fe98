import type { Element, Root } from 'hast';
import { visit } from '../../vendor/unified.js';
import { anchorKey } from '../anchor-key.js';

/**
 * Same-page links to a heading written the way a person reads it resolve: `#ما-الذي-حدث؟` (with
 * the question mark), `#الإقتصاد-السوري` (without the harakat the heading has) or a Persian
 * anchor with the zero-width non-joiner point to the id rehype-slug gave the heading. A link that
 * matches no id, even so, is left as it is (the link check reports it).
 */
export default function rehypeAnchorLinks() {
  return (tree: Root): void => {
    const ids = new Set<string>();
    visit(tree, 'element', (node: Element) => {
      if (typeof node.properties?.id === 'string') ids.add(node.properties.id);
    });
    const byKey = new Map<string, string>();
    for (const id of ids) if (!byKey.has(anchorKey(id))) byKey.set(anchorKey(id), id);
    visit(tree, 'element', (node: Element) => {
      const href = node.tagName === 'a' ? node.properties?.href : undefined;
      if (typeof href !== 'string' || !href.startsWith('#') || href.length < 2) return;
      let fragment = href.slice(1);
      try {
        fragment = decodeURIComponent(fragment);
      } catch {
        // keep as written
      }
      if (ids.has(fragment)) return;
      const id = byKey.get(anchorKey(fragment));
      if (id !== undefined) node.properties.href = `#${id}`;
    });
  };
}
