import { feedChannels } from '../feed-channels.js';
import { channelFeed, feedAuthors, feedItem } from '../feed-item.js';
import type { OutputFormat } from '../types.js';

/** Atom 1.0 with full content, authors with their page, published and updated times: `/atom.xml`, `/<section>/atom.xml`… */
export const atomFormat: OutputFormat = {
  name: 'atom',
  counts: 'feed',
  emit(site) {
    return feedChannels(site).map((channel) => {
      const feed = channelFeed(site, channel);
      for (const a of channel.items) feed.addItem({ ...feedItem(site, a), author: feedAuthors(site, a) });
      return { path: channel.paths.atom.slice(1), contents: feed.atom1() };
    });
  },
};
