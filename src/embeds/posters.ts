import path from 'node:path';
import type { ArticleHtml } from '../markdown/types.js';
import { matchEmbed } from '../markdown/plugins/embed-providers.js';
import { defaultTitles } from '../markdown/plugins/remark-embed.js';
import type { BuildContext, Step } from '../pipeline/context.js';
import { lookUpOembed, thumbnailPath, type OembedOptions } from './oembed.js';
import { mayHoldEmbeds } from '../store/markdown.js';

/** One embed preview as remark-embed writes it. */
const FIGURE = /<figure class="embed [^"]*" data-embed-src="[^"]*" data-embed-title="[^"]*"><a class="embed__facade" href="([^"]*)"[\s\S]*?<\/figure>/g;
/** A preview without a poster, up to its (escaped) title. */
const PLACEHOLDER = /<span class="embed__placeholder" data-embed-poster="[^"]*"><\/span><span class="embed__label"><span class="embed__title">([^<]*)<\/span>/;
const LOOKUPS_AT_ONCE = 4;

/** What the provider's oEmbed answer gives a preview. */
export interface EmbedExtras {
  /** Absolute path of the cached thumbnail. */
  poster?: string;
  title?: string;
}

function decodeEntities(s: string): string {
  return s
    .replace(/&#x([0-9a-f]+);/gi, (_m, h: string) => String.fromCodePoint(parseInt(h, 16)))
    .replace(/&#(\d+);/g, (_m, d: string) => String.fromCodePoint(Number(d)))
    .replace(/&quot;/g, '"')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
}

const escapeText = (s: string) => s.replace(/&/g, '&#x26;').replace(/</g, '&#x3C;');
const escapeAttribute = (s: string) => escapeText(s).replace(/"/g, '&#x22;');

/** The original URL of each preview that could still gain a poster or a title. */
export function previewLinks(html: string): string[] {
  return [...html.matchAll(FIGURE)].filter((m) => m[0].includes('embed__placeholder')).map((m) => decodeEntities(m[1]!));
}

/** One preview with the provider's title (when the editor gave none) and poster (when it has a placeholder). */
function improve(figure: string, link: string, extras: EmbedExtras, bundleDir: string, added: ArticleHtml['photos']): string {
  const provider = matchEmbed(link)?.provider;
  const current = decodeEntities(/data-embed-title="([^"]*)"/.exec(figure)![1]!);
  let title = current;
  if (extras.title && provider && defaultTitles(provider).includes(current)) {
    title = extras.title;
    figure = figure.replace(/data-embed-title="[^"]*"/, `data-embed-title="${escapeAttribute(title)}"`).replace(/<span class="embed__title">[^<]*<\/span>/, `<span class="embed__title">${escapeText(title)}</span>`);
  }
  if (!extras.poster || !PLACEHOLDER.test(figure)) return figure;
  const src = path.relative(bundleDir, extras.poster).split(path.sep).join('/');
  if (!added.some((p) => p.src === src)) added.push({ src, alt: title });
  // The photo's alt names the embed; the visible title would repeat it to screen readers.
  return figure.replace(PLACEHOLDER, `<img data-photo="${encodeURI(src)}" alt="${escapeAttribute(title)}"><span class="embed__label"><span class="embed__title" aria-hidden="true">${escapeText(title)}</span>`);
}

/**
 * Gives each preview without a poster what the provider's oEmbed answer offers: its thumbnail as
 * a photo marker (so the photos stage serves it from the site like any body photo) and its title
 * in place of the generic one. Returns the body unchanged (same object) when nothing applies.
 */
export function withPosters(result: ArticleHtml, bundleDir: string, extras: Map<string, EmbedExtras>): ArticleHtml {
  const added: ArticleHtml['photos'] = [];
  const swap = (html: string) =>
    html.replace(FIGURE, (figure, link: string) => {
      const found = figure.includes('embed__placeholder') ? extras.get(decodeEntities(link)) : undefined;
      return found ? improve(figure, decodeEntities(link), found, bundleDir, added) : figure;
    });
  const html = swap(result.html);
  if (html === result.html) return result;
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
 * Gives embed previews a poster and a title from the provider's oEmbed answer when one is cached
 * or can be fetched now; a preview without one keeps its placeholder, so the build never depends on it.
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
    const links = new Set(withEmbeds.flatMap((a) => previewLinks(ctx.html!.get(a.file)!.html)));
    const extras = new Map<string, EmbedExtras>();
    await eachLimited([...links], LOOKUPS_AT_ONCE, async (link) => {
      const endpoint = matchEmbed(link)?.oembed;
      const entry = endpoint ? await lookUpOembed(endpoint, options) : undefined;
      if (!entry?.ok) return;
      const found: EmbedExtras = {};
      const poster = thumbnailPath(options, entry);
      if (poster) found.poster = poster;
      if (entry.title) found.title = entry.title;
      extras.set(link, found);
    });
    for (const a of withEmbeds) ctx.html!.set(a.file, withPosters(ctx.html!.get(a.file)!, a.bundleDir, extras));
  },
};
