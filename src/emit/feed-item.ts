import { Feed, type Author, type Category, type Item } from 'feed';
import type { ArticleView, Site } from '../collections/types.js';
import type { PhotoFile } from '../images/types.js';
import { channelUpdated, type FeedChannel } from './feed-channels.js';
import { feedHtml } from './feed-html.js';
import { absolute, jpegNear, localized } from './urls.js';

/** Width of the lead photo JPEG offered to feed readers. */
const LEAD_WIDTH = 1200;

/** The people credited on an article: named authors with their page, or the free-text byline. */
export function feedAuthors(site: Site, a: ArticleView): Author[] {
  if (a.authorList.length === 0) return [{ name: a.byline ?? localized(site, site.config.name, a.lang) }];
  return a.authorList.map((p) => ({ name: p.name, link: absolute(site, `/authors/${p.id}/`) }));
}

/** Categories of an article: its section's title, then its tags. */
export function feedCategories(site: Site, a: ArticleView): Category[] {
  const section = localized(site, a.sectionInfo.title, a.lang) || a.section;
  return [{ name: section, term: a.section }, ...a.tags.map((t) => ({ name: t, term: t }))];
}

/** The lead photo's JPEG for feeds, when the article has one. */
export function feedLeadPhoto(a: ArticleView): PhotoFile | undefined {
  return a.lead ? jpegNear(a.lead, LEAD_WIDTH) : undefined;
}

/** The fields every feed format shares: stable id, absolute link, dates, summary and full HTML. */
export function feedItem(site: Site, a: ArticleView): Item {
  return {
    title: a.title,
    id: a.guid,
    guid: a.guid,
    link: absolute(site, a.url),
    date: new Date(a.modifiedTime),
    published: new Date(a.time),
    description: a.summary,
    content: feedHtml(site, a),
    category: feedCategories(site, a),
  };
}

/** A `feed` instance for a channel, with its self links; items are added by each format. */
export function channelFeed(site: Site, channel: FeedChannel): Feed {
  return new Feed({
    id: absolute(site, channel.link),
    title: channel.title,
    description: channel.description,
    link: absolute(site, channel.link),
    language: channel.lang,
    updated: channelUpdated(site, channel),
    generator: 'dateline',
    feedLinks: { rss: absolute(site, channel.paths.rss), atom: absolute(site, channel.paths.atom), json: absolute(site, channel.paths.json) },
    copyright: `© ${localized(site, site.config.name, channel.lang)}`,
  });
}
