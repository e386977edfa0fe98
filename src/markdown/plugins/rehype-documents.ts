import type { Root, Element } from 'hast';
import { visit } from '../../vendor/unified.js';
import type { VFile } from 'vfile';
import { DOCUMENT } from '../../documents/kinds.js';
import type { BodyDocument } from '../types.js';

/** `decodeURI` that keeps a malformed path as written instead of throwing. */
function decodePath(src: string): string {
  try {
    return decodeURI(src);
  } catch {
    return src;
  }
}

/**
 * Finds links to documents beside the story (`[the ruling](ruling.pdf)`: PDF, CSV, office files,
 * audio…), marks each `<a href="ruling.pdf" data-document="ruling.pdf">` for the documents stage
 * to point at the published copy, and records them in `file.data.documents`. Links that leave the
 * bundle or carry a scheme are left to the link check.
 */
export default function rehypeDocuments() {
  return (tree: Root, file: VFile) => {
    const documents: BodyDocument[] = [];
    visit(tree, 'element', (node: Element) => {
      if (node.tagName !== 'a') return;
      const href = String(node.properties?.href ?? '');
      const target = decodePath(href.split(/[?#]/)[0]!);
      if (!DOCUMENT.test(target) || /^[a-z][a-z0-9+.-]*:|^\/|^#/i.test(href) || target.split(/[/\\]/).includes('..')) return;
      const place = node.position?.start;
      const doc: BodyDocument = { src: target, href };
      if (place) doc.position = { line: place.line, column: place.column };
      documents.push(doc);
      const { href: _href, ...rest } = node.properties;
      node.properties = { href, dataDocument: target, ...rest };
    });
    (file.data as { documents?: BodyDocument[] }).documents = documents;
  };
}
