import type { ArticleView, Site } from '../collections/types.js';
import { feedPaths, langPrefix, localized } from './urls.js';
import { siteKeyOf, viewKey } from '../collections/view-keys.js';

/** Items per feed. */
export const FEED_SIZE = 50;

/** One feed: a language's newest stories, or one section's in that language. */
export interface FeedChannel {
  lang: string;
  section?: string;
  title: string;
  description: string;
  /** Site-relative URL of the page the feed follows. */
  link: string;
  /** Site-relative feed URLs. */
  paths: { rss: string; atom: string; json: string };
  /** Newest first, at most FEED_SIZE. */
  items: ArticleView[];
}

/** Every feed channel: one per language, and one per section that has stories in that language. */
export function feedChannels(site: Site): FeedChannel[] {
  const { config } = site;
  const channels: FeedChannel[] = [];
  for (const { code: lang } of config.languages) {
    const articles = site.articles.filter((a) => a.lang === lang);
    // The default language always has feeds (every page links them); others once they have stories.
    if (articles.length === 0 && lang !== config.language) continue;
    const name = localized(site, config.name, lang);
    const prefix = langPrefix(site, lang);
    channels.push({
      lang,
      title: name,
      description: localized(site, config.description, lang) || name,
      link: `${prefix}/`,
      paths: feedPaths(site, lang),
      items: articles.slice(0, FEED_SIZE),
    });
    for (const s of config.sections) {
      const inSection = articles.filter((a) => a.section === s.id);
      if (inSection.length === 0) continue;
      const title = localized(site, s.title, lang) || s.id;
      channels.push({
        lang,
        section: s.id,
        title: `${title} · ${name}`,
        description: localized(site, s.description, lang) || title,
        link: `${prefix}/${s.id}/`,
        paths: feedPaths(site, lang, s.id),
        items: inSection.slice(0, FEED_SIZE),
      });
    }
  }
  return channels;
}

/** When a channel last changed: its newest modification, or the build time when it is empty. */
export function channelUpdated(site: Site, channel: FeedChannel): Date {
  const latest = Math.max(0, ...channel.items.map((a) => a.modifiedTime));
  return new Date(latest || site.now);
}

/**
 * What a channel's feed files are made from, when every part has a recorded key (see
 * collections/view-keys.ts): the site-wide key, the channel's own fields and each item's key.
 * Undefined when a key is missing, so the feed is made again.
 */
export function channelKey(site: Site, channel: FeedChannel): string | undefined {
  const siteKey = siteKeyOf(site);
  const items = channel.items.map(viewKey);
  if (!siteKey || items.some((k) => k === undefined)) return undefined;
  const { items: _items, ...fields } = channel;
  // An empty feed is dated with the build's clock.
  return JSON.stringify([siteKey, fields, items, channel.items.length === 0 ? site.now : null]);
}
