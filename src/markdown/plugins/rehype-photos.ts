import type { Root, Element, ElementContent } from 'hast';
import { hastToString as toString, visit } from '../../vendor/unified.js';
import type { VFile } from 'vfile';
import type { BodyPhoto } from '../types.js';

/** Options of rehypePhotos. */
export interface Options {
  /** Lines before the body in the file, added to positions. */
  lineOffset?: number;
}

function findByClass(nodes: ElementContent[], className: string): Element | undefined {
  for (const n of nodes) {
    if (n.type !== 'element') continue;
    const cls = n.properties?.className;
    if (Array.isArray(cls) && cls.includes(className)) return n;
    const inner = findByClass(n.children, className);
    if (inner) return inner;
  }
  return undefined;
}

/** `decodeURI` that keeps a malformed path (`a%zz.jpg`) as written instead of throwing. */
function decodePath(src: string): string {
  try {
    return decodeURI(src);
  } catch {
    return src;
  }
}

/**
 * Turns every local photo into a marker `<img data-photo="x.jpg" alt="…">` for the render stage,
 * records it (with caption and credit from its figure) in `file.data.photos`, and reports photos
 * without alt text, paths that leave the bundle and photos loaded from other sites.
 */
export default function rehypePhotos(options: Options = {}) {
  const offset = options.lineOffset ?? 0;
  return (tree: Root, file: VFile) => {
    const photos: BodyPhoto[] = [];
    visit(tree, 'element', (node: Element, _index, parent) => {
      if (node.tagName !== 'img') return;
      const src = String(node.properties?.src ?? '');
      const alt = String(node.properties?.alt ?? '').trim();
      const place = node.position;
      const position = place ? { line: place.start.line + offset, column: place.start.column } : undefined;
      if (/^(https?:)?\/\//i.test(src)) {
        file.message(`The photo \`${src}\` is loaded from another site.`, { place, ruleId: 'remote', source: 'photo' });
        return;
      }
      const path = decodePath(src);
      if (src === '' || src.startsWith('/') || /^[a-z]+:/i.test(src) || path.split(/[/\\]/).includes('..')) {
        file.message(`The photo path \`${src}\` is not a file in the article’s folder.`, { place, ruleId: 'outside-bundle', source: 'photo' });
        node.properties = { alt };
        return;
      }
      if (!alt) file.message(`The photo \`${src}\` has no alt text.`, { place, ruleId: 'missing-alt', source: 'photo' });
      const photo: BodyPhoto = { src: path, alt };
      // Figures hold their image directly (`<figure><img><figcaption>`), so the parent is enough.
      if (parent && parent.type === 'element' && parent.tagName === 'figure') {
        const caption = findByClass(parent.children, 'caption');
        const credit = findByClass(parent.children, 'credit');
        if (caption) photo.caption = toString(caption);
        if (credit) photo.credit = toString(credit);
      }
      if (position) photo.position = position;
      photos.push(photo);
      node.properties = { dataPhoto: src, alt };
    });
    (file.data as { photos?: BodyPhoto[] }).photos = photos;
  };
}
