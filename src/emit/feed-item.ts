import type { ArticleView, Site } from '../collections/types.js';
import { authorLabel, tagLabel } from '../collections/labels.js';
import type { PhotoFile } from '../images/types.js';
import { feedHtml } from './feed-html.js';
import { absolute, jpegNear, localized } from './urls.js';

/** Width of the lead photo JPEG offered to feed readers. */
const LEAD_WIDTH = 1200;

/** A person credited on an item: a plain-text name and, for a named author, their page. */
export interface FeedPerson {
  name: string;
  url?: string;
}

/** A category of an item: a stable term and a plain-text label in the item's language. */
export interface FeedCategory {
  term: string;
  label: string;
}

/** What every feed format says about one article; every field but `html` is plain text. */
export interface FeedEntry {
  title: string;
  summary: string;
  /** The body as HTML with absolute URLs. */
  html: string;
  id: string;
  link: string;
  published: Date;
  updated: Date;
  authors: FeedPerson[];
  categories: FeedCategory[];
}

/** The people credited on an article, named in its language: authors with their page, or the free-text byline. */
export function feedAuthors(site: Site, a: ArticleView): FeedPerson[] {
  if (a.authorList.length === 0) return [{ name: a.byline ?? localized(site, site.config.name, a.lang) }];
  return a.authorList.map((p) => ({ name: authorLabel(p, a.lang), url: absolute(site, `/authors/${p.id}/`) }));
}

/** Categories of an article in its language: its section's title, then its tags. */
export function feedCategories(site: Site, a: ArticleView): FeedCategory[] {
  const section = localized(site, a.sectionInfo.title, a.lang) || a.section;
  return [{ term: a.section, label: section }, ...a.tags.map((t) => ({ term: t, label: tagLabel(site.config, t, a.lang) }))];
}

/** The lead photo's JPEG for feeds, when the article has one. */
export function feedLeadPhoto(a: ArticleView): PhotoFile | undefined {
  return a.lead ? jpegNear(a.lead, LEAD_WIDTH) : undefined;
}

/** The fields every feed format shares: stable id, absolute link, dates, plain-text title and summary, full HTML. */
export function feedEntry(site: Site, a: ArticleView): FeedEntry {
  return {
    title: a.title,
    summary: a.summary,
    html: feedHtml(site, a),
    id: a.guid,
    link: absolute(site, a.url),
    published: new Date(a.time),
    updated: new Date(a.modifiedTime),
    authors: feedAuthors(site, a),
    categories: feedCategories(site, a),
  };
}
