import { embedProvider } from './embeds.js';
import type { ImportNote } from './types.js';

/** A photo a gallery shortcode names, from the export's attachments. */
export interface GalleryPhoto {
  url: string;
  alt?: string;
  caption?: string;
}

/** The attributes of a shortcode: `[gallery ids="1,2" size='large' link=file]`. */
export function shortcodeAttributes(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const m of text.matchAll(/([\w-]+)\s*=\s*(?:"([^"]*)"|'([^']*)'|“([^”]*)”|([^\s\]]+))/g)) out[m[1]!.toLowerCase()] = m[2] ?? m[3] ?? m[4] ?? m[5] ?? '';
  return out;
}

const escapeAttr = (s: string): string => s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');

/** `<dateline-embed>` for a URL, as raw HTML. */
export const embedHtml = (url: string): string => `<dateline-embed data-url="${escapeAttr(url)}"></dateline-embed>`;

/** A figure in raw HTML. */
export const figureHtml = (src: string, alt: string, caption: string): string =>
  `<figure><img src="${escapeAttr(src)}" alt="${escapeAttr(alt)}">${caption ? `<figcaption>${caption}</figcaption>` : ''}</figure>`;

const BLOCK = /^<\/?(?:p|div|h[1-6]|ul|ol|li|table|thead|tbody|tfoot|tr|td|th|blockquote|pre|figure|figcaption|hr|dl|dd|dt|section|article|aside|header|footer|nav|dateline-embed|iframe|form|address|style|script|!--|details|summary|video|audio)\b/i;

/** Shortcodes common on WordPress sites, named in the report even without attributes (`[wpvideo tFnqC2j2]`). */
const KNOWN = new Set(['wpvideo', 'playlist', 'soundcloud', 'googlemaps', 'polldaddy', 'slideshow', 'code', 'sourcecode', 'recipe', 'archives', 'dailymotion', 'flickr', 'scribd', 'ted', 'spotify', 'instagram', 'twitter', 'gravatar', 'contact-form']);

/** WordPress's `wpautop`, enough for classic posts: blank lines make paragraphs, single newlines `<br>`. */
export function autop(text: string): string {
  const pres: string[] = [];
  const guarded = text.replace(/\r\n?/g, '\n').replace(/<pre[\s\S]*?<\/pre>/gi, (m) => `\u0000${pres.push(m) - 1}\u0000`);
  const blocks = guarded.split(/\n\s*\n/).map((b) => b.trim()).filter(Boolean);
  const html = blocks
    .map((b) => (BLOCK.test(b) || /^\u0000\d+\u0000$/.test(b) ? b : `<p>${b.replace(/\n/g, '<br>\n')}</p>`))
    .join('\n\n');
  return html.replace(/\u0000(\d+)\u0000/g, (_, i: string) => pres[Number(i)]!);
}

/**
 * WordPress post content → plain HTML: Gutenberg embed blocks, `[caption]`, `[gallery]`, `[embed]`
 * and other shortcodes, embeddable URLs on their own line, and `wpautop` for classic posts.
 */
export function wordpressBodyToHtml(content: string, ctx: { gallery: (attrs: Record<string, string>) => GalleryPhoto[]; notes: ImportNote[] }): string {
  let text = content;
  const blocks = /<!--\s*wp:/.test(text);
  // Gutenberg embeds: the URL is in the block's attributes and its figure.
  text = text.replace(/<!--\s*wp:(?:core-embed\/[\w-]+|embed|core\/embed)\s+(\{[\s\S]*?\})\s*\/?-->([\s\S]*?)<!--\s*\/wp:(?:core-embed\/[\w-]+|embed|core\/embed)\s*-->/g, (whole, json: string) => {
    try {
      const url = (JSON.parse(json) as { url?: string }).url;
      return url ? embedHtml(url) : whole;
    } catch {
      return whole;
    }
  });
  text = text.replace(/\[caption([^\]]*)\]([\s\S]*?)\[\/caption\]/gi, (_, attrs: string, inner: string) => {
    const a = shortcodeAttributes(attrs);
    const img = /<img\b[^>]*>/i.exec(inner)?.[0] ?? '';
    const caption = (a.caption ?? inner.replace(/<a\b[^>]*>\s*<img\b[^>]*>\s*<\/a>|<img\b[^>]*>/i, '')).trim();
    return `\n\n<figure>${img}<figcaption>${caption}</figcaption></figure>\n\n`;
  });
  text = text.replace(/\[gallery([^\]]*)\]/gi, (_, attrs: string) => {
    const photos = ctx.gallery(shortcodeAttributes(attrs));
    if (!photos.length) ctx.notes.push({ reason: 'a [gallery] names no photo found in the export; it was left out', ruleId: 'import:media-missing' });
    return '\n\n' + photos.map((p) => figureHtml(p.url, p.alt ?? '', p.caption ?? '')).join('\n\n') + '\n\n';
  });
  text = text.replace(/\[embed[^\]]*\]\s*(\S+?)\s*\[\/embed\]/gi, (_, url: string) => `\n\n${embedHtml(url)}\n\n`);
  text = text.replace(/\[(youtube|vimeo|tweet|twitter|instagram)\s+(?:url=)?["']?(https?:\/\/[^\s"'\]]+)["']?[^\]]*\]/gi, (_, _n: string, url: string) => `\n\n${embedHtml(url)}\n\n`);
  text = text.replace(/\[(video|audio)([^\]]*)\](?:\[\/\1\])?/gi, (_, _kind: string, attrs: string) => {
    const a = shortcodeAttributes(attrs);
    const url = a.src ?? a.mp4 ?? a.mp3 ?? a.url ?? Object.values(a).find((v) => /^https?:/.test(v));
    return url ? `\n\n${embedHtml(url)}\n\n` : '';
  });
  // An embeddable URL alone on its line (classic) or in its own paragraph.
  text = text.replace(/^[ \t]*(?:<p>\s*)?(https?:\/\/[^\s<>"]+)(?:\s*<\/p>)?[ \t]*$/gm, (line, url: string) => (embedProvider(url) ? embedHtml(url) : line));
  const unknown = new Set<string>();
  // A shortcode has attributes or a closing tag, or is a common one; `[sic]` alone is text.
  for (const m of text.matchAll(/\[([a-z][\w-]*)((?:\s+[\w-]+\s*=[^\]]*)|(?:\s+[^\]\s]+)*)\/?\]/gi)) {
    if (!m[2]?.includes('=') && !KNOWN.has(m[1]!.toLowerCase()) && !text.includes(`[/${m[1]}]`) && !/[_-]/.test(m[1]!)) continue;
    unknown.add(m[1]!);
  }
  for (const name of unknown) ctx.notes.push({ reason: `shortcode [${name}] was left as text`, ruleId: 'import:unknown-shortcode' });
  return blocks ? text : autop(text);
}
