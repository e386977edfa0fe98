import type { RootContent } from 'mdast';
import { matchEmbed } from '../markdown/plugins/embed-providers.js';
import type { ImportNote } from './types.js';

const PROVIDERS: [RegExp, string][] = [
  [/^https?:\/\/(?:www\.|m\.)?(?:youtube\.com\/(?:watch|embed\/|shorts\/|live\/)|youtu\.be\/)/i, 'YouTube'],
  [/^https?:\/\/(?:www\.|player\.)?vimeo\.com\/(?:video\/)?\d+/i, 'Vimeo'],
  [/^https?:\/\/(?:www\.|mobile\.)?(?:twitter|x)\.com\/[^/]+\/status(?:es)?\/\d+/i, 'X'],
  [/^https?:\/\/(?:www\.)?instagram\.com\/(?:p|reel|tv)\//i, 'Instagram'],
  [/^https?:\/\/(?:www\.)?facebook\.com\/.+\/(?:posts|videos)\//i, 'Facebook'],
  [/^https?:\/\/(?:www\.)?tiktok\.com\/@[^/]+\/video\//i, 'TikTok'],
  [/^https?:\/\/(?:www\.)?soundcloud\.com\//i, 'SoundCloud'],
  [/^https?:\/\/open\.spotify\.com\//i, 'Spotify'],
  [/^https?:\/\/gist\.github\.com\//i, 'GitHub Gist'],
  [/^https?:\/\/(?:www\.)?google\.com\/maps\//i, 'Google Maps'],
  [/^https?:\/\/(?:www\.)?datawrapper\.(?:de|dwcdn\.net)\//i, 'Datawrapper'],
  [/^https?:\/\/datawrapper\.dwcdn\.net\//i, 'Datawrapper'],
];

/** The provider of an embeddable URL (`YouTube`, `X`…), or undefined for an ordinary link. */
export function embedProvider(url: string): string | undefined {
  return PROVIDERS.find(([re]) => re.test(url.trim()))?.[1];
}

/** The watch URL of an embedded player URL (`youtube.com/embed/ID` → `youtube.com/watch?v=ID`). */
export function canonicalEmbedUrl(url: string): string {
  const u = url.trim().replace(/^\/\//, 'https://');
  const yt = /^https?:\/\/(?:www\.)?youtube(?:-nocookie)?\.com\/embed\/([\w-]+)/i.exec(u);
  if (yt) return `https://www.youtube.com/watch?v=${yt[1]}`;
  const vimeo = /^https?:\/\/player\.vimeo\.com\/video\/(\d+)/i.exec(u);
  if (vimeo) return `https://vimeo.com/${vimeo[1]}`;
  return u;
}

/** The mdast of an embed: dateline's `::embed{url=…}` for a provider it embeds, else a link on its own line with a note. */
export function embedBlock(url: string, notes: ImportNote[]): RootContent {
  const href = canonicalEmbedUrl(url);
  if (matchEmbed(href)) return { type: 'leafDirective', name: 'embed', attributes: { url: href }, children: [] } as RootContent;
  notes.push(linkNote(href));
  return { type: 'paragraph', children: [{ type: 'link', url: href, title: null, children: [{ type: 'text', value: href }] }] };
}

function linkNote(href: string): ImportNote {
  return { reason: `${embedProvider(href) ?? 'external'} embed ${href} is not one dateline embeds; it became a link`, ruleId: 'import:embed-as-link' };
}

/** An embed written into a Markdown body: `::embed{url="…"}`, or the link on its own paragraph with a note. */
export function embedMarkdown(url: string, notes: ImportNote[]): string {
  const href = canonicalEmbedUrl(url);
  if (matchEmbed(href)) return `\n\n::embed{url="${href.replace(/"/g, '&quot;')}"}\n\n`;
  notes.push(linkNote(href));
  return `\n\n<${href}>\n\n`;
}
