import type { Root } from 'mdast';
import { unified, remarkParse, remarkGfm, remarkDirective, visit, mdastToString as toString } from '../vendor/unified.js';

const parser = unified().use(remarkParse).use(remarkGfm).use(remarkDirective);

/**
 * Points every image of a Markdown body (`![alt](src)` and `<img src>` in raw HTML) at its new
 * reference, changing nothing else; an image resolved to undefined is removed.
 */
export async function rewriteMarkdownImages(md: string, resolve: (src: string) => Promise<string | undefined>): Promise<string> {
  const tree = parser.parse(md) as Root;
  const edits: { start: number; end: number; text: string }[] = [];
  const images: { start: number; end: number; url: string; alt: string; title: string | null | undefined }[] = [];
  visit(tree, 'image', (node) => {
    const start = node.position?.start.offset;
    const end = node.position?.end.offset;
    if (start !== undefined && end !== undefined) images.push({ start, end, url: node.url, alt: node.alt ?? '', title: node.title });
  });
  for (const img of images) {
    const ref = await resolve(img.url);
    if (ref === img.url) continue;
    const title = img.title ? ` "${img.title.replace(/"/g, '\\"')}"` : '';
    edits.push({ start: img.start, end: img.end, text: ref ? `![${img.alt.replace(/[[\]]/g, '\\$&')}](${/\s/.test(ref) ? `<${ref}>` : ref}${title})` : '' });
  }
  let out = md;
  for (const e of edits.sort((a, b) => b.start - a.start)) out = out.slice(0, e.start) + e.text + out.slice(e.end);
  // Raw HTML images.
  const html: { match: string; src: string }[] = [...out.matchAll(/<img\b[^>]*?\bsrc\s*=\s*["']([^"']+)["'][^>]*>/gi)].map((m) => ({ match: m[0], src: m[1]! }));
  for (const h of html) {
    const ref = await resolve(h.src);
    out = out.replace(h.match, ref ? h.match.replace(h.src, ref) : '');
  }
  return out;
}

/** The first paragraph of a Markdown body as plain text, cut to about 240 characters at a word. */
export function summaryFromMarkdown(md: string): string | undefined {
  const tree = parser.parse(md) as Root;
  for (const node of tree.children) {
    if (node.type !== 'paragraph') continue;
    const text = toString(node).replace(/\s+/g, ' ').trim();
    if (text.length < 2 || /^https?:\/\/\S+$/.test(text)) continue;
    if (text.length <= 240) return text;
    const cut = text.slice(0, 240);
    return cut.slice(0, cut.lastIndexOf(' ') > 120 ? cut.lastIndexOf(' ') : 240).replace(/[\s,;:.–—-]+$/, '') + '…';
  }
  return undefined;
}
