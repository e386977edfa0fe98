import path from 'node:path';
import { shareCardKey, startShareCards, type CardRequest } from '../images/index.js';
import type { PhotoSet } from '../images/types.js';
import type { Article } from '../validate/types.js';
import { fileFailure } from '../errors/guard.js';
import { itemCounter } from './progress.js';
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
        article: a.file,
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

/**
 * The articles' share cards, drawn when the cache does not hold them: a photo set per card key. A
 * card that cannot be drawn is its article's error, and the others are drawn. (Drawing them in
 * the background while pages render and the search index is built was tried: no faster on two
 * cores, which a cold build keeps busy anyway.)
 */
export async function makeCards(ctx: BuildContext, articles: Article[]): Promise<Map<string, PhotoSet>> {
  const cards = await startShareCards(shareCardRequests(ctx, articles), { outDir: ctx.mediaRoot ?? ctx.stagingDir!, cacheDir: path.join(ctx.options.cacheDir, 'cards') });
  cards.onDone = itemCounter(ctx.options.progress, cards.queued, cards.finished);
  for (const f of await cards.done) ctx.diagnostics.push(fileFailure(f.request.article ?? f.request.file, 'drawing the share card of', f.error));
  return cards.sets;
}
