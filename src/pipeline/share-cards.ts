import path from 'node:path';
import { shareCardKey, type CardRequest } from '../images/index.js';
import type { Article } from '../validate/types.js';
import type { BuildContext } from './context.js';

/** A share card for every article without a lead photo: its headline (as typeset), section and the publication, in the article's language. */
export function shareCardRequests(ctx: BuildContext, articles: Article[]): CardRequest[] {
  const config = ctx.content!.config!;
  const pick = (m: Record<string, string>, lang: string) => m[lang] ?? m[config.language] ?? Object.values(m)[0] ?? '';
  return articles
    .filter((a) => !a.image)
    .map((a) => {
      const section = config.sections.find((s) => s.id === a.section);
      const req: CardRequest = {
        file: shareCardKey(a.file),
        title: ctx.html?.get(a.file)?.title ?? a.title,
        section: section ? pick(section.title, a.lang) : a.section,
        siteName: pick(config.name, a.lang),
        lang: a.lang,
        dir: config.languages.find((l) => l.code === a.lang)?.dir === 'rtl' ? 'rtl' : 'ltr',
      };
      if (config.logo) req.logo = path.join(ctx.options.root, 'content', config.logo.src);
      if (config.colors) req.colors = config.colors;
      return req;
    });
}
