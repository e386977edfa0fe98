import type { Element, ElementContent, Root as HastRoot, RootContent as HastContent } from 'hast';
import type { Image, Paragraph, RootContent, Root } from 'mdast';
import { hastToString as toString, unified, rehypeParse, rehypeRemark, remarkGfm, remarkDirective, remarkStringify } from '../vendor/unified.js';
import type { State } from 'hast-util-to-mdast';
import { embedBlock, embedProvider } from './embeds.js';
import type { ImportNote } from './types.js';

/** What the converter needs from its caller. */
export interface ConvertContext {
  /** The new reference of an image (a file name in the bundle, or the URL), or undefined to drop it. */
  resolveImage: (src: string) => Promise<string | undefined>;
  /** Warnings for the report. */
  notes: ImportNote[];
}

const parser = unified().use(rehypeParse, { fragment: true });

/** Options of remark-stringify shared by every importer, so imported Markdown looks alike. */
export const stringifyOptions = { bullet: '-', emphasis: '_', strong: '*', fences: true, rule: '-', listItemIndent: 'one', resourceLink: false } as const;

const classes = (el: Element): string[] => {
  const c: unknown = el.properties?.className;
  return Array.isArray(c) ? c.map(String) : typeof c === 'string' ? c.split(/\s+/) : [];
};

function* elements(node: HastRoot | Element): Generator<Element> {
  for (const child of node.children) {
    if (child.type !== 'element') continue;
    yield child;
    yield* elements(child);
  }
}

const CREDIT = /\s*[([]?\s*((?:(?:photo(?:graph)?s?|pictures?|images?|foto)\s*(?::|\/|\s+by\b|\s+courtesy\b)|credits?\s*:|courtesy\s+(?:of\s+)?)\s*[^()[\]]+?)\s*[)\]]?\s*$/i;

/** Splits `Caption text. Photo: Jane Doe` into a caption and a credit. */
export function splitCredit(text: string): { caption?: string; credit?: string } {
  const t = text.replace(/\s+/g, ' ').trim();
  const m = CREDIT.exec(t);
  if (m && m.index > 0) {
    const caption = t.slice(0, m.index).trim();
    if (caption) return { caption, credit: m[1]!.trim() };
  }
  if (m && m.index === 0 && /^(?:photo|credit|courtesy|image)/i.test(t)) return { credit: m[1]!.trim() };
  return t ? { caption: t } : {};
}

function figureDirective(image: Image, captionText: string, credit?: string): RootContent {
  const split = credit ? { caption: captionText.replace(/\s+/g, ' ').trim(), credit } : splitCredit(captionText);
  const children: Paragraph[] = [{ type: 'paragraph', children: [image] }];
  if (split.caption) children.push({ type: 'paragraph', children: [{ type: 'text', value: split.caption }] });
  return { type: 'containerDirective', name: 'figure', attributes: split.credit ? { credit: split.credit } : {}, children } as RootContent;
}

function findFirst(el: Element, tag: string): Element | undefined {
  for (const e of elements(el)) if (e.tagName === tag) return e;
  return undefined;
}

/** Handlers that make dateline's own Markdown out of figures, pull quotes and embeds. */
function handlers(notes: ImportNote[]) {
  return {
    figure(state: State, node: Element): RootContent | RootContent[] | undefined {
      const cls = classes(node);
      if (cls.some((c) => /pullquote/.test(c))) return pullquote(state, node);
      const nested = [...elements(node)].some((e) => e.tagName === 'figure');
      const imgs = [...elements(node)].filter((e) => e.tagName === 'img');
      if (nested || imgs.length !== 1) return state.toFlow(state.all(node));
      const caption = findFirst(node, 'figcaption');
      const image = state.one(imgs[0]!, node) as Image;
      const credit = node.properties?.dataCredit ? String(node.properties.dataCredit) : undefined;
      return figureDirective(image, caption ? toString(caption) : String(imgs[0]!.properties?.title ?? ''), credit);
    },
    'dateline-embed'(_state: State, node: Element): RootContent {
      return embedBlock(String(node.properties?.dataUrl ?? ''), notes);
    },
    blockquote(state: State, node: Element): RootContent | RootContent[] {
      if (classes(node).some((c) => /pullquote/.test(c))) return pullquote(state, node);
      return { type: 'blockquote', children: state.toFlow(state.all(node)) } as RootContent;
    },
    iframe(_state: State, node: Element): RootContent | undefined {
      const src = String(node.properties?.src ?? '');
      return src ? embedBlock(src, notes) : undefined;
    },
    script(): undefined {
      return undefined;
    },
  };
}

function pullquote(state: State, node: Element): RootContent {
  const cite = findFirst(node, 'cite');
  const citeText = cite ? toString(cite).replace(/^[\s—–-]+/, '').trim() : '';
  if (cite) removeElement(node, cite);
  const quote = findFirst(node, 'blockquote') ?? node;
  const inner = quote === node ? state.all(node) : state.all(quote);
  return { type: 'containerDirective', name: 'pullquote', attributes: citeText ? { cite: citeText } : {}, children: state.toFlow(inner) } as RootContent;
}

function removeElement(root: Element, target: Element): void {
  for (const e of [root, ...elements(root)]) {
    const i = e.children.indexOf(target);
    if (i >= 0) {
      e.children.splice(i, 1);
      return;
    }
  }
}

/** Turns embeds in raw HTML (tweets, players, `<dateline-embed>`) into one element each, and resolves images. */
async function prepare(tree: HastRoot, ctx: ConvertContext): Promise<void> {
  const walk = async (parent: HastRoot | Element): Promise<void> => {
    const kept: (HastContent | ElementContent)[] = [];
    for (const child of parent.children) {
      if (child.type === 'element') {
        const el = child;
        if (el.tagName === 'blockquote' && classes(el).some((c) => /twitter-tweet|instagram-media|tiktok-embed/.test(c))) {
          const links = [...elements(el)].filter((e) => e.tagName === 'a').map((a) => String(a.properties?.href ?? ''));
          const url = links.reverse().find((h) => embedProvider(h)) ?? links[0];
          if (url) {
            kept.push(embedElement(url));
            continue;
          }
        }
        if (el.tagName === 'img') {
          if (await resolveImg(el, ctx)) kept.push(el);
          continue;
        }
        if (el.tagName === 'a' && el.children.filter((c) => !(c.type === 'text' && !c.value.trim())).length === 1) {
          // A photo linked to its own file or attachment page is the photo alone.
          const only = el.children.find((c) => c.type === 'element');
          const href = String(el.properties?.href ?? '');
          if (only?.type === 'element' && only.tagName === 'img' && (/\.(?:jpe?g|png|gif|webp|avif)(?:\?.*)?$/i.test(href) || /attachment/.test(href))) {
            if (await resolveImg(only, ctx)) kept.push(only);
            continue;
          }
        }
        if (el.tagName === 'script' || el.tagName === 'style' || el.tagName === 'noscript') continue;
        await walk(el);
      }
      kept.push(child);
    }
    parent.children = kept as never;
  };
  await walk(tree);
}

/** Points an `<img>` at its new reference; false when the image is left out. */
async function resolveImg(el: Element, ctx: ConvertContext): Promise<boolean> {
  const src = String(el.properties?.src ?? '');
  const ref = src ? await ctx.resolveImage(src) : undefined;
  if (!ref) return false;
  el.properties = { src: ref, alt: String(el.properties?.alt ?? ''), ...(el.properties?.title ? { title: String(el.properties.title) } : {}) };
  return true;
}

/** A placeholder element the converter turns into an embed. */
export function embedElement(url: string): Element {
  return { type: 'element', tagName: 'dateline-embed', properties: { dataUrl: url }, children: [] };
}

/** HTML of a story body → dateline Markdown (GFM, figure and pull-quote directives, embeds). */
export async function htmlToMarkdown(html: string, ctx: ConvertContext): Promise<string> {
  const hast = parser.parse(html) as HastRoot;
  await prepare(hast, ctx);
  const processor = unified()
    .use(rehypeRemark, {
      handlers: handlers(ctx.notes) as never,
      nodeHandlers: {
        comment: (_state: State, node: { value: string }) => (/^\s*more\b/.test(node.value) ? { type: 'html', value: '<!-- more -->' } : undefined),
      } as never,
    })
    .use(remarkGfm)
    .use(remarkDirective)
    .use(remarkStringify, stringifyOptions);
  const mdast = (await processor.run(hast as never)) as Root;
  return tidy(processor.stringify(mdast));
}

/** Removes empty paragraphs and trailing spaces the conversion leaves. */
function tidy(md: string): string {
  return md.replace(/[ \t]+$/gm, '').replace(/\n{3,}/g, '\n\n').trim() + '\n';
}

/** Plain text of an HTML fragment (summaries, captions): tags removed, entities decoded, spaces collapsed. */
export function htmlToText(html: string): string {
  return toString(parser.parse(html) as never).replace(/\s+/g, ' ').trim();
}

