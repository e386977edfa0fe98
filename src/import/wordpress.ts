import { promises as fs } from 'node:fs';
import { XMLParser } from '../vendor/xml.js';
import { parseSourceDate } from './dates.js';
import { htmlToText, splitCredit } from './html-to-markdown.js';
import { wordpressBodyToHtml, type GalleryPhoto } from './wordpress-body.js';
import type { ReadOptions, SourceAuthor, SourceResult, SourceStory } from './types.js';

type Node = Record<string, unknown>;

const ARRAYS = new Set(['item', 'wp:author', 'wp:category', 'wp:tag', 'wp:term', 'category', 'wp:postmeta', 'wp:comment']);

/** Text of an element as the parser returns it (a string, or `{#text, @_attr}`). */
export function text(value: unknown): string {
  if (value === undefined || value === null) return '';
  if (typeof value === 'object') return text((value as Node)['#text']);
  return String(value);
}

/** WordPress's own post types that are not content (menus, revisions, styles, blocks). */
const INTERNAL_TYPES = new Set(['nav_menu_item', 'revision', 'wp_block', 'wp_template', 'wp_template_part', 'wp_global_styles', 'wp_navigation', 'custom_css', 'customize_changeset', 'oembed_cache', 'user_request', 'wp_font_family', 'wp_font_face']);

interface Attachment extends GalleryPhoto {
  id: string;
  parent: string;
  order: number;
}

function meta(item: Node): Map<string, string> {
  const out = new Map<string, string>();
  for (const m of (item['wp:postmeta'] as Node[] | undefined) ?? []) out.set(text(m['wp:meta_key']), text(m['wp:meta_value']));
  return out;
}

/** Reads a WordPress export (WXR): posts, pages, attachments, authors and categories. */
export async function readWordpress(file: string, options: ReadOptions): Promise<SourceResult> {
  const xml = await fs.readFile(file, 'utf8');
  const parser = new XMLParser({
    ignoreAttributes: false,
    parseTagValue: false,
    parseAttributeValue: false,
    processEntities: true,
    htmlEntities: true,
    trimValues: true,
    isArray: (name) => ARRAYS.has(name),
  });
  const doc = parser.parse(xml) as Node;
  const channel = ((doc.rss as Node | undefined)?.channel ?? {}) as Node;
  if (!doc.rss || !channel) throw new Error(`${file} is not a WordPress export: it has no <rss><channel>.`);
  const items = (channel.item as Node[] | undefined) ?? [];
  const origin = (() => {
    try {
      return new URL(text(channel['wp:base_blog_url']) || text(channel.link)).origin;
    } catch {
      return undefined;
    }
  })();

  const authors: SourceAuthor[] = ((channel['wp:author'] as Node[] | undefined) ?? []).map((a) => {
    const login = text(a['wp:author_login']);
    const display = text(a['wp:author_display_name']) || [text(a['wp:author_first_name']), text(a['wp:author_last_name'])].filter(Boolean).join(' ') || login;
    const author: SourceAuthor = { key: login, name: display };
    const email = text(a['wp:author_email']);
    if (email) author.email = email;
    return author;
  });
  const categories = new Map<string, string>();
  for (const c of (channel['wp:category'] as Node[] | undefined) ?? []) categories.set(text(c['wp:category_nicename']), htmlToText(text(c['wp:cat_name'])));

  const attachments = new Map<string, Attachment>();
  items.forEach((item, order) => {
    if (text(item['wp:post_type']) !== 'attachment') return;
    const id = text(item['wp:post_id']);
    const m = meta(item);
    const a: Attachment = { id, parent: text(item['wp:post_parent']), order: Number(text(item['wp:menu_order'])) || order, url: text(item['wp:attachment_url']) || text(item.guid) };
    const alt = m.get('_wp_attachment_image_alt');
    if (alt) a.alt = alt;
    const caption = htmlToText(text(item['excerpt:encoded']));
    if (caption) a.caption = caption;
    attachments.set(id, a);
  });

  const stories: SourceStory[] = [];
  for (const item of items) {
    const type = text(item['wp:post_type']) || 'post';
    if (type === 'attachment' || INTERNAL_TYPES.has(type)) continue;
    const id = text(item['wp:post_id']);
    const rawTitle = text(item.title);
    const title = htmlToText(rawTitle);
    const ref = `wordpress ${type} ${id}${title ? ` “${title}”` : ''}`;
    const status = text(item['wp:status']);
    const m = meta(item);
    const notes: SourceStory['notes'] = [];
    const story: SourceStory = {
      kind: type === 'page' ? 'page' : 'article',
      ref,
      authors: text(item['dc:creator']) ? [text(item['dc:creator'])] : [],
      categories: [],
      tags: [],
      body: { format: 'html', text: '' },
      oldUrls: [],
      notes,
    };
    if (type !== 'post' && type !== 'page') story.skip = { reason: `post type “${type}” is not a story or a page`, ruleId: 'import:skipped' };
    if (status === 'trash') story.skip = { reason: 'in the trash', ruleId: 'import:skipped' };
    if (status === 'auto-draft') story.skip = { reason: 'an empty auto-draft', ruleId: 'import:skipped' };
    if (title) story.title = title;
    const slug = safeDecode(text(item['wp:post_name']));
    if (slug) story.slug = slug;
    const gmt = parseSourceDate(text(item['wp:post_date_gmt']), 'UTC');
    const time = gmt ?? parseSourceDate(text(item['wp:post_date']), options.timezone) ?? parseSourceDate(text(item.pubDate), options.timezone);
    if (time !== undefined) story.time = time;
    const modified = parseSourceDate(text(item['wp:post_modified_gmt']), 'UTC') ?? parseSourceDate(text(item['wp:post_modified']), options.timezone);
    if (modified !== undefined && time !== undefined && modified - time > 60_000) story.updatedTime = modified;
    if (status === 'draft' || status === 'pending') story.draft = true;
    if (status === 'private') {
      story.draft = true;
      notes.push({ reason: 'private on the old site; imported as a draft', ruleId: 'import:not-public' });
    }
    if (text(item['wp:post_password'])) {
      story.draft = true;
      notes.push({ reason: 'password-protected on the old site; imported as a draft', ruleId: 'import:not-public' });
    }
    for (const c of (item.category as Node[] | undefined) ?? []) {
      const key = String(c['@_nicename'] ?? '') || text(c);
      if (c['@_domain'] === 'category') {
        story.categories.push(key);
        if (!categories.has(key)) categories.set(key, htmlToText(text(c)));
      } else if (c['@_domain'] === 'post_tag') story.tags.push(key);
    }
    const excerpt = htmlToText(text(item['excerpt:encoded']));
    if (excerpt) story.summary = excerpt;
    const gallery = (attrs: Record<string, string>): GalleryPhoto[] => {
      const ids = attrs.ids ?? attrs.include;
      if (ids) return ids.split(',').map((s) => attachments.get(s.trim())).filter((a): a is Attachment => !!a);
      return [...attachments.values()].filter((a) => a.parent === id).sort((a, b) => a.order - b.order);
    };
    story.body.text = wordpressBodyToHtml(text(item['content:encoded']), { gallery, notes });
    const thumb = attachments.get(m.get('_thumbnail_id') ?? '');
    if (thumb) story.image = { src: thumb.url, ...(thumb.alt ? { alt: thumb.alt } : {}), ...(thumb.caption ? splitCredit(thumb.caption) : {}) };
    else if (m.get('_thumbnail_id')) notes.push({ reason: `featured image ${m.get('_thumbnail_id')} is not in the export`, ruleId: 'import:media-missing' });
    const link = text(item.link);
    if (link && !/[?&](?:p|page_id|attachment_id)=\d+/.test(link) && status !== 'draft' && status !== 'pending') story.oldUrls.push(link);
    if (origin) story.baseUrl = origin + '/';
    stories.push(story);
  }
  const result: SourceResult = { stories, authors, categories };
  if (origin) result.origin = origin;
  return result;
}

/** `%e2%80%a6`-encoded slugs as text; a malformed one as it is. */
function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}
