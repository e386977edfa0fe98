import type { Root, Parent, Paragraph, RootContent, PhrasingContent } from 'mdast';
import type { LeafDirective } from 'mdast-util-directive';
import type { Root as HastRoot, Element, ElementContent } from 'hast';
import { fromHtml, mdastToString as toString, hastToString as hastText, visit } from '../../vendor/unified.js';
import type { VFile } from 'vfile';
import { matchEmbed, providerNames, type EmbedKind, type EmbedMatch } from './embed-providers.js';

/** What the remark half found, for the rehype half to build after sanitising. */
interface EmbedSpec {
  match: EmbedMatch;
  title?: string;
  /** Poster file in the article's folder. */
  poster?: string;
  ratio: [number, number];
}

type EmbedData = { embeds?: Map<number, EmbedSpec>; lang?: string };

/** Words the facade shows, per language (English for any other). */
const LABELS: Record<string, Record<EmbedKind | 'on', string>> = {
  en: { video: 'Video', post: 'Post', chart: 'Chart', document: 'Document', map: 'Map', on: 'on' },
  ar: { video: 'فيديو', post: 'منشور', chart: 'رسم بياني', document: 'وثيقة', map: 'خريطة', on: 'على' },
};

/** The title a preview gets when the editor gave none ("Video on YouTube"), in each language. */
export function defaultTitles(provider: { kind: EmbedKind; name: string }): string[] {
  return Object.values(LABELS).map((l) => `${l[provider.kind]} ${l.on} ${provider.name}`);
}

const IFRAME_ONLY = /^\s*(?:<(?:div|p|center)\b[^>]*>\s*)*<iframe\b[\s\S]*?<\/iframe>\s*(?:<\/(?:div|p|center)>\s*)*$/i;

/** `16:9`, `16/9` or `1.5` → [w, h]; undefined when it is not a positive ratio. */
function parseRatio(value: string | null | undefined): [number, number] | undefined {
  if (!value) return undefined;
  const m = /^\s*(\d+(?:\.\d+)?)\s*(?:[:/x×]\s*(\d+(?:\.\d+)?))?\s*$/.exec(value);
  const w = Number(m?.[1]);
  const h = m?.[2] ? Number(m[2]) : 1;
  return w > 0 && h > 0 ? [w, h] : undefined;
}

/** The iframe of a raw HTML block, with its attributes. */
function iframeOf(html: string): Record<string, string> | undefined {
  if (!IFRAME_ONLY.test(html)) return undefined;
  let found: Record<string, string> | undefined;
  visit(fromHtml(html, { fragment: true }), 'element', (node: Element) => {
    if (node.tagName !== 'iframe' || found) return;
    found = Object.fromEntries(Object.entries(node.properties).map(([k, v]) => [k, Array.isArray(v) ? v.join(' ') : String(v)]));
  });
  return found;
}

/** Classes of the blockquotes in providers' "embed code" (each followed by the provider's loader script). */
const EMBED_CODE_CLASSES = ['twitter-tweet', 'instagram-media', 'tiktok-embed', 'bluesky-embed', 'mastodon-embed'];
/** A provider's loader script (`widgets.js`, `embed.js`), which the preview replaces. */
const LOADER = /^\s*<script\b[^>]*\bsrc="https:\/\/[^"]+\/(?:widgets|embed)\.js"[^>]*>\s*<\/script>\s*$/i;
const TITLE_LENGTH = 120;

/**
 * A provider's embed code pasted as raw HTML (`<blockquote class="twitter-tweet">…</blockquote>`
 * with its loader script): the post's URL, and its first paragraph as the title.
 */
function embedCodeOf(html: string): { url: string; title?: string } | undefined {
  if (!/^\s*<blockquote\b/i.test(html)) return undefined;
  const tree = fromHtml(html, { fragment: true });
  const blocks = tree.children.filter((n): n is Element => n.type === 'element' && n.tagName !== 'script');
  const quote = blocks.length === 1 && blocks[0]!.tagName === 'blockquote' ? blocks[0]! : undefined;
  const cls = quote?.properties.className;
  if (!quote || !Array.isArray(cls) || !cls.some((c) => EMBED_CODE_CLASSES.includes(String(c)))) return undefined;
  const p = quote.properties;
  const candidates = [p.cite, p.dataInstgrmPermalink, p.dataEmbedUrl].filter((v): v is string => typeof v === 'string');
  const links: string[] = [];
  visit(quote, 'element', (node: Element) => {
    if (node.tagName === 'a' && typeof node.properties.href === 'string') links.push(node.properties.href);
  });
  const url = [...candidates, ...links.reverse()].find((u) => matchEmbed(u));
  if (!url) return undefined;
  const first = quote.children.find((n): n is Element => n.type === 'element' && n.tagName === 'p');
  const text = first ? hastText(first).replace(/\s+/g, ' ').trim() : '';
  const title = text.length > TITLE_LENGTH ? `${text.slice(0, TITLE_LENGTH - 1).replace(/\s+\S*$/, '')}…` : text;
  return title ? { url, title } : { url };
}

/** The URL alone on its line: a paragraph holding only a link whose text is its address. */
function bareUrl(p: Paragraph): string | undefined {
  const meaningful = p.children.filter((c) => !(c.type === 'text' && c.value.trim() === ''));
  const only = meaningful.length === 1 ? meaningful[0] : undefined;
  if (only?.type !== 'link') return undefined;
  const text = toString(only);
  return text === only.url || `http://${text}` === only.url || `https://${text}` === only.url ? only.url : undefined;
}

/**
 * Embeds, remark half: `::embed[caption]{url="…" title="…" poster="still.jpg" ratio="16:9"}`, a raw
 * `<iframe>` from a known provider, a provider's embed code (blockquote and loader script) and a
 * provider's URL alone on its line each become an empty
 * `<figure class="embed">` (holding the caption) that `rehypeEmbed` fills after sanitising. A
 * directive or iframe from an unknown provider is an `embed:unknown-provider` error naming the
 * providers dateline knows; the directive's URL stays as a plain link.
 */
export default function remarkEmbed() {
  return (tree: Root, file: VFile) => {
    const data = file.data as EmbedData;
    const embeds = (data.embeds = new Map());
    const place = (node: RootContent, spec: EmbedSpec, caption: PhrasingContent[]): RootContent => {
      const start = node.position?.start.offset;
      if (start === undefined) return node;
      embeds.set(start, spec);
      return { type: 'paragraph', data: { hName: 'figure', hProperties: { className: ['embed'] } }, children: caption, position: node.position } as Paragraph;
    };
    const unknown = (node: RootContent, url: string, what: string) =>
      file.message(`The ${what} \`${url}\` is not from a provider dateline can embed (${providerNames()}).`, { place: node.position, ruleId: 'unknown-provider', source: 'embed' });

    const directive = (node: LeafDirective): RootContent => {
      const attrs = node.attributes ?? {};
      const caption = node.children as PhrasingContent[];
      const url = attrs.url?.trim();
      if (!url) {
        file.message('An `::embed` needs the address of the video, post, chart, document or map: `::embed{url="https://…"}`.', { place: node.position, ruleId: 'missing-url', source: 'embed' });
        return (caption.length ? { type: 'paragraph', children: caption, position: node.position } : { type: 'html', value: '' }) as RootContent;
      }
      const match = matchEmbed(url);
      const title = attrs.title?.trim() || undefined;
      if (!match) {
        unknown(node, url, 'embed address');
        const text = title ?? url;
        return { type: 'paragraph', children: [{ type: 'link', url, children: [{ type: 'text', value: text }], position: node.position }], position: node.position } as Paragraph;
      }
      const ratio = parseRatio(attrs.ratio);
      if (attrs.ratio && !ratio) file.message(`The embed ratio \`${attrs.ratio}\` is not a width and height such as \`16:9\`; the provider's usual shape is used.`, { place: node.position, ruleId: 'bad-ratio', source: 'embed' });
      const spec: EmbedSpec = { match, ratio: ratio ?? match.provider.ratio };
      if (title) spec.title = title;
      if (attrs.poster?.trim()) spec.poster = attrs.poster.trim();
      return place(node, spec, caption);
    };

    const walk = (parent: Parent) => {
      parent.children = parent.children.map((child): RootContent => {
        const node = child as RootContent;
        if (node.type === 'leafDirective' && node.name === 'embed') return directive(node);
        if (node.type === 'html') {
          const code = embedCodeOf(node.value);
          const match = code && matchEmbed(code.url);
          if (code && match) return place(node, code.title ? { match, ratio: match.provider.ratio, title: code.title } : { match, ratio: match.provider.ratio }, []);
          // The loader script of embed code written as its own block, right after the embed it served.
          const previous = parent.children[parent.children.indexOf(child) - 1];
          if (LOADER.test(node.value) && previous?.position?.start.offset !== undefined && embeds.has(previous.position.start.offset)) return { type: 'html', value: '' } as RootContent;
          const iframe = iframeOf(node.value);
          if (!iframe?.src) return node;
          const framed = matchEmbed(iframe.src);
          if (!framed) {
            unknown(node, iframe.src, 'iframe address');
            return { type: 'html', value: '', position: node.position } as RootContent;
          }
          const ratio = Number(iframe.width) > 0 && Number(iframe.height) > 0 ? ([Number(iframe.width), Number(iframe.height)] as [number, number]) : framed.provider.ratio;
          const spec: EmbedSpec = { match: framed, ratio };
          if (iframe.title?.trim()) spec.title = iframe.title.trim();
          return place(node, spec, []);
        }
        if (node.type === 'paragraph' && parent.type === 'root') {
          const url = bareUrl(node);
          const match = url ? matchEmbed(url) : undefined;
          return match ? place(node, { match, ratio: match.provider.ratio }, []) : node;
        }
        if ('children' in node && node.type !== 'paragraph') walk(node as Parent);
        return node;
      });
    };
    walk(tree);
  };
}

const el = (tagName: string, properties: Element['properties'], children: ElementContent[] = []): Element => ({ type: 'element', tagName, properties, children });
const text = (value: string) => ({ type: 'text' as const, value });

/**
 * Embeds, rehype half (after sanitising): fills each figure the remark half placed with the
 * facade — a link to the original holding a poster (a local photo) or a neutral placeholder,
 * the title, kind and provider — sized by `aspect-ratio`, with the player URL in
 * `data-embed-src` for /js/embed.js to load on click. Nothing in it loads from the provider.
 */
export function rehypeEmbed() {
  return (tree: HastRoot, file: VFile) => {
    const data = file.data as EmbedData;
    const embeds = data.embeds;
    if (!embeds?.size) return;
    const labels = LABELS[(data.lang ?? 'en').split('-')[0]!] ?? LABELS.en!;
    visit(tree, 'element', (node: Element) => {
      const start = node.position?.start.offset;
      const spec = node.tagName === 'figure' && start !== undefined ? embeds.get(start) : undefined;
      const cls = node.properties.className;
      if (!spec || !Array.isArray(cls) || !cls.includes('embed')) return;
      const { provider } = spec.match;
      const kind = labels[provider.kind];
      const title = spec.title ?? `${kind} ${labels.on} ${provider.name}`; // one of defaultTitles()
      const [w, h] = spec.ratio;
      const shape = w / h < 0.8 ? 'tall' : w / h < 1.2 ? 'square' : 'wide';
      const poster = spec.poster
        ? { ...el('img', { src: spec.poster, alt: title }), position: node.position }
        : el('span', { className: ['embed__placeholder'], dataEmbedPoster: spec.match.link });
      const label = el('span', { className: ['embed__label'] }, [
        el('span', { className: ['embed__title'], ...(spec.poster ? { ariaHidden: 'true' } : {}) }, [text(title)]),
        el('span', { className: ['embed__provider'] }, [text(`${kind} · `), el('bdi', {}, [text(provider.name)])]),
      ]);
      const link = el('a', { className: ['embed__facade'], href: spec.match.link, style: `aspect-ratio: ${w} / ${h}` }, [poster, label]);
      link.position = node.position;
      const caption = node.children.length ? [el('figcaption', {}, node.children)] : [];
      node.properties = { className: ['embed', `embed--${provider.id}`, `embed--${provider.kind}`, `embed--${shape}`], dataEmbedSrc: spec.match.src, dataEmbedTitle: title };
      node.children = [link, ...caption];
    });
  };
}

/** For places without the player script (feeds): an embed figure as a plain link to the original and its caption. */
export function embedAsLink(node: Element): Element[] | undefined {
  const cls = node.properties.className;
  if (node.tagName !== 'figure' || !Array.isArray(cls) || !cls.includes('embed')) return undefined;
  const facade = node.children.find((c): c is Element => c.type === 'element' && c.tagName === 'a');
  const caption = node.children.find((c): c is Element => c.type === 'element' && c.tagName === 'figcaption');
  if (!facade) return undefined;
  const provider = facade.children.find((c): c is Element => c.type === 'element' && Array.isArray(c.properties.className) && c.properties.className.includes('embed__label'));
  const title = String(node.properties.dataEmbedTitle ?? facade.properties.href);
  const kind = provider?.children.at(-1);
  const parts: ElementContent[] = [el('a', { href: facade.properties.href }, [text(title)])];
  if (kind) parts.push(text(' ('), ...(kind.type === 'element' ? kind.children : []), text(')'));
  return [el('p', {}, parts), ...(caption ? [el('p', {}, caption.children)] : [])];
}
