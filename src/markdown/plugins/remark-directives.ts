import type { Root, Parent, PhrasingContent, RootContent, Image, Paragraph, Text } from 'mdast';
import type { ContainerDirective, LeafDirective, TextDirective } from 'mdast-util-directive';
import type { VFile } from 'vfile';

/** Options of remarkDirectives. */
export interface Options {
  /** Container directives this plugin handles. */
  known?: string[];
}

type Directive = ContainerDirective | LeafDirective | TextDirective;

const span = (className: string, children: PhrasingContent[]): PhrasingContent =>
  ({ type: 'emphasis', data: { hName: 'span', hProperties: { className: [className] } }, children }) as PhrasingContent;

function trimPhrasing(nodes: PhrasingContent[]): PhrasingContent[] {
  const out = nodes.filter((n) => !(n.type === 'break'));
  const first = out[0];
  if (first?.type === 'text') first.value = first.value.replace(/^\s+/, '');
  const last = out[out.length - 1];
  if (last?.type === 'text') last.value = last.value.replace(/\s+$/, '');
  return out.filter((n) => !(n.type === 'text' && n.value === ''));
}

/** A `<figure>` of one image with an optional caption and credit. */
function figure(image: Image, caption: PhrasingContent[], credit: string | undefined, position: RootContent['position']): RootContent {
  const parts: PhrasingContent[] = [];
  if (caption.length) parts.push(span('caption', caption));
  if (caption.length && credit) parts.push({ type: 'text', value: ' ' });
  if (credit) parts.push(span('credit', [{ type: 'text', value: credit }]));
  const children: RootContent[] = [{ type: 'paragraph', data: { hName: 'div', hProperties: { className: ['figure__image'] } }, children: [image] } as Paragraph];
  if (parts.length) children.push({ type: 'paragraph', data: { hName: 'figcaption' }, children: parts } as Paragraph);
  return { type: 'blockquote', data: { hName: 'figure' }, children, position } as unknown as RootContent;
}

function isImageOnly(p: Paragraph): Image | undefined {
  const meaningful = p.children.filter((c) => !(c.type === 'text' && c.value.trim() === ''));
  return meaningful.length === 1 && meaningful[0]!.type === 'image' ? (meaningful[0] as Image) : undefined;
}

/**
 * Figures and pull quotes. A paragraph holding only an image becomes a figure (its title, if
 * any, the caption); `:::figure{credit="…"}` holds an image and a caption; `:::pullquote{cite="…"}`
 * a quotation. Unknown block directives are reported and kept as plain content; text directives
 * (`10:30`, `Note:x`) were never meant as directives and are restored as written.
 */
export default function remarkDirectives(options: Options = {}) {
  const known = new Set(options.known ?? ['figure', 'pullquote']);
  return (tree: Root, file: VFile) => {
    const source = String(file.value);
    const literal = (node: Directive): Text => ({
      type: 'text',
      value: node.position?.start.offset !== undefined && node.position.end.offset !== undefined ? source.slice(node.position.start.offset, node.position.end.offset) : `:${node.name}`,
    });
    const walk = (parent: Parent) => {
      parent.children = parent.children.map((child): RootContent => {
        const node = child as RootContent;
        if (node.type === 'textDirective') return literal(node);
        if (node.type === 'paragraph') {
          const image = isImageOnly(node);
          if (image && parent.type !== 'blockquote') return figure(image, image.title ? [{ type: 'text', value: image.title }] : [], undefined, node.position);
        }
        if (node.type === 'containerDirective' && node.name === 'figure') {
          const blocks = node.children.filter((c) => !(c.type === 'paragraph' && (c as Paragraph).data?.directiveLabel));
          const firstPara = blocks.find((c): c is Paragraph => c.type === 'paragraph' && c.children.some((x) => x.type === 'image'));
          const image = firstPara?.children.find((x): x is Image => x.type === 'image');
          if (!image) {
            file.message('A `:::figure` needs one image, written `![description](photo.jpg)`.', { place: node.position, ruleId: 'unknown-directive', source: 'body' });
            return { type: 'paragraph', children: [] } as Paragraph;
          }
          const caption: PhrasingContent[] = [];
          for (const block of blocks) {
            if (block.type !== 'paragraph') continue;
            const rest = block === firstPara ? block.children.filter((x) => x !== image) : block.children;
            if (caption.length && rest.length) caption.push({ type: 'text', value: ' ' });
            caption.push(...rest);
          }
          walk({ type: 'paragraph', children: caption } as Parent);
          return figure(image, trimPhrasing(caption), node.attributes?.credit ?? undefined, node.position);
        }
        if (node.type === 'containerDirective' && node.name === 'pullquote') {
          walk(node);
          const cite = node.attributes?.cite;
          const children = [...node.children] as RootContent[];
          if (cite) children.push({ type: 'paragraph', data: { hName: 'cite' }, children: [{ type: 'text', value: cite }] } as Paragraph);
          return { type: 'blockquote', data: { hProperties: { className: ['pullquote'] } }, children, position: node.position } as unknown as RootContent;
        }
        if (node.type === 'containerDirective' || node.type === 'leafDirective') {
          if (!known.has(node.name)) {
            file.message(`The directive \`${node.type === 'leafDirective' ? '::' : ':::'}${node.name}\` is not one dateline knows (figure, pullquote), so it is shown as plain text.`, {
              place: node.position,
              ruleId: 'unknown-directive',
              source: 'body',
            });
          }
          if (node.type === 'leafDirective') return { type: 'paragraph', children: [literal(node)] } as Paragraph;
          walk(node);
          return { type: 'blockquote', data: { hName: 'div' }, children: node.children, position: node.position } as unknown as RootContent;
        }
        if ('children' in node) walk(node as Parent);
        return node;
      });
    };
    walk(tree);
  };
}
