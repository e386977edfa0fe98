import path from 'node:path';
import type { ArticleHtml } from '../markdown/types.js';
import { matchEmbed } from '../markdown/plugins/embed-providers.js';
import type { BuildContext, Step } from '../pipeline/context.js';
import { lookUpOembed, thumbnailPath, type OembedOptions } from './oembed.js';
import { mayHoldEmbeds } from '../store/markdown.js';

/** A preview without a poster, as remark-embed writes it, up to its (escaped) title. */
const PLACEHOLDER = /<span class="embed__placeholder" data-embed-poster="([^"]*)"><\/span><span class="embed__label"><span class="embed__title">([^<]*)<\/span>/g;
const LOOKUPS_AT_ONCE = 4;

function decodeEntities(s: string): string {
  return s
    .replace(/&#x([0-9a-f]+);/gi, (_m, h: string) => String.fromCodePoint(parseInt(h, 16)))
    .replace(/&#(\d+);/g, (_m, d: string) => String.fromCodePoint(Number(d)))
    .replace(/&quot;/g, '"')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
}

/** Each embed's original URL in a body that still shows a placeholder. */
export function placeholderLinks(html: string): string[] {
  return [...html.matchAll(PLACEHOLDER)].map((m) => decodeEntities(m[1]!));
}

/**
 * Swaps each placeholder whose embed has a cached thumbnail for a photo marker of that file, so
 * the photos stage serves it from the site like any body photo; returns the body unchanged
 * (same object) when there is none.
 */
export function withPosters(result: ArticleHtml, bundleDir: string, thumbnails: Map<string, string>): ArticleHtml {
  const added: ArticleHtml['photos'] = [];
  const swap = (html: string) =>
    html.replace(PLACEHOLDER, (whole, link: string, title: string) => {
      const file = thumbnails.get(decodeEntities(link));
      if (!file) return whole;
      const src = path.relative(bundleDir, file).split(path.sep).join('/');
      const alt = decodeEntities(title);
      if (!added.some((p) => p.src === src)) added.push({ src, alt });
      // The photo's alt names the embed; the visible title would repeat it to screen readers.
      return `<img data-photo="${encodeURI(src)}" alt="${title.replace(/"/g, '&#x22;')}"><span class="embed__label"><span class="embed__title" aria-hidden="true">${title}</span>`;
    });
  const html = swap(result.html);
  if (!added.length) return result;
  const next: ArticleHtml = { ...result, html, photos: [...result.photos, ...added] };
  if (result.teaserHtml !== undefined) next.teaserHtml = swap(result.teaserHtml);
  return next;
}

/** Runs `fn` over `items`, `limit` at a time. */
async function eachLimited<T>(items: T[], limit: number, fn: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) await fn(items[next++]!);
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}

/** How the build asks providers: from the environment (`DATELINE_OEMBED=off`, `DATELINE_OEMBED_BASE`). */
export function oembedOptions(ctx: BuildContext): OembedOptions {
  const options: OembedOptions = {
    cacheDir: path.join(ctx.options.cacheDir, 'embeds'),
    // `check` writes nothing and never waits on the network; it uses what a build cached.
    network: ctx.options.write && process.env.DATELINE_OEMBED !== 'off',
  };
  if (process.env.DATELINE_OEMBED_BASE) options.base = process.env.DATELINE_OEMBED_BASE;
  return options;
}

/**
 * Gives embed previews a poster from the provider's oEmbed thumbnail when one is cached or can
 * be fetched now; a preview without one keeps its placeholder, so the build never depends on it.
 */
export const embedsStep: Step = {
  name: 'embeds',
  async run(ctx) {
    const articles = ctx.options.write ? ctx.schedule!.published : ctx.content!.articles;
    const withEmbeds = articles.filter((a) => {
      const result = ctx.html!.get(a.file);
      // A stored result knows whether it holds a preview: its HTML is not read to find out.
      return result !== undefined && mayHoldEmbeds(result) && result.html.includes('data-embed-poster=');
    });
    if (!withEmbeds.length) return;
    const options = oembedOptions(ctx);
    const links = new Set(withEmbeds.flatMap((a) => placeholderLinks(ctx.html!.get(a.file)!.html)));
    const thumbnails = new Map<string, string>();
    await eachLimited([...links], LOOKUPS_AT_ONCE, async (link) => {
      const endpoint = matchEmbed(link)?.oembed;
      const entry = endpoint ? await lookUpOembed(endpoint, options) : undefined;
      const file = entry ? thumbnailPath(options, entry) : undefined;
      if (file) thumbnails.set(link, file);
    });
    for (const a of withEmbeds) ctx.html!.set(a.file, withPosters(ctx.html!.get(a.file)!, a.bundleDir, thumbnails));
  },
};
