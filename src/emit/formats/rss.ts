import type { Extension } from 'feed';
import type { ArticleView, Site } from '../../collections/types.js';
import { feedChannels } from '../feed-channels.js';
import { channelFeed, feedAuthors, feedItem, feedLeadPhoto } from '../feed-item.js';
import type { OutputFormat } from '../types.js';
import { absolute } from '../urls.js';
import { addRootNamespaces, NS } from '../xml.js';

/** The lead photo as Media RSS (`media:content` with credit and caption). */
function mediaContent(site: Site, a: ArticleView): Extension | undefined {
  const file = feedLeadPhoto(a);
  if (!file) return undefined;
  const objects: Record<string, unknown> = {
    _attributes: { url: absolute(site, file.url), type: file.type, medium: 'image', width: file.width, height: file.height, fileSize: file.bytes },
  };
  if (a.image?.credit) objects['media:credit'] = { _text: a.image.credit };
  const description = a.image?.caption ?? a.image?.alt;
  if (description) objects['media:description'] = { _attributes: { type: 'plain' }, _text: description };
  return { name: 'media:content', objects };
}

/** RSS item extras: authors as `dc:creator` (RSS's own `author` must be an e-mail), the update time, the lead photo. */
function rssExtensions(site: Site, a: ArticleView): Extension[] {
  const creators = feedAuthors(site, a).map((p) => ({ _text: p.name ?? '' }));
  const extensions: Extension[] = [
    // `feed` writes an extension's objects as the element; an array repeats it, once per author.
    { name: 'dc:creator', objects: creators as unknown as Record<string, unknown> },
    { name: 'atom:updated', objects: { _text: a.modified } },
  ];
  const media = mediaContent(site, a);
  if (media) extensions.push(media);
  return extensions;
}

/** RSS 2.0 with full text (`content:encoded`) and Media RSS: `/feed.xml`, `/<section>/feed.xml`, `/ar/…`. */
export const rssFormat: OutputFormat = {
  name: 'rss',
  counts: 'feed',
  emit(site) {
    return feedChannels(site).map((channel) => {
      const feed = channelFeed(site, channel);
      for (const a of channel.items) feed.addItem({ ...feedItem(site, a), extensions: rssExtensions(site, a) });
      // `feed` has no option for extra root namespaces, and Media RSS needs xmlns:media.
      return { path: channel.paths.rss.slice(1), contents: addRootNamespaces(feed.rss2(), { media: NS.media }) };
    });
  },
};
