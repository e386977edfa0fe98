import { Feed, type Item } from 'feed';
import type { ArticleView, Site } from '../../collections/types.js';
import type { EmittedFile, OutputFormat } from '../types.js';
import { absolute, feedHtml, feedPaths, jpegNear } from '../urls.js';

/** Items per feed. */
export const FEED_SIZE = 50;

interface Channel {
  lang: string;
  section?: string;
  title: string;
  description: string;
  link: string;
  articles: ArticleView[];
}

/** Every feed channel: one per language, and one per section per language. */
export function feedChannels(site: Site): Channel[] {
  const { config } = site;
  const channels: Channel[] = [];
  for (const { code: lang } of config.languages) {
    const articles = site.articles.filter((a) => a.lang === lang);
    if (articles.length === 0 && lang !== config.language) continue;
    const name = config.name[lang] ?? config.name[config.language] ?? '';
    const prefix = lang === config.language ? '' : `/${lang}`;
    channels.push({ lang, title: name, description: config.description[lang] ?? config.description[config.language] ?? name, link: `${prefix}/`, articles });
    for (const s of config.sections) {
      const inSection = articles.filter((a) => a.section === s.id);
      if (inSection.length === 0) continue;
      const title = s.title[lang] ?? s.title[config.language] ?? s.id;
      channels.push({ lang, section: s.id, title: `${title} · ${name}`, description: s.description[lang] ?? s.description[config.language] ?? title, link: `${prefix}/${s.id}/`, articles: inSection });
    }
  }
  return channels;
}

function authorsOf(site: Site, a: ArticleView) {
  if (a.authorList.length === 0) return [{ name: a.byline ?? site.config.name[a.lang] ?? '' }];
  return a.authorList.map((p) => ({ name: p.name, link: absolute(site, `/authors/${p.id}/`) }));
}

function item(site: Site, a: ArticleView): Item {
  const it: Item = {
    title: a.title,
    id: a.guid,
    guid: a.guid,
    link: absolute(site, a.url),
    date: new Date(a.modifiedTime),
    published: new Date(a.time),
    description: a.summary,
    content: feedHtml(site, a),
    author: authorsOf(site, a),
    category: [{ name: a.sectionInfo.title[a.lang] ?? a.sectionInfo.title[site.config.language] ?? a.section }, ...a.tags.map((t) => ({ name: t }))],
  };
  const lead = a.lead ? jpegNear(a.lead, 1200) : undefined;
  if (a.lead && lead) {
    const media: Record<string, unknown> = {
      _attributes: { url: absolute(site, lead.url), width: lead.width, height: lead.height, type: lead.type, medium: 'image', fileSize: lead.bytes },
    };
    if (a.image?.credit) media['media:credit'] = { _text: a.image.credit };
    if (a.image?.caption ?? a.image?.alt) media['media:description'] = { _text: a.image?.caption ?? a.image?.alt };
    it.extensions = [{ name: 'media:content', objects: media }];
  }
  return it;
}

/** JSON Feed 1.1 (https://www.jsonfeed.org/version/1.1/): plain JSON, so it is built directly. */
function jsonFeed(site: Site, ch: Channel, paths: { json: string }, items: ArticleView[]): string {
  return JSON.stringify(
    {
      version: 'https://jsonfeed.org/version/1.1',
      title: ch.title,
      description: ch.description,
      home_page_url: absolute(site, ch.link),
      feed_url: absolute(site, paths.json),
      language: ch.lang,
      items: items.map((a) => {
        const lead = a.lead ? jpegNear(a.lead, 1200) : undefined;
        return {
          id: a.guid,
          url: absolute(site, a.url),
          title: a.title,
          summary: a.summary,
          content_html: feedHtml(site, a),
          ...(lead ? { image: absolute(site, lead.url) } : {}),
          date_published: new Date(a.time).toISOString(),
          date_modified: new Date(a.modifiedTime).toISOString(),
          authors: authorsOf(site, a).map((p) => ({ name: p.name, ...('link' in p ? { url: p.link } : {}) })),
          tags: a.tags,
          language: a.lang,
        };
      }),
    },
    null,
    2,
  );
}

/** RSS 2.0 (with Media RSS), Atom and JSON Feed for every channel. */
export const feedsFormat: OutputFormat = {
  name: 'feeds',
  counts: 'feed',
  emit(site) {
    const files: EmittedFile[] = [];
    for (const ch of feedChannels(site)) {
      const paths = feedPaths(site, ch.lang, ch.section);
      const items = ch.articles.slice(0, FEED_SIZE);
      const feed = new Feed({
        id: absolute(site, ch.link),
        title: ch.title,
        description: ch.description,
        link: absolute(site, ch.link),
        language: ch.lang,
        updated: new Date(Math.max(0, ...items.map((a) => a.modifiedTime))),
        generator: 'dateline',
        feedLinks: { rss: absolute(site, paths.rss), atom: absolute(site, paths.atom), json: absolute(site, paths.json) },
        copyright: `© ${site.config.name[ch.lang] ?? site.config.name[site.config.language]}`,
      });
      for (const a of items) feed.addItem(item(site, a));
      // `feed` has no option for extra namespaces; Media RSS needs xmlns:media on the root element.
      const rss = feed.rss2().replace('<rss version="2.0"', '<rss version="2.0" xmlns:media="http://search.yahoo.com/mrss/"');
      files.push({ path: paths.rss.slice(1), contents: rss });
      files.push({ path: paths.atom.slice(1), contents: feed.atom1() });
      files.push({ path: paths.json.slice(1), contents: jsonFeed(site, ch, paths, items) });
    }
    return files;
  },
};
