import type { Site } from '../collections/types.js';
import { channelUpdated, type FeedChannel } from './feed-channels.js';
import { absolute, localized } from './urls.js';

/** What the head of every XML feed says about its channel, as plain text and absolute URLs. */
export interface ChannelHead {
  title: string;
  description: string;
  link: string;
  self: { rss: string; atom: string };
  lang: string;
  updated: Date;
  rights: string;
}

/** The head of a channel's XML feeds. */
export function channelHead(site: Site, channel: FeedChannel): ChannelHead {
  return {
    title: channel.title,
    description: channel.description,
    link: absolute(site, channel.link),
    self: { rss: absolute(site, channel.paths.rss), atom: absolute(site, channel.paths.atom) },
    lang: channel.lang,
    updated: channelUpdated(site, channel),
    rights: `© ${localized(site, site.config.name, channel.lang)}`,
  };
}
