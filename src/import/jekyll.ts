import { existsSync, promises as fs } from 'node:fs';
import path from 'node:path';
import { parse as parseYaml } from '../vendor/yaml.js';
import { parseSourceDate } from './dates.js';
import { splitFrontMatter, str, stringList } from './front-matter.js';
import { convertLiquid } from './jekyll-liquid.js';
import { summaryFromMarkdown } from './markdown-body.js';
import type { ReadOptions, SourceResult, SourceStory } from './types.js';

interface JekyllConfig {
  url?: string;
  baseurl?: string;
  permalink?: string;
}

const PRESETS: Record<string, string> = {
  date: '/:categories/:year/:month/:day/:title:output_ext',
  pretty: '/:categories/:year/:month/:day/:title/',
  ordinal: '/:categories/:year/:y_day/:title:output_ext',
  weekdate: '/:categories/:year/W:week/:short_day/:title:output_ext',
  none: '/:categories/:title:output_ext',
};

async function files(dir: string, re: RegExp): Promise<string[]> {
  const out: string[] = [];
  for (const entry of await fs.readdir(dir, { withFileTypes: true }).catch(() => [])) {
    const p = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...(await files(p, re)));
    else if (re.test(entry.name)) out.push(p);
  }
  return out.sort();
}

/** Jekyll's permalink for a post (`/:categories/:year/:month/:day/:title:output_ext`). */
function expandJekyllPermalink(pattern: string, v: { y: string; m: string; d: string; title: string; categories: string[] }): string {
  const p = (PRESETS[pattern] ?? pattern)
    .replace(/:categories/g, v.categories.map((c) => c.toLowerCase().replace(/\s+/g, '-')).join('/'))
    .replace(/:year/g, v.y)
    .replace(/:short_year/g, v.y.slice(2))
    .replace(/:i_month/g, String(Number(v.m)))
    .replace(/:month/g, v.m)
    .replace(/:i_day/g, String(Number(v.d)))
    .replace(/:day/g, v.d)
    .replace(/:(?:title|slug)/g, v.title)
    .replace(/:output_ext/g, '.html');
  return p.replace(/\/{2,}/g, '/');
}

/** Reads a Jekyll site folder: `_posts/` (and `_drafts/`) as stories, top-level Markdown pages as pages. */
export async function readJekyll(site: string, options: ReadOptions): Promise<SourceResult> {
  const configFile = ['_config.yml', '_config.yaml'].map((f) => path.join(site, f)).find((f) => existsSync(f));
  if (!configFile && !existsSync(path.join(site, '_posts'))) throw new Error('it is not a Jekyll site: there is no _config.yml and no _posts/ folder.');
  const config = (configFile ? (parseYaml(await fs.readFile(configFile, 'utf8')) ?? {}) : {}) as JekyllConfig;
  const origin = config.url ? new URL(config.url).origin : undefined;
  const base = (config.baseurl ?? '').replace(/\/$/, '');
  const stories: SourceStory[] = [];
  const byName = new Map<string, SourceStory>();
  const pending: { story: SourceStory; body: string }[] = [];
  const categories = new Map<string, string>();
  const posts = (await files(path.join(site, '_posts'), /\.(?:md|markdown|html)$/i)).map((f) => ({ f, draft: false }));
  const drafts = (await files(path.join(site, '_drafts'), /\.(?:md|markdown|html)$/i)).map((f) => ({ f, draft: true }));
  const pages = (await fs.readdir(site)).filter((n) => /\.(?:md|markdown)$/i.test(n) && !/^(?:index|readme|404|changelog|license)\./i.test(n)).map((n) => ({ f: path.join(site, n), draft: false, page: true }));

  for (const { f, draft, page } of [...posts, ...drafts, ...pages] as { f: string; draft: boolean; page?: boolean }[]) {
    const name = path.basename(f).replace(/\.[^.]+$/, '');
    const ref = path.relative(process.cwd(), f) || f;
    const notes: SourceStory['notes'] = [];
    const story: SourceStory = { kind: page ? 'page' : 'article', ref, authors: [], categories: [], tags: [], body: { format: 'markdown', text: '' }, oldUrls: [], notes, baseDir: path.dirname(f), assetDirs: [site] };
    stories.push(story);
    let doc;
    try {
      doc = splitFrontMatter(await fs.readFile(f, 'utf8'));
    } catch (err) {
      story.skip = { reason: `its front matter cannot be read: ${(err as Error).message.split('\n')[0]}`, ruleId: 'import:skipped' };
      continue;
    }
    if (page && doc.format === 'none') {
      stories.pop();
      continue;
    }
    const fm = doc.data;
    if (fm.published === false) story.skip = { reason: '`published: false` on the old site', ruleId: 'import:skipped' };
    const fileDate = /^(\d{4})-(\d{2})-(\d{2})-(.+)$/.exec(name);
    const slug = str(fm.slug) ?? (fileDate ? fileDate[4]! : name);
    story.slug = slug;
    const title = str(fm.title);
    if (title) story.title = title;
    const fmTime = parseSourceDate(fm.date, options.timezone);
    const fileTime = fileDate ? parseSourceDate(`${fileDate[1]}-${fileDate[2]}-${fileDate[3]}`, options.timezone) : undefined;
    const time = fmTime ?? fileTime;
    if (time !== undefined) story.time = time;
    const written = typeof fm.date === 'string' ? fm.date : '';
    if (fmTime !== undefined && fileDate && !written.startsWith(`${fileDate[1]}-${fileDate[2]}-${fileDate[3]}`)) {
      notes.push({ reason: `front matter date ${written || String(fm.date)} wins over the file name's ${fileDate[1]}-${fileDate[2]}-${fileDate[3]}`, ruleId: 'import:date-choice' });
    }
    if (draft) story.draft = true;
    const lastmod = parseSourceDate(fm.last_modified_at ?? fm.updated ?? fm.modified, options.timezone);
    if (lastmod !== undefined && time !== undefined && lastmod - time > 60_000) story.updatedTime = lastmod;
    story.authors = stringList(fm.authors ?? fm.author);
    story.categories = [...stringList(fm.categories), ...stringList(fm.category)].flatMap((c) => c.split(/\s+/)).filter(Boolean);
    for (const c of story.categories) if (!categories.has(c)) categories.set(c, c);
    story.tags = stringList(fm.tags).flatMap((t) => (Array.isArray(fm.tags) ? [t] : t.split(/\s+/)));
    const excerpt = str(fm.excerpt) ?? str(fm.description) ?? str(fm.summary);
    if (excerpt) story.summary = summaryFromMarkdown(excerpt) ?? excerpt;
    const image = str(fm.image) ?? str((fm.image as Record<string, unknown> | undefined)?.path) ?? str(fm.featured_image);
    if (image) story.image = { src: image.replace(/^\{\{\s*site\.baseurl\s*\}\}/, ''), ...(str(fm.image_alt) ? { alt: str(fm.image_alt)! } : {}) };
    const d = /^(\d{4})-(\d{2})-(\d{2})/.exec(written) ?? fileDate;
    const permalink = str(fm.permalink);
    if (page) story.oldUrls.push(base + (permalink ?? `/${name}.html`));
    else if (permalink) story.oldUrls.push(base + permalink);
    else if (d && !draft) story.oldUrls.push(base + expandJekyllPermalink(config.permalink ?? 'date', { y: d[1]!, m: d[2]!, d: d[3]!, title: slug, categories: story.categories }));
    story.oldUrls.push(...stringList(fm.redirect_from).map((u) => (u.startsWith('/') ? u : '/' + u)));
    if (origin) story.baseUrl = origin + base + '/';
    byName.set(name, story);
    byName.set(path.relative(site, f).split(path.sep).join('/'), story);
    pending.push({ story, body: doc.body });
  }
  const resolvePost = (n: string): string | undefined => byName.get(n.replace(/\.(?:md|markdown|html)$/, ''))?.oldUrls[0] ?? byName.get(n)?.oldUrls[0];
  for (const { story, body } of pending) {
    story.body.text = convertLiquid(body, resolvePost, story.notes);
    if (!story.summary) {
      const s = summaryFromMarkdown(story.body.text);
      if (s) story.summary = s;
    }
  }
  const result: SourceResult = { stories, authors: [], categories };
  if (origin) result.origin = origin;
  return result;
}
