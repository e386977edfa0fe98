import type { Root, Element, Properties } from 'hast';
import type { Options as Schema } from 'rehype-sanitize';
import { rehypeSanitize, visit } from '../../vendor/unified.js';
import type { VFile } from 'vfile';

/** Options of rehypeUnsafeHtml. */
export interface Options {
  /** The sanitising schema (rehype-sanitize / hast-util-sanitize). */
  schema: Schema;
}

/** Elements whose removal is explained as a safety measure rather than an unknown tag. */
const ACTIVE = new Set(['script', 'style', 'iframe', 'object', 'embed', 'frame', 'frameset', 'form', 'link', 'meta', 'base', 'svg', 'math']);

/** Identifies an element across sanitising, which copies nodes but keeps their positions. */
function keyOf(node: Element): string | undefined {
  const p = node.position;
  // Nodes made by plugins may carry a position without a start or end (e.g. autolinked text in raw HTML).
  return p?.start?.offset !== undefined && p.end?.offset !== undefined ? `${node.tagName}@${p.start.offset}-${p.end.offset}` : undefined;
}

function presentKeys(properties: Properties | undefined): string[] {
  return Object.entries(properties ?? {})
    .filter(([, v]) => v !== undefined && v !== null && v !== false)
    .map(([k]) => k);
}

/** The HTML attribute an editor wrote for a hast property name (`onClick` → `onclick`, `className` → `class`). */
function attributeName(property: string): string {
  if (property === 'className') return 'class';
  if (property === 'htmlFor') return 'for';
  if (/^(data|aria)[A-Z]/.test(property)) return property.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
  return property.toLowerCase();
}

function elementReason(tagName: string, stripped: boolean): string {
  if (ACTIVE.has(tagName)) return `The raw HTML element <${tagName}> was removed: it could run code or change the page outside the article.`;
  return stripped
    ? `The raw HTML element <${tagName}> was removed with its content: it is not allowed in articles.`
    : `The raw HTML element <${tagName}> was removed: it is not allowed in articles (any text inside it is kept).`;
}

function attributeReason(tagName: string, property: string, value: unknown): string {
  const name = attributeName(property);
  if (/^on/i.test(property)) return `The attribute \`${name}\` on <${tagName}> was removed: inline event handlers run code.`;
  const scheme = /^\s*([a-z][a-z0-9+.-]*):/i.exec(String(value))?.[1];
  if (scheme && /^(href|src|cite|poster|action|formAction|longDesc)$/.test(property)) {
    const why = /^(javascript|vbscript)$/i.test(scheme) ? 'as they can run code' : 'in articles';
    return `The \`${name}\` of <${tagName}> was removed: \`${scheme.toLowerCase()}:\` URLs are not allowed ${why}.`;
  }
  return `The attribute \`${name}\` on <${tagName}> was removed: it is not allowed in articles.`;
}

/**
 * Sanitises the tree with rehype-sanitize and reports, at the place it was written, each element
 * and each attribute that sanitising removed (one warning each), so the editor knows the page
 * differs from the Markdown. Elements the pipeline made without a source position are trusted.
 */
export default function rehypeUnsafeHtml(options: Options) {
  const sanitize = rehypeSanitize(options.schema);
  const strip = new Set(options.schema.strip ?? ['script']);
  return (tree: Root, file: VFile): Root => {
    // Sanitising builds a new tree, so the original is still there to compare against.
    const clean = sanitize(tree);
    const after = new Map<string, Properties>();
    visit(clean, 'element', (node: Element) => {
      const key = keyOf(node);
      if (key) after.set(key, node.properties ?? {});
    });
    const compare = (node: Element, insideRemoved: boolean) => {
      const key = keyOf(node);
      const kept = key ? after.get(key) : undefined;
      const place = node.position;
      if (key && !kept) {
        // One warning for the outermost removed element covers what it held.
        if (!insideRemoved) file.message(elementReason(node.tagName, strip.has(node.tagName)), { place, ruleId: 'raw-html-removed', source: 'body' });
        if (strip.has(node.tagName)) return;
      }
      if (key && kept) {
        for (const property of presentKeys(node.properties)) {
          const value = kept[property];
          if (value === undefined || value === null || value === false) {
            file.message(attributeReason(node.tagName, property, node.properties[property]), { place, ruleId: 'raw-html-removed', source: 'body' });
          }
        }
      }
      for (const child of node.children) if (child.type === 'element') compare(child, insideRemoved || Boolean(key && !kept));
    };
    for (const child of tree.children) if (child.type === 'element') compare(child, false);
    return clean;
  };
}
