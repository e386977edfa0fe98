import type { ArticleView, Site } from '../collections/types.js';
import { feedPaths, langPrefix, localized } from './urls.js';

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
