import { figureMarkdown } from './hugo-shortcodes.js';
import { shortcodeAttributes } from './wordpress-body.js';
import type { ImportNote } from './types.js';

/**
 * Liquid in a Jekyll body → Markdown: `{% raw %}` kept as text, `{{ site.baseurl }}` and
 * `{{ site.url }}` removed, image includes and `{% image %}` as figures, `{% highlight %}` as
 * fenced code, `{% post_url %}`/`{% link %}` through `resolvePost`; other tags are left with a note.
 */
export function convertLiquid(body: string, resolvePost: (name: string) => string | undefined, notes: ImportNote[]): string {
  const raws: string[] = [];
  let text = body.replace(/\{%-?\s*raw\s*-?%\}([\s\S]*?)\{%-?\s*endraw\s*-?%\}/g, (_, inner: string) => `\u0000${raws.push(inner) - 1}\u0000`);
  text = text.replace(/\{\{-?\s*site\.(?:baseurl|url)\s*-?\}\}/g, '');
  text = text.replace(/\{%-?\s*highlight\s+([\w+-]+)[^%]*%\}\r?\n?([\s\S]*?)\{%-?\s*endhighlight\s*-?%\}/g, (_, lang: string, code: string) => '```' + lang + '\n' + code.replace(/\s+$/, '') + '\n```');
  text = text.replace(/\{%-?\s*(post_url|link)\s+([^\s%]+)\s*-?%\}/g, (whole, _tag: string, name: string) => {
    const url = resolvePost(name);
    if (url) return url;
    notes.push({ reason: `{% ${_tag} ${name} %} names no imported post; left as it was`, ruleId: 'import:unknown-shortcode' });
    return whole;
  });
  text = text.replace(/\{%-?\s*include\s+([\w./-]+)([^%]*?)-?%\}/g, (whole, file: string, args: string) => {
    const a = shortcodeAttributes(args);
    const src = a.url ?? a.src ?? a.image ?? a.file ?? a.path ?? a.img;
    if (!src || !/image|figure|img|photo|picture/i.test(file + Object.keys(a).join(' '))) return whole;
    return figureMarkdown(src, a.alt ?? a.description ?? '', a.caption ?? a.description, a.credit ?? a.attribution);
  });
  text = text.replace(/\{%-?\s*(?:image|img|picture)\s+(?:\w+\s+)?["']?([^\s"'%]+\.(?:jpe?g|png|gif|webp|avif))["']?([^%]*?)-?%\}/gi, (_, src: string, rest: string) => {
    const a = shortcodeAttributes(rest);
    const alt = a.alt ?? rest.replace(/[\w-]+\s*=\s*("[^"]*"|'[^']*'|\S+)/g, '').replace(/["']/g, '').trim();
    return figureMarkdown(src, alt, a.caption ?? a.title, a.credit);
  });
  const left = new Set<string>();
  for (const m of text.matchAll(/\{%-?\s*(\w+)|\{\{-?\s*([\w.]+)/g)) left.add(m[1] ? `{% ${m[1]} %}` : `{{ ${m[2]} }}`);
  for (const tag of left) notes.push({ reason: `Liquid ${tag} was left as it was`, ruleId: 'import:unknown-shortcode' });
  return text.replace(/\u0000(\d+)\u0000/g, (_, i: string) => raws[Number(i)]!);
}
