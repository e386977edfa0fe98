import type { Root, Paragraph, RootContent } from 'mdast';
import type { ContainerDirective } from 'mdast-util-directive';
import { visit } from '../../vendor/unified.js';

/** Options of remarkPullquote. */
export interface Options {
  /** Name of the container directive. */
  name?: string;
}

/** `:::pullquote{cite="Name"}` → `<blockquote class="pullquote"><p>…</p><cite>Name</cite></blockquote>`. */
export default function remarkPullquote(options: Options = {}) {
  const name = options.name ?? 'pullquote';
  return (tree: Root) => {
    visit(tree, 'containerDirective', (node: ContainerDirective, index, parent) => {
      if (node.name !== name || !parent || index === undefined) return;
      const cite = node.attributes?.cite;
      const children = node.children.filter((c) => !(c.type === 'paragraph' && c.data?.directiveLabel)) as RootContent[];
      if (cite) children.push({ type: 'paragraph', data: { hName: 'cite' }, children: [{ type: 'text', value: cite }] } as Paragraph);
      parent.children[index] = { type: 'blockquote', data: { hProperties: { className: ['pullquote'] } }, children, position: node.position } as never;
    });
  };
}
