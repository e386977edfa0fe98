import type { Root, Element } from 'hast';
import { visit } from 'unist-util-visit';
import type { VFile } from 'vfile';

/** Options of rehypeUnsafeHtml. */
export interface Options {
  /** Elements that are removed with their content. */
  elements?: string[];
}

const DEFAULT_ELEMENTS = ['script', 'style', 'iframe', 'object', 'embed', 'frame', 'frameset', 'form', 'button', 'textarea', 'select', 'link', 'meta', 'base', 'svg', 'math'];
const URL_PROPS = ['href', 'src', 'action', 'formAction', 'xLinkHref', 'poster', 'cite'];

/**
 * Reports (never throws) what the sanitiser that runs next will remove from raw HTML:
 * script-like elements, inline event handlers and `javascript:` URLs, one warning each, at the
 * place it was written, so the editor knows the page differs from the Markdown.
 */
export default function rehypeUnsafeHtml(options: Options = {}) {
  const elements = new Set(options.elements ?? DEFAULT_ELEMENTS);
  return (tree: Root, file: VFile) => {
    visit(tree, 'element', (node: Element) => {
      const place = node.position;
      if (elements.has(node.tagName)) {
        file.message(`The raw HTML element <${node.tagName}> was removed: it could run code or change the page outside the article.`, { place, ruleId: 'raw-html-removed', source: 'body' });
        return 'skip';
      }
      for (const [key, value] of Object.entries(node.properties ?? {})) {
        if (/^on/i.test(key)) {
          file.message(`The attribute \`${key.toLowerCase()}\` on <${node.tagName}> was removed: inline event handlers run code.`, { place, ruleId: 'raw-html-removed', source: 'body' });
        } else if (URL_PROPS.includes(key) && /^\s*(javascript|vbscript|data):/i.test(String(value)) && !(key === 'src' && /^\s*data:image\//i.test(String(value)))) {
          file.message(`The \`${key}\` of <${node.tagName}> was removed: \`${String(value).split(':')[0]}:\` URLs can run code.`, { place, ruleId: 'raw-html-removed', source: 'body' });
        }
      }
      return undefined;
    });
  };
}
