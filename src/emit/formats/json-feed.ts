import type { ArticleView, Site } from '../../collections/types.js';
import { channelKey, feedChannels, type FeedChannel } from '../feed-channels.js';
import { feedEntry, feedLeadPhoto } from '../feed-item.js';
import { keyedFile, type OutputFormat } from '../types.js';
import { absolute } from '../urls.js';

/** The JSON Feed version this stage writes. */
export const JSON_FEED_VERSION = 'https://jsonfeed.org/version/1.1';

/** One item: `title`, `summary`, author names and tags are plain text (JSON Feed defines them so); `content_html` is HTML. */
function jsonItem(site: Site, a: ArticleView) {
  const item = feedEntry(site, a);
  const lead = feedLeadPhoto(a);
  return {
    id: a.guid,
    url: item.link,
    title: item.title,
    summary: item.summary,
    content_html: item.html,
    ...(lead ? { image: absolute(site, lead.url) } : {}),
    date_published: a.date,
    date_modified: a.modified,
    authors: item.authors.map((p) => ({ name: p.name, ...(p.url ? { url: p.url } : {}) })),
    tags: item.categories.map((c) => c.label),
    language: a.lang,
  };
}

function jsonFeed(site: Site, channel: FeedChannel): string {
  // `feed` writes JSON Feed 1.0 with a single author; 1.1 is plain JSON, so it is built here.
  const doc = {
    version: JSON_FEED_VERSION,
    title: channel.title,
    description: channel.description,
    home_page_url: absolute(site, channel.link),
    feed_url: absolute(site, channel.paths.json),
    language: channel.lang,
    items: channel.items.map((a) => jsonItem(site, a)),
  };
  return JSON.stringify(doc, null, 2) + '\n';
}

/** JSON Feed 1.1: `/feed.json`, `/<section>/feed.json`, `/ar/…`. */
export const jsonFeedFormat: OutputFormat = {
  name: 'json-feed',
  counts: 'feed',
  emit: (site) => feedChannels(site).map((channel) => keyedFile(channel.paths.json.slice(1), () => jsonFeed(site, channel), channelKey(site, channel))),
};
