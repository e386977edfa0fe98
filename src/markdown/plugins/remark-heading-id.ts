import type { Heading, Root } from 'mdast';
import { visit } from '../../vendor/unified.js';

/** `{#id}` at the end of a heading: letters (any script), digits, `-`, `_`, `.` and `:`. */
const CUSTOM_ID = /[ \t]*\{#([\p{L}\p{N}\p{M}_.:-]+)\}[ \t]*$/u;

/**
 * Custom heading ids as Hugo, kramdown and Pandoc write them: `## Reaction {#reaction}` becomes
 * `<h2 id="reaction">Reaction</h2>`. The marker is removed from the heading's text; rehype-slug
 * keeps an id that is already there, so other headings still get theirs from their text.
 */
export default function remarkHeadingId() {
  return (tree: Root): void => {
    visit(tree, 'heading', (heading: Heading) => {
      const last = heading.children[heading.children.length - 1];
      if (last?.type !== 'text') return;
      const m = CUSTOM_ID.exec(last.value);
      if (!m) return;
      last.value = last.value.slice(0, m.index);
      if (last.value === '') heading.children.pop();
      heading.data = { ...heading.data, hProperties: { ...heading.data?.hProperties, id: m[1]! } };
    });
  };
}
