import { existsSync, promises as fs } from 'node:fs';
import path from 'node:path';
import { parse as parseToml } from 'smol-toml';
import { parse as parseYaml } from '../vendor/yaml.js';
import { parseSourceDate } from './dates.js';
import { splitFrontMatter, str, stringList } from './front-matter.js';
import { convertHugoShortcodes } from './hugo-shortcodes.js';
import { summaryFromMarkdown } from './markdown-body.js';
import type { ReadOptions, SourceResult, SourceStory } from './types.js';

interface HugoConfig {
  baseURL?: string;
  contentDir?: string;
  staticDir?: string | string[];
  permalinks?: Record<string, unknown>;
  uglyURLs?: boolean;
}

async function readConfig(site: string): Promise<HugoConfig> {
  for (const name of ['hugo.toml', 'hugo.yaml', 'hugo.yml', 'hugo.json', 'config.toml', 'config.yaml', 'config.yml', 'config.json']) {
    const file = path.join(site, name);
    if (!existsSync(file)) continue;
    const text = await fs.readFile(file, 'utf8');
    if (name.endsWith('.toml')) return parseToml(text) as HugoConfig;
    if (name.endsWith('.json')) return JSON.parse(text) as HugoConfig;
    return (parseYaml(text) ?? {}) as HugoConfig;
  }
  throw new Error('it is not a Hugo site: there is no hugo.toml, hugo.yaml, config.toml or config.yaml.');
}

async function markdownFiles(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const entry of await fs.readdir(dir, { withFileTypes: true }).catch(() => [])) {
    const p = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...(await markdownFiles(p)));
    else if (/\.(?:md|markdown|html)$/i.test(entry.name)) out.push(p);
  }
  return out.sort();
}

/** Hugo's permalink tokens for one page (`/:year/:month/:slug/`). */
function expandHugoPermalink(pattern: string, v: { date: unknown; slug: string; title: string; section: string; filename: string }): string {
  // The date as written: Hugo takes year, month and day from it, in its own offset.
  const written = typeof v.date === 'object' && v.date && 'toISOString' in v.date ? (v.date as Date).toISOString() : String(v.date ?? '');
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(written);
  const title = v.title.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, '-').replace(/^-|-$/g, '');
  return pattern
    .replace(/:year/g, m?.[1] ?? '')
    .replace(/:month/g, m?.[2] ?? '')
    .replace(/:day/g, m?.[3] ?? '')
    .replace(/:(?:sections?|type)/g, v.section)
    .replace(/:slugorcontentbasename|:slugorfilename|:slug/g, v.slug)
    .replace(/:contentbasename|:filename/g, v.filename)
    .replace(/:title/g, title);
}

/** Reads a Hugo site folder: every page under content/ (sections become stories, top-level files pages). */
export async function readHugo(site: string, options: ReadOptions): Promise<SourceResult> {
  const config = await readConfig(site);
  const contentDir = path.join(site, config.contentDir ?? 'content');
  const staticDirs = (Array.isArray(config.staticDir) ? config.staticDir : [config.staticDir ?? 'static']).map((d) => path.join(site, d));
  const origin = config.baseURL ? new URL(config.baseURL).origin : undefined;
  const files = await markdownFiles(contentDir);
  const stories: SourceStory[] = [];
  const byPath = new Map<string, SourceStory>();
  const categories = new Map<string, string>();
  const pending: { story: SourceStory; body: string }[] = [];

  for (const file of files) {
    const relPath = path.relative(contentDir, file).split(path.sep).join('/');
    const base = path.basename(file).replace(/\.[^.]+$/, '');
    if (base === '_index') continue;
    const ref = path.relative(process.cwd(), file) || file;
    const notes: SourceStory['notes'] = [];
    const story: SourceStory = { kind: 'article', ref, authors: [], categories: [], tags: [], body: { format: 'markdown', text: '' }, oldUrls: [], notes, baseDir: path.dirname(file), assetDirs: [...staticDirs, path.join(site, 'assets')] };
    let doc;
    try {
      doc = splitFrontMatter(await fs.readFile(file, 'utf8'));
    } catch (err) {
      story.skip = { reason: `its front matter cannot be read: ${(err as Error).message.split('\n')[0]}`, ruleId: 'import:skipped' };
      stories.push(story);
      continue;
    }
    const fm = doc.data;
    const parts = relPath.split('/');
    const bundle = base === 'index' && parts.length > 1;
    const section = parts.length > (bundle ? 2 : 1) ? parts[0]! : '';
    if (!section) story.kind = 'page';
    const filename = bundle ? parts[parts.length - 2]! : base;
    const title = str(fm.title);
    if (title) story.title = title;
    story.slug = str(fm.slug) ?? filename;
    const date = parseSourceDate(fm.date, options.timezone);
    const publish = parseSourceDate(fm.publishDate ?? fm.publishdate, options.timezone);
    const time = date !== undefined && publish !== undefined && publish > date ? publish : (date ?? publish);
    if (time !== undefined) story.time = time;
    if (date !== undefined && publish !== undefined && publish > date) notes.push({ reason: 'publishDate is later than date; it is the date (an embargo until then)', ruleId: 'import:date-choice' });
    const lastmod = parseSourceDate(fm.lastmod, options.timezone);
    if (lastmod !== undefined && time !== undefined && lastmod - time > 60_000) story.updatedTime = lastmod;
    const expiry = parseSourceDate(fm.expiryDate ?? fm.expirydate, options.timezone);
    if (expiry !== undefined) story.expiresTime = expiry;
    if (fm.draft === true || fm.draft === 'true') story.draft = true;
    const summary = str(fm.summary) ?? str(fm.description);
    if (summary) story.summary = summary;
    story.authors = stringList(fm.authors ?? fm.author);
    story.categories = stringList(fm.categories);
    for (const c of story.categories) if (!categories.has(c)) categories.set(c, c);
    if (!story.categories.length && section) {
      story.categories = [section];
      categories.set(section, section.charAt(0).toUpperCase() + section.slice(1));
    }
    story.tags = stringList(fm.tags);
    const image = stringList(fm.images ?? fm.image ?? fm.featured_image ?? fm.cover)[0] ?? str((fm.cover as Record<string, unknown> | undefined)?.image);
    if (image) story.image = { src: image, ...(str((fm.cover as Record<string, unknown> | undefined)?.alt) ? { alt: str((fm.cover as Record<string, unknown>).alt)! } : {}) };
    const url = str(fm.url);
    const pattern = typeof config.permalinks?.[section] === 'string' ? (config.permalinks[section] as string) : undefined;
    const old = url ?? (pattern ? expandHugoPermalink(pattern, { date: fm.date ?? fm.publishDate, slug: story.slug, title: title ?? '', section, filename }) : `/${section ? section + '/' : ''}${story.slug}/`);
    story.oldUrls.push(old.replace(/\/{2,}/g, '/'), ...stringList(fm.aliases));
    if (origin) story.baseUrl = origin + '/';
    if (!story.summary) {
      const s = summaryFromMarkdown(doc.body.replace(/\{\{[<%][\s\S]*?[>%]\}\}/g, ''));
      if (s) story.summary = s;
    }
    stories.push(story);
    byPath.set(relPath, story);
    byPath.set(relPath.replace(/\.[^.]+$/, ''), story);
    if (bundle) byPath.set(parts.slice(0, -1).join('/'), story);
    pending.push({ story, body: doc.body });
  }
  // Shortcodes last: ref/relref need every page's old URL.
  const resolveRef = (target: string): string | undefined => {
    const key = target.replace(/^\//, '').replace(/\.md$/, '');
    const hit = byPath.get(key) ?? byPath.get(key + '.md') ?? [...byPath.entries()].find(([k]) => k.endsWith('/' + key) || k.endsWith('/' + key + '.md'))?.[1];
    return hit?.oldUrls[0];
  };
  for (const { story, body } of pending) story.body.text = convertHugoShortcodes(body, resolveRef, story.notes);
  const result: SourceResult = { stories, authors: [], categories };
  if (origin) result.origin = origin;
  return result;
}
