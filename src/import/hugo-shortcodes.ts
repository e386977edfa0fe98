import { embedMarkdown } from './embeds.js';
import type { ImportNote } from './types.js';

/** Positional and named arguments of a Hugo shortcode: `figure src="a.jpg" caption="…"`, `youtube w7Ft2ymGmfc`. */
export function shortcodeArgs(text: string): { named: Record<string, string>; positional: string[] } {
  const named: Record<string, string> = {};
  const positional: string[] = [];
  for (const m of text.matchAll(/(?:([\w-]+)\s*=\s*)?(?:"((?:[^"\\]|\\.)*)"|`([^`]*)`|([^\s"`]+))/g)) {
    const value = (m[2] ?? m[3] ?? m[4] ?? '').replace(/\\"/g, '"');
    if (m[1]) named[m[1].toLowerCase()] = value;
    else positional.push(value);
  }
  return { named, positional };
}

const attr = (s: string): string => s.replace(/"/g, '&quot;');

/** A `:::figure` directive in Markdown. */
export function figureMarkdown(src: string, alt: string, caption: string | undefined, credit: string | undefined): string {
  const label = alt.replace(/[[\]]/g, '\\$&');
  return `\n\n:::figure${credit ? `{credit="${attr(credit)}"}` : ''}\n![${label}](${/\s/.test(src) ? `<${src}>` : src})${caption ? `\n${caption.trim()}` : ''}\n:::\n\n`;
}

/**
 * Converts Hugo's built-in shortcodes in a Markdown body: figure, youtube, vimeo, x/tweet, gist,
 * ref/relref (through `resolveRef`, to the page's old URL, which redirects); others are left as
 * they are with a note naming each.
 */
export function convertHugoShortcodes(body: string, resolveRef: (target: string) => string | undefined, notes: ImportNote[]): string {
  const unknown = new Set<string>();
  const code = body.replace(/\{\{[<%]\s*highlight\s+([\w+-]+)[^}]*[>%]\}\}\r?\n?([\s\S]*?)\{\{[<%]\s*\/highlight\s*[>%]\}\}/g, (_, lang: string, src: string) => '```' + lang + '\n' + src.replace(/\s+$/, '') + '\n```');
  const out = code.replace(/\{\{([<%])\s*(\/?)\s*([\w./-]+)([\s\S]*?)\s*[>%]\}\}/g, (whole, _delim: string, closing: string, name: string, rest: string) => {
    if (closing) return name === 'figure' ? '' : whole;
    const { named, positional } = shortcodeArgs(rest.trim());
    switch (name) {
      case 'figure': {
        const src = named.src ?? positional[0];
        if (!src) break;
        const caption = [named.title, named.caption].filter(Boolean).join('. ');
        return figureMarkdown(src, named.alt ?? '', caption || undefined, named.attr);
      }
      case 'youtube': {
        const id = named.id ?? positional[0];
        if (id) return embedMarkdown(`https://www.youtube.com/watch?v=${id}`, notes);
        break;
      }
      case 'vimeo': {
        const id = named.id ?? positional[0];
        if (id) return embedMarkdown(`https://vimeo.com/${id}`, notes);
        break;
      }
      case 'x':
      case 'tweet':
      case 'twitter': {
        const user = named.user ?? (positional.length > 1 ? positional[0] : 'i');
        const id = named.id ?? positional[positional.length - 1];
        if (id) return embedMarkdown(`https://x.com/${user}/status/${id}`, notes);
        break;
      }
      case 'gist': {
        const [user, id] = [named.user ?? positional[0], named.id ?? positional[1]];
        if (user && id) return embedMarkdown(`https://gist.github.com/${user}/${id}`, notes);
        break;
      }
      case 'ref':
      case 'relref': {
        const target = named.path ?? positional[0] ?? '';
        const [file, anchor] = target.split('#');
        const url = resolveRef(file!);
        if (url) return url + (anchor ? `#${anchor}` : '');
        notes.push({ reason: `${name} to “${target}” names no imported page; left as it was`, ruleId: 'import:unknown-shortcode' });
        return whole;
      }
    }
    unknown.add(name);
    return whole;
  });
  for (const name of unknown) notes.push({ reason: `shortcode {{< ${name} >}} was left as it was`, ruleId: 'import:unknown-shortcode' });
  return out;
}
