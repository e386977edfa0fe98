import type { Site } from '../../collections/types.js';
import { channelHead } from '../feed-channel-head.js';
import { channelKey, feedChannels, type FeedChannel } from '../feed-channels.js';
import { feedEntry } from '../feed-item.js';
import { keyedFile, type OutputFormat } from '../types.js';
import { buildXml, xmlText } from '../xml.js';

const ATOM = 'http://www.w3.org/2005/Atom';

/** An Atom text construct holding plain text: `type="text"`, escaped, never read as markup. */
const text = (value: string) => ({ '@_type': 'text', '#text': xmlText(value) });

function atomFeed(site: Site, channel: FeedChannel): string {
  const head = channelHead(site, channel);
  const entry = channel.items.map((a) => {
    const e = feedEntry(site, a);
    return {
      title: text(e.title),
      id: e.id,
      link: { '@_rel': 'alternate', '@_type': 'text/html', '@_href': e.link },
      published: e.published.toISOString(),
      updated: e.updated.toISOString(),
      author: e.authors.map((p) => ({ name: xmlText(p.name), ...(p.url ? { uri: p.url } : {}) })),
      category: e.categories.map((c) => ({ '@_term': xmlText(c.term), '@_label': xmlText(c.label) })),
      summary: text(e.summary),
      // The body is sanitised HTML; as an escaped `type="html"` construct it is read as markup, which it is.
      content: { '@_type': 'html', '#text': xmlText(e.html) },
    };
  });
  return buildXml({
    feed: {
      '@_xmlns': ATOM,
      '@_xml:lang': head.lang,
      id: head.link,
      title: text(head.title),
      subtitle: text(head.description),
      updated: head.updated.toISOString(),
      generator: 'dateline',
      link: [
        { '@_rel': 'alternate', '@_type': 'text/html', '@_href': head.link },
        { '@_rel': 'self', '@_type': 'application/atom+xml', '@_href': head.self.atom },
      ],
      rights: text(head.rights),
      entry,
    },
  });
}

/** Atom 1.0 with full content, authors with their page, published and updated times: `/atom.xml`, `/<section>/atom.xml`… */
export const atomFormat: OutputFormat = {
  name: 'atom',
  counts: 'feed',
  emit: (site) => feedChannels(site).map((channel) => keyedFile(channel.paths.atom.slice(1), () => atomFeed(site, channel), channelKey(site, channel))),
};
