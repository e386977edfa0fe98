import path from 'node:path';
import pLimit from 'p-limit';
import sharp from 'sharp';
import { slugTag } from '../validate/article.js';
import { expandPermalink, normalizeUrlPath } from '../util/permalink.js';
import type { SiteConfig } from '../validate/types.js';
import { siteIso } from './dates.js';
import { htmlToMarkdown } from './html-to-markdown.js';
import { BundleMedia } from './media.js';
import { rewriteMarkdownImages, summaryFromMarkdown } from './markdown-body.js';
import { Mapper, oldPath, Placer } from './plan.js';
import { ImportReport } from './report.js';
import { addSections, documentText, recordUrls, writeAuthor, writeNew } from './writer.js';
import type { MediaMode, SourceResult, SourceStory } from './types.js';

/** What `dateline import` was asked to do. */
export interface ImportOptions {
  root: string;
  site: SiteConfig;
  since?: number;
  limit?: number;
  sectionMap: Record<string, string>;
  authorMap: Record<string, string>;
  dryRun: boolean;
  media: MediaMode;
}

/** Bundle-relative path for the report: `content/articles/2019/04/slug/index.md`. */
const rel = (root: string, file: string): string => path.relative(root, file).split(path.sep).join('/');

async function convertBody(story: SourceStory, media: BundleMedia): Promise<string> {
  const resolve = (src: string) => media.resolve(src);
  if (story.body.format === 'html') return htmlToMarkdown(story.body.text, { resolveImage: resolve, notes: story.notes });
  return squeezeBlankLines((await rewriteMarkdownImages(story.body.text, resolve)).trim()) + '\n';
}

/** Runs of blank lines (left where shortcodes were) become one, outside fenced code. */
function squeezeBlankLines(md: string): string {
  return md
    .split(/(^```[\s\S]*?^```)/m)
    .map((part, i) => (i % 2 ? part : part.replace(/\n{3,}/g, '\n\n')))
    .join('');
}

/** The lead photo's front matter, or a figure for the body when it is too narrow to lead. */
async function leadImage(story: SourceStory, media: BundleMedia, o: ImportOptions, bundleDir: string): Promise<{ image?: Record<string, string>; figure?: string }> {
  if (!story.image) return {};
  const ref = await media.resolve(story.image.src);
  if (!ref) return {};
  const alt = story.image.alt?.trim() || '';
  const fields: Record<string, string> = { src: ref, alt };
  if (story.image.caption) fields.caption = story.image.caption;
  if (story.image.credit) fields.credit = story.image.credit;
  const figure = `:::figure${fields.credit ? `{credit="${fields.credit.replace(/"/g, '&quot;')}"}` : ''}\n![${alt}](${ref})${fields.caption ? `\n${fields.caption}` : ''}\n:::\n\n`;
  if (/^https?:/i.test(ref)) {
    story.notes.push({ reason: `lead photo ${ref} stays on the old site, so it is shown in the body`, ruleId: 'import:media-linked' });
    return { figure };
  }
  if (!alt) {
    story.notes.push({ reason: `lead photo ${ref} has no alt text, so it is shown in the body; describe it and move it to \`image\``, ruleId: 'import:missing-alt' });
    return { figure };
  }
  if (!o.dryRun) {
    const width = await sharp(path.join(bundleDir, ref))
      .metadata()
      .then((m) => m.width ?? 0)
      .catch(() => 0);
    if (width < o.site.leadPhotoMinWidth) {
      story.notes.push({ reason: `lead photo ${ref} is ${width} px wide (under ${o.site.leadPhotoMinWidth}), so it is shown in the body`, ruleId: 'import:lead-photo-small' });
      return { figure };
    }
  }
  return { image: fields };
}

/** Imports what a source reader found into the project at `o.root`; returns the report. */
export async function runImport(source: SourceResult, o: ImportOptions): Promise<ImportReport> {
  const report = new ImportReport();
  const tz = o.site.timezone;
  const mapper = new Mapper(o.site, source, o.sectionMap, o.authorMap);
  const placer = new Placer(o.root, tz, o.site.slugs ?? 'latin');
  const urls: string[] = [];
  let stories = source.stories.filter((s) => s.kind === 'page' || o.since === undefined || (s.time ?? 0) >= o.since);
  if (o.limit !== undefined) {
    let n = 0;
    stories = stories.filter((s) => s.kind === 'page' || n++ < o.limit!);
  }
  const jobs: (() => Promise<void>)[] = [];
  const known = new Set<string>();
  for (const story of stories) {
    if (story.skip) {
      report.skip(story.ref, story.skip);
      continue;
    }
    if (!story.title) {
      const firstWords = story.body.text.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ').trim().split(' ').slice(0, 8).join(' ');
      if (!firstWords) {
        report.skip(story.ref, { reason: 'it has neither a title nor a body', ruleId: 'import:skipped' });
        continue;
      }
      story.title = firstWords.replace(/[.,;:]+$/, '') + '…';
      story.notes.push({ reason: 'no title on the old site; one was made from the first words', ruleId: 'import:no-title' });
    }
    if (!story.body.text.replace(/<!--[\s\S]*?-->|<[^>]+>/g, '').trim() && !story.body.text.includes('<img') && !story.body.text.includes('dateline-embed')) {
      report.skip(story.ref, { reason: 'it has no body text', ruleId: 'import:skipped' });
      continue;
    }
    if (story.kind === 'page' && story.draft) {
      report.skip(story.ref, { reason: 'a page that was not public (pages have no drafts)', ruleId: 'import:skipped' });
      continue;
    }
    if (story.kind === 'page') {
      for (const u of story.oldUrls) known.add(oldPath(u, source.origin) ?? '');
      const place = placer.page(story, story.title);
      if (place.existing) {
        report.existing++;
        continue;
      }
      jobs.push(() => importPage(story, place, o, report, urls, source.origin, links));
      continue;
    }
    if (story.time === undefined) {
      report.skip(story.ref, { reason: 'it has no date', ruleId: 'import:skipped' });
      continue;
    }
    const section = mapper.section(story);
    const authors = mapper.authorIds(story);
    const place = placer.article(story, story.title);
    const lang = o.site.language;
    const url = expandPermalink(o.site.permalink, { section, slug: place.slug, date: place.date, langPrefix: lang === o.site.language ? '' : lang });
    const old = [...new Set(story.oldUrls.map((u) => oldPath(u, source.origin)).filter((u): u is string => !!u))];
    for (const u of old) known.add(u);
    // Only URLs the new site serves at once are listed: drafts and embargoed stories keep theirs in `redirectFrom`.
    if (!story.draft && story.time <= Date.now()) urls.push(...old);
    if (place.existing) {
      report.existing++;
      continue;
    }
    jobs.push(() => importArticle(story, o, report, { ...place, section, authors, redirectFrom: old.filter((u) => u !== url) }, links));
  }
  const links = (md: string): string => localizeLinks(md, source.origin, known);
  const limit = pLimit(4);
  await Promise.all(jobs.map((job) => limit(job)));
  for (const [id, author] of mapper.authors) if (await writeAuthor(o.root, id, author, o.dryRun)) report.authors++;
  report.sections = mapper.newSections.map((s) => s.id);
  await addSections(o.root, mapper.newSections, o.dryRun);
  await recordUrls(o.root, urls, o.dryRun);
  return report;
}

/** Links to the old site's stories that were imported become site paths (the old paths redirect to the stories). */
export function localizeLinks(md: string, origin: string | undefined, known: Set<string>): string {
  if (!origin) return md;
  const host = new URL(origin).host.replace(/^www\./, '');
  const re = new RegExp(`\\]\\(<?https?://(?:www\\.)?${host.replace(/\./g, '\\.')}(/[^)\\s>]*)>?`, 'g');
  return md.replace(re, (whole, p: string) => {
    const local = oldPath(p, origin);
    return local && known.has(local) ? `](${p}` : whole;
  });
}

async function importArticle(story: SourceStory, o: ImportOptions, report: ImportReport, p: { slug: string; date: string; bundleDir: string; section: string; authors: string[]; redirectFrom: string[] }, links: (md: string) => string): Promise<void> {
  const media = new BundleMedia({ mode: o.media, dryRun: o.dryRun, bundleDir: p.bundleDir, notes: story.notes, counter: report.counter, ...pick(story) });
  const lead = await leadImage(story, media, o, p.bundleDir);
  const body = links((lead.figure ?? '') + (await convertBody(story, media)));
  const fm: Record<string, unknown> = { title: story.title, summary: story.summary || summaryFromMarkdown(body) || story.title, date: p.date };
  if (story.updatedTime !== undefined && story.time !== undefined && story.updatedTime > story.time) fm.updated = siteIso(story.updatedTime, o.site.timezone);
  if (p.authors.length) fm.authors = p.authors;
  else fm.byline = 'Staff';
  fm.section = p.section;
  const tags = [...new Set(story.tags.map(slugTag).filter(Boolean))];
  if (tags.length) fm.tags = tags;
  if (lead.image) fm.image = lead.image;
  if (story.draft) fm.draft = true;
  if (story.expiresTime !== undefined) fm.expires = siteIso(story.expiresTime, o.site.timezone);
  if (p.redirectFrom.length) fm.redirectFrom = p.redirectFrom;
  const file = path.join(p.bundleDir, 'index.md');
  if (await writeNew(file, documentText(fm, body), o.dryRun)) report.story(rel(o.root, file), story.notes, 'article');
  else report.existing++;
}

function pick(story: SourceStory): { baseDir?: string; assetDirs?: string[]; baseUrl?: string } {
  const out: { baseDir?: string; assetDirs?: string[]; baseUrl?: string } = {};
  if (story.baseDir) out.baseDir = story.baseDir;
  if (story.assetDirs) out.assetDirs = story.assetDirs;
  if (story.baseUrl) out.baseUrl = story.baseUrl;
  return out;
}

/** A static page: content/pages/<slug>.md; its photos stay at their URLs (pages have no bundle). */
async function importPage(story: SourceStory, place: { slug: string; file: string }, o: ImportOptions, report: ImportReport, urls: string[], origin: string | undefined, links: (md: string) => string): Promise<void> {
  const { slug, file } = place;
  const media = new BundleMedia({ mode: 'link', dryRun: true, bundleDir: path.dirname(file), notes: story.notes, counter: { photos: 0 }, ...pick(story) });
  const body = links(await convertBody(story, media));
  const fm: Record<string, unknown> = { title: story.title };
  const summary = story.summary || summaryFromMarkdown(body);
  if (summary) fm.summary = summary;
  // Every old address keeps working: the page's own, or a redirect to it (nested pages, other slugs).
  const own = normalizeUrlPath(`/${slug}/`);
  const redirectFrom: string[] = [];
  for (const u of story.oldUrls) {
    const p = oldPath(u, origin);
    if (!p) continue;
    if (p !== own && !redirectFrom.includes(p)) redirectFrom.push(p);
    urls.push(p);
  }
  if (redirectFrom.length) fm.redirectFrom = redirectFrom;
  if (await writeNew(file, documentText(fm, body), o.dryRun)) report.story(rel(o.root, file), story.notes, 'page');
  else report.existing++;
}
