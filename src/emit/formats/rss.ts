import type { ArticleView, Site } from '../../collections/types.js';
import { channelHead } from '../feed-channel-head.js';
import { channelKey, feedChannels, type FeedChannel } from '../feed-channels.js';
import { feedEntry, feedLeadPhoto } from '../feed-item.js';
import { keyedFile, type OutputFormat } from '../types.js';
import { absolute } from '../urls.js';
import { buildXml, NS, textAsHtml, xmlText } from '../xml.js';

/** The lead photo as Media RSS (`media:content` with credit and a plain-text caption). */
function mediaContent(site: Site, a: ArticleView): Record<string, unknown> | undefined {
  const file = feedLeadPhoto(a);
  if (!file) return undefined;
  const media: Record<string, unknown> = { '@_url': absolute(site, file.url), '@_type': file.type, '@_medium': 'image', '@_width': file.width, '@_height': file.height, '@_fileSize': file.bytes };
  if (a.image?.credit) media['media:credit'] = xmlText(a.image.credit);
  const description = a.image?.caption ?? a.image?.alt;
  if (description) media['media:description'] = { '@_type': 'plain', '#text': xmlText(description) };
  return media;
}

/** One `<item>`: `title` is plain text; `description` and `content:encoded` are HTML, as RSS defines them. */
function rssItem(site: Site, a: ArticleView): Record<string, unknown> {
  const e = feedEntry(site, a);
  const media = mediaContent(site, a);
  return {
    title: xmlText(e.title),
    link: e.link,
    guid: { '@_isPermaLink': 'false', '#text': e.id },
    pubDate: e.published.toUTCString(),
    description: textAsHtml(e.summary),
    'content:encoded': xmlText(e.html),
    // RSS's own `author` must be an e-mail address: names go in `dc:creator`, once per author.
    'dc:creator': e.authors.map((p) => xmlText(p.name)),
    category: e.categories.map((c) => xmlText(c.label)),
    'atom:updated': a.modified,
    ...(media ? { 'media:content': media } : {}),
  };
}

function rssFeed(site: Site, channel: FeedChannel): string {
  const head = channelHead(site, channel);
  return buildXml({
    rss: {
      '@_version': '2.0',
      '@_xmlns:atom': 'http://www.w3.org/2005/Atom',
      '@_xmlns:content': 'http://purl.org/rss/1.0/modules/content/',
      '@_xmlns:dc': 'http://purl.org/dc/elements/1.1/',
      '@_xmlns:media': NS.media,
      channel: {
        title: xmlText(head.title),
        link: head.link,
        description: xmlText(head.description),
        language: head.lang,
        copyright: xmlText(head.rights),
        lastBuildDate: head.updated.toUTCString(),
        generator: 'dateline',
        'atom:link': { '@_href': head.self.rss, '@_rel': 'self', '@_type': 'application/rss+xml' },
        item: channel.items.map((a) => rssItem(site, a)),
      },
    },
  });
}

/** RSS 2.0 with full text (`content:encoded`) and Media RSS: `/feed.xml`, `/<section>/feed.xml`, `/ar/…`. */
export const rssFormat: OutputFormat = {
  name: 'rss',
  counts: 'feed',
  emit: (site) => feedChannels(site).map((channel) => keyedFile(channel.paths.rss.slice(1), () => rssFeed(site, channel), channelKey(site, channel))),
};
