import type { Root, Parent, PhrasingContent, RootContent, Image, Paragraph } from 'mdast';
import type { ContainerDirective } from 'mdast-util-directive';
import type { VFile } from 'vfile';

/** Options of remarkFigure. */
export interface Options {
  /** Name of the container directive that holds an image with its caption and credit. */
  name?: string;
}

const span = (className: string, children: PhrasingContent[]): PhrasingContent =>
  ({ type: 'emphasis', data: { hName: 'span', hProperties: { className: [className] } }, children }) as PhrasingContent;

function trimPhrasing(nodes: PhrasingContent[]): PhrasingContent[] {
  const out = nodes.filter((n) => n.type !== 'break');
  const first = out[0];
  if (first?.type === 'text') first.value = first.value.replace(/^\s+/, '');
  const last = out[out.length - 1];
  if (last?.type === 'text') last.value = last.value.replace(/\s+$/, '');
  return out.filter((n) => !(n.type === 'text' && n.value === ''));
}

/** `<figure><img><figcaption><span class="caption">…</span> <span class="credit">…</span></figcaption></figure>`. */
function figure(image: Image, caption: PhrasingContent[], credit: string | undefined, position: RootContent['position']): RootContent {
  const parts: PhrasingContent[] = [];
  if (caption.length) parts.push(span('caption', caption));
  if (caption.length && credit) parts.push({ type: 'text', value: ' ' });
  if (credit) parts.push(span('credit', [{ type: 'text', value: credit }]));
  // The image sits directly in the figure, with no paragraph around it.
  const children = [image as unknown as RootContent];
  if (parts.length) children.push({ type: 'paragraph', data: { hName: 'figcaption' }, children: parts } as Paragraph);
  return { type: 'blockquote', data: { hName: 'figure' }, children, position } as unknown as RootContent;
}

function imageOnly(p: Paragraph): Image | undefined {
  const meaningful = p.children.filter((c) => !(c.type === 'text' && c.value.trim() === ''));
  return meaningful.length === 1 && meaningful[0]!.type === 'image' ? meaningful[0] : undefined;
}

/** The figure a `:::figure{credit="…"}` directive describes: its first image, the rest of its paragraphs the caption. */
function directiveFigure(node: ContainerDirective, file: VFile): RootContent {
  const blocks = node.children.filter((c) => !(c.type === 'paragraph' && c.data?.directiveLabel));
  const firstPara = blocks.find((c): c is Paragraph => c.type === 'paragraph' && c.children.some((x) => x.type === 'image'));
  const image = firstPara?.children.find((x): x is Image => x.type === 'image');
  if (!image) {
    file.message('A `:::figure` needs one image, written `![description](photo.jpg)`; its text is shown as plain paragraphs.', { place: node.position, ruleId: 'unknown-directive', source: 'body' });
    return { type: 'blockquote', data: { hName: 'div' }, children: blocks, position: node.position } as unknown as RootContent;
  }
  const caption: PhrasingContent[] = [];
  for (const block of blocks) {
    if (block.type !== 'paragraph') continue;
    const rest = block === firstPara ? block.children.filter((x) => x !== image) : block.children;
    if (caption.length && rest.length) caption.push({ type: 'text', value: ' ' });
    caption.push(...rest);
  }
  return figure(image, trimPhrasing(caption), node.attributes?.credit ?? undefined, node.position);
}

/**
 * Figures: a paragraph holding only an image becomes a figure (the image's title, if any, its
 * caption); `:::figure{credit="…"}` holds an image and caption paragraphs.
 */
export default function remarkFigure(options: Options = {}) {
  const name = options.name ?? 'figure';
  return (tree: Root, file: VFile) => {
    const walk = (parent: Parent) => {
      parent.children = parent.children.map((child): RootContent => {
        const node = child as RootContent;
        if (node.type === 'containerDirective' && node.name === name) return directiveFigure(node, file);
        if (node.type === 'paragraph' && parent.type !== 'blockquote') {
          const image = imageOnly(node);
          if (image) return figure(image, image.title ? [{ type: 'text', value: image.title }] : [], undefined, node.position);
        }
        if ('children' in node) walk(node as Parent);
        return node;
      });
    };
    walk(tree);
  };
}
