import type { Root, Paragraph, Parent, RootContent, Text } from 'mdast';
import type { ContainerDirective, LeafDirective, TextDirective } from 'mdast-util-directive';
import type { VFile } from 'vfile';

/** Options of remarkDirectiveFallback. */
export interface Options {
  /** Directive names dateline knows, named in the warning. */
  known?: string[];
}

type Directive = ContainerDirective | LeafDirective | TextDirective;

/**
 * Runs after the plugins that handle directives: text directives (`10:30`, `Note:x`) were never
 * meant as directives and are restored as written; a container or leaf directive still left is
 * unknown, reported, and kept as plain content (a container's blocks, a leaf's literal text).
 */
export default function remarkDirectiveFallback(options: Options = {}) {
  const known = options.known ?? ['figure', 'pullquote', 'embed'];
  return (tree: Root, file: VFile) => {
    const source = String(file.value);
    const literal = (node: Directive): Text => {
      const start = node.position?.start.offset;
      const end = node.position?.end.offset;
      // `verbatim` keeps remark-typography away: the text is shown exactly as it was written.
      return { type: 'text', value: start !== undefined && end !== undefined ? source.slice(start, end) : `:${node.name}`, data: { verbatim: true } } as Text;
    };
    const walk = (parent: Parent) => {
      parent.children = parent.children.map((child): RootContent => {
        const node = child as RootContent;
        if (node.type === 'textDirective') return literal(node);
        if (node.type === 'containerDirective' || node.type === 'leafDirective') {
          const written = `${node.type === 'leafDirective' ? '::' : ':::'}${node.name}`;
          file.message(`The directive \`${written}\` is not one dateline knows (${known.join(', ')}), so it is shown as plain text.`, {
            place: node.position,
            ruleId: 'unknown-directive',
            source: 'body',
          });
          if (node.type === 'leafDirective') return { type: 'paragraph', children: [literal(node)] } as Paragraph;
          walk(node);
          const blocks = node.children.filter((c) => !(c.type === 'paragraph' && c.data?.directiveLabel));
          return { type: 'blockquote', data: { hName: 'div' }, children: blocks, position: node.position } as unknown as RootContent;
        }
        if ('children' in node) walk(node as Parent);
        return node;
      });
    };
    walk(tree);
  };
}
