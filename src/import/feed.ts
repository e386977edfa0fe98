import { promises as fs } from 'node:fs';
import { XMLParser } from '../vendor/xml.js';
import { parseSourceDate } from './dates.js';
import { htmlToText } from './html-to-markdown.js';
import { text } from './wordpress.js';
import type { ReadOptions, SourceAuthor, SourceResult, SourceStory } from './types.js';

type Node = Record<string, unknown>;

const list = (v: unknown): Node[] => (v === undefined || v === null ? [] : Array.isArray(v) ? v : [v]) as Node[];

const entityParser = new XMLParser({ processEntities: true, htmlEntities: true, parseTagValue: false, trimValues: false });

/** An Atom text construct kept raw by the parser → HTML (`type="html"` is escaped, `xhtml` is markup, `text` is text). */
function atomHtml(value: unknown): string {
  if (value === undefined || value === null) return '';
  const raw = text(value);
  const type = typeof value === 'object' ? String((value as Node)['@_type'] ?? 'text') : 'text';
  if (type === 'xhtml') return raw.replace(/^\s*<div[^>]*>|<\/div>\s*$/g, '');
  const decoded = text((entityParser.parse(`<x>${raw}</x>`) as Node).x);
  if (type === 'html' || /^text\/html/.test(type)) return decoded;
  return decoded.replace(/&/g, '&amp;').replace(/</g, '&lt;').split(/\n\s*\n/).map((p) => `<p>${p}</p>`).join('\n');
}

async function load(input: string): Promise<string> {
  if (!/^https?:\/\//i.test(input)) return fs.readFile(input, 'utf8');
  const res = await fetch(input, { signal: AbortSignal.timeout(60_000), headers: { accept: 'application/rss+xml, application/atom+xml, application/feed+json, application/json, application/xml;q=0.9, */*;q=0.5' } });
  if (!res.ok) throw new Error(`the feed answered ${res.status} ${res.statusText}.`);
  return res.text();
}

function story(ref: string, notes: SourceStory['notes']): SourceStory {
  return { kind: 'article', ref, authors: [], categories: [], tags: [], body: { format: 'html', text: '' }, oldUrls: [], notes };
}

/** Full content when the feed has it; otherwise the summary, with a note that the body is partial. */
function body(s: SourceStory, full: string, summary: string): void {
  if (full.trim()) s.body.text = full;
  else if (summary.trim()) {
    s.body.text = summary;
    s.notes.push({ reason: 'the feed gives only a summary; the body is partial', ruleId: 'import:partial-body' });
  }
  const sum = htmlToText(summary);
  if (sum && full.trim()) s.summary = sum.length > 300 ? sum.slice(0, 300).replace(/\s\S*$/, '') + '…' : sum;
}

function readJsonFeed(json: Node, options: ReadOptions): SourceResult {
  const authors = new Map<string, SourceAuthor>();
  const stories = list(json.items).map((item, i) => {
    const s = story(`feed item ${i + 1}${item.title ? ` “${String(item.title)}”` : ''}`, []);
    if (item.title) s.title = htmlToText(String(item.title));
    const time = parseSourceDate(item.date_published, options.timezone);
    if (time !== undefined) s.time = time;
    const mod = parseSourceDate(item.date_modified, options.timezone);
    if (mod !== undefined && time !== undefined && mod - time > 60_000) s.updatedTime = mod;
    const html = String(item.content_html ?? '') || (item.content_text ? String(item.content_text).replace(/&/g, '&amp;').replace(/</g, '&lt;').split(/\n\s*\n/).map((p) => `<p>${p}</p>`).join('') : '');
    body(s, html, String(item.summary ?? ''));
    for (const a of [...list(item.authors), ...list(item.author)]) {
      const name = String(a.name ?? '').trim();
      if (!name) continue;
      s.authors.push(name);
      authors.set(name, { key: name, name, ...(a.url ? { url: String(a.url) } : {}) });
    }
    s.tags = list(item.tags).map(String);
    const image = String(item.image ?? item.banner_image ?? '');
    if (image) s.image = { src: image };
    if (item.url) s.oldUrls.push(String(item.url));
    if (item.url) s.baseUrl = String(item.url);
    return s;
  });
  const home = String(json.home_page_url ?? '');
  return { stories, authors: [...authors.values()], categories: new Map(), ...(home ? { origin: new URL(home).origin } : {}) };
}

/** Reads an RSS 2.0, Atom or JSON Feed document from a file or URL. */
export async function readFeed(input: string, options: ReadOptions): Promise<SourceResult> {
  const raw = (await load(input)).replace(/^\uFEFF/, '');
  if (raw.trimStart().startsWith('{')) return readJsonFeed(JSON.parse(raw) as Node, options);
  const parser = new XMLParser({
    ignoreAttributes: false,
    parseTagValue: false,
    processEntities: true,
    htmlEntities: true,
    stopNodes: ['feed.entry.content', 'feed.entry.summary', 'feed.entry.title'],
    isArray: (name) => ['item', 'entry', 'category', 'link', 'author', 'dc:creator'].includes(name),
  });
  const doc = parser.parse(raw) as Node;
  const authors = new Map<string, SourceAuthor>();
  const categories = new Map<string, string>();
  const stories: SourceStory[] = [];
  let origin: string | undefined;
  if (doc.rss) {
    const channel = (doc.rss as Node).channel as Node;
    const home = text(list(channel.link)[0]);
    if (/^https?:/.test(home)) origin = new URL(home).origin;
    list(channel.item).forEach((item, i) => {
      const title = htmlToText(text(item.title));
      const s = story(`feed item ${i + 1}${title ? ` “${title}”` : ''}`, []);
      if (title) s.title = title;
      const time = parseSourceDate(text(item.pubDate) || text(item['dc:date']), options.timezone);
      if (time !== undefined) s.time = time;
      body(s, text(item['content:encoded']), text(item.description));
      for (const a of [...list(item['dc:creator']), ...list(item.author)]) {
        const name = text(a).replace(/^\S+@\S+\s*\((.*)\)$/, '$1').trim();
        if (name && !/^\S+@\S+$/.test(name)) {
          s.authors.push(name);
          authors.set(name, { key: name, name });
        }
      }
      for (const c of list(item.category)) {
        const name = text(c).trim();
        if (name && !s.categories.includes(name)) s.categories.push(name);
        if (name) categories.set(name, name);
      }
      s.tags = s.categories.slice(1);
      const media = list(item['media:content'])[0] ?? list(item.enclosure).find((e) => /^image\//.test(String(e['@_type'] ?? '')));
      const src = media ? String(media['@_url'] ?? '') : '';
      if (src) s.image = { src, ...(text(list(item['media:content'])[0]?.['media:description']) ? { alt: text(list(item['media:content'])[0]!['media:description']) } : {}) };
      const link = text(list(item.link)[0]) || (String((item.guid as Node | undefined)?.['@_isPermaLink'] ?? 'true') !== 'false' ? text(item.guid) : '');
      if (link) s.oldUrls.push(link);
      if (/^https?:/.test(link)) s.baseUrl = link;
      stories.push(s);
    });
  } else if (doc.feed) {
    const feed = doc.feed as Node;
    const alt = list(feed.link).find((l) => (l['@_rel'] ?? 'alternate') === 'alternate');
    if (alt && /^https?:/.test(String(alt['@_href']))) origin = new URL(String(alt['@_href'])).origin;
    list(feed.entry).forEach((entry, i) => {
      const title = htmlToText(atomHtml(entry.title));
      const s = story(`feed entry ${i + 1}${title ? ` “${title}”` : ''}`, []);
      if (title) s.title = title;
      const time = parseSourceDate(text(entry.published) || text(entry.updated), options.timezone);
      if (time !== undefined) s.time = time;
      const upd = parseSourceDate(text(entry.updated), options.timezone);
      if (upd !== undefined && time !== undefined && upd - time > 60_000) s.updatedTime = upd;
      const content = entry.content as Node | undefined;
      const external = content && typeof content === 'object' && content['@_src'];
      body(s, external ? '' : atomHtml(content), atomHtml(entry.summary));
      for (const a of list(entry.author)) {
        const name = text(a.name).trim();
        if (!name) continue;
        s.authors.push(name);
        authors.set(name, { key: name, name, ...(text(a.uri) ? { url: text(a.uri) } : {}), ...(text(a.email) ? { email: text(a.email) } : {}) });
      }
      for (const c of list(entry.category)) {
        const term = String(c['@_term'] ?? '').trim();
        if (!term) continue;
        s.categories.push(term);
        categories.set(term, String(c['@_label'] ?? term));
      }
      s.tags = s.categories.slice(1);
      const link = list(entry.link).find((l) => (l['@_rel'] ?? 'alternate') === 'alternate');
      const href = link ? String(link['@_href']) : '';
      if (href) s.oldUrls.push(href);
      if (/^https?:/.test(href)) s.baseUrl = href;
      stories.push(s);
    });
  } else throw new Error('it is not an RSS 2.0, Atom or JSON feed.');
  return { stories, authors: [...authors.values()], categories, ...(origin ? { origin } : {}) };
}
