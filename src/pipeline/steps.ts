import path from 'node:path';
import { readSiteConfig } from '../config/index.js';
import type { Author, SiteConfig } from '../validate/types.js';
import { loadContent } from '../load/index.js';
import { validateContent, scheduleArticles, validatorKey } from '../validate/index.js';
import { processMarkdown } from '../markdown/index.js';
import { processPhotos } from '../images/index.js';
import { makeCards } from './share-cards.js';
import type { PhotoRequest } from '../images/types.js';
import { collectSite } from '../collections/index.js';
import { renderPages } from '../render/index.js';
import { isSharded, startSearch } from './search-step.js';
import { makeStagingDir, publishedMedia, replaceOutput } from './output-folder.js';
import { mediaUsed } from '../images/store.js';
export { makeStagingDir, makeStagingFor, replaceOutput } from './output-folder.js';
export { manifestStep } from './manifest-step.js';
import { emitFiles } from '../emit/index.js';
import { openFeedBodies, saveFeedBodies } from '../emit/feed-html.js';
import { MANIFEST_PATH, readManifest } from '../deploy/manifest.js';
import { reusePages } from '../render/incremental.js';
import { pageKeys } from '../render/page-keys.js';
import { dropOtherShardsMedia, inShard, ownsSharedFiles } from './shard.js';
import { ContentStore } from '../store/content-store.js';
import { markdownKey, markdownWithStore, type MarkdownJob } from '../store/markdown.js';
import type { Step } from './context.js';
import { stopCold, tooColdForBudget } from '../util/budget.js';
import { keepEqual, type EqualMemo } from '../util/same.js';
import { timeSpan, writeBuildState } from './up-to-date.js';
import { feedChannels } from '../emit/feed-channels.js';
import { NEWS_WINDOW_MS } from '../emit/formats/news-sitemap.js';
import { sortDiagnostics } from '../errors/diagnostics.js';

/** Reads content/site.yaml. */
export const readConfigStep: Step = {
  name: 'config',
  async run(ctx) {
    ctx.raw = await readSiteConfig(ctx.options.root);
    ctx.diagnostics.push(...ctx.raw.diagnostics);
  },
};

/**
 * Finds what changed under content/ (the up-to-date check's stat pass, the dev watcher's change
 * set, or a stat pass of its own) and reads only that; the rest comes from the content store.
 */
export const loadStep: Step = {
  name: 'load',
  async run(ctx) {
    // The store the up-to-date check scanned, when there was one: the copy on disk may since be another build's.
    const store = ctx.inputs?.store ?? (await ContentStore.open(ctx.options.cacheDir));
    ctx.store = store;
    ctx.changes = ctx.inputs?.changes ?? (await store.scan(path.join(ctx.options.root, 'content'), ctx.options.changed));
    const slugs = (ctx.raw?.source?.data as { slugs?: unknown } | null)?.slugs === 'native' ? 'native' : 'latin';
    ctx.loaded = await loadContent(ctx.options.root, { store, slugs });
  },
};

/** Validates everything and decides what is published now. */
export const validateStep: Step = {
  name: 'validate',
  async run(ctx) {
    // Clean validations are kept in the content store under the validation code's key (a fresh process validates only changed files).
    const content = validateContent(ctx.raw!.file, ctx.raw!.source, ctx.loaded!, ctx.store ? { store: ctx.store, program: validatorKey() } : {});
    if (content.config && ctx.options.baseUrl) content.config.baseUrl = ctx.options.baseUrl.replace(/\/+$/, '');
    // The previous build's configuration and authors when they are the same: what the preview made from them is kept.
    if (content.config) content.config = keepEqual(lastConfig, 'config', content.config);
    for (const [id, author] of content.authors) content.authors.set(id, keepEqual(lastAuthors, author.file, author));
    ctx.content = content;
    ctx.diagnostics.push(...content.diagnostics);
    const { now, drafts, preview } = ctx.options;
    ctx.schedule = scheduleArticles(content.articles, { now, drafts, preview });
  },
};

const lastConfig: EqualMemo<'config', SiteConfig> = new Map();
const lastAuthors: EqualMemo<string, Author> = new Map();

/** Turns every published article and page into HTML (cached, on all cores). */
export const markdownStep: Step = {
  name: 'markdown',
  async run(ctx) {
    const config = ctx.content!.config!;
    // `check` looks at every article, held ones included, so problems surface before they go out.
    const articles = ctx.options.write ? ctx.schedule!.published : ctx.content!.articles;
    const store = ctx.store!;
    // Articles whose front matter has errors are rendered too, so their links are checked in the same run.
    const failed = ctx.content!.failed.filter((f) => f.url && f.body.trim());
    const jobs: MarkdownJob[] = [...articles, ...failed, ...ctx.content!.pages].map((a) => {
      const key = markdownKey(a, config.wordsPerMinute);
      return { key, input: () => ({ ...key, body: a.body }), entry: store.get(a.file.replace(/^content\//, '')) };
    });
    const threads = ctx.options.threads;
    const progress = ctx.options.progress;
    const { results, stats } = await markdownWithStore(store, jobs, async (inputs, each) => {
      // Nothing is written yet (a staging folder is removed by the caller): run again with a first build's budget.
      if (tooColdForBudget(inputs.length, jobs.length)) stopCold();
      return (await processMarkdown(inputs, { each, ...(threads ? { threads } : {}), ...(progress ? { progress } : {}) })).results;
    });
    ctx.html = new Map(jobs.map((job, i) => [job.key.file, results[i]!]));
    ctx.markdownStats = stats;
    for (const r of results) ctx.diagnostics.push(...r.diagnostics);
  },
};

/** Makes every photo a published article uses into a responsive, metadata-free set. */
export const photosStep: Step = {
  name: 'photos',
  async run(ctx) {
    const { config, authors } = ctx.content!;
    const articles = ctx.options.write ? ctx.schedule!.published : ctx.content!.articles;
    const requests: PhotoRequest[] = [];
    for (const a of articles) {
      if (a.image) {
        const image = a.image;
        // The position is looked up only when a message about the photo is written.
        const r: PhotoRequest = {
          source: image.path,
          file: a.file,
          get position() {
            return { line: image.line, column: 1 };
          },
          role: 'lead',
        };
        if (a.image.focus) r.focus = a.image.focus;
        requests.push(r);
      }
      for (const photo of ctx.html!.get(a.file)?.photos ?? []) {
        const source = path.resolve(a.bundleDir, photo.src);
        requests.push({ source, file: a.file, ...(photo.position ? { position: photo.position } : {}), role: 'body' });
      }
    }
    const usedAuthors = new Set(articles.flatMap((a) => a.authors));
    for (const author of authors.values()) {
      if (author.photo && usedAuthors.has(author.id)) requests.push({ source: author.photo, file: author.file, role: 'author' });
    }
    if (config!.logo) requests.push({ source: path.join(ctx.options.root, 'content', config!.logo.src), file: 'content/site.yaml', role: 'logo' });
    ctx.stagingDir ??= await makeStagingDir(ctx);
    const contentDir = path.join(ctx.options.root, 'content');
    const photos = await processPhotos(requests, {
      outDir: ctx.mediaRoot ?? ctx.stagingDir,
      cacheDir: path.join(ctx.options.cacheDir, 'photos'),
      root: ctx.options.root,
      leadMinWidth: config!.leadPhotoMinWidth,
      write: ctx.options.write,
      ...(ctx.options.progress ? { progress: ctx.options.progress } : {}),
      digestOf: (source) => ctx.store?.get(path.relative(contentDir, source).split(path.sep).join('/'))?.digest,
    });
    // Share cards show only where a link is shared: the preview, never shared, makes none (a new story shows at once).
    if (ctx.options.write && !ctx.options.preview) {
      for (const [key, card] of await makeCards(ctx, articles)) photos.photos.set(key, card);
    }
    ctx.photos = photos;
    ctx.diagnostics.push(...photos.diagnostics);
  },
};

/** Builds the site: article views, sections, tags, authors, archives, pagination. */
export const collectStep: Step = {
  name: 'collections',
  run(ctx) {
    const { config, authors, pages } = ctx.content!;
    const photos = ctx.photos!.photos;
    const logo = config!.logo ? photos.get(path.join(ctx.options.root, 'content', config!.logo.src)) : undefined;
    ctx.site = collectSite({
      config: config!,
      authors,
      published: ctx.schedule!.published,
      expired: ctx.schedule!.expired,
      pages,
      html: ctx.html!,
      photos,
      now: ctx.options.now,
      preview: ctx.options.preview,
      ...(logo ? { logo } : {}),
    });
  },
};

/**
 * Renders the pages through Eleventy and the templates: only those whose key changed since the
 * previous output (the rest are hard-linked from it), or every page with `incremental: false`.
 */
export const renderStep: Step = {
  name: 'render',
  writes: true,
  async run(ctx) {
    const site = ctx.site!;
    const { shard } = ctx.options;
    // Pagefind indexes in its own process while the pages render here.
    startSearch(ctx);
    const pages = site.pages.filter((p) => inShard(p.url, shard));
    const keys = await pageKeys(site, ctx.options.root);
    ctx.pageKeys = keys;
    const previous = ctx.options.incremental === false ? undefined : path.resolve(ctx.options.outDir);
    // Over a published output, folders of unchanged pages are moved into the new output when it is published, not linked.
    if (publishedMedia(ctx)) ctx.previousManifest ??= await readManifest(path.join(ctx.options.outDir, MANIFEST_PATH)).catch(() => undefined);
    const carry = publishedMedia(ctx) ? ctx.previousManifest : undefined;
    const { render, linked, carried } = await reusePages(pages, keys, previous, ctx.stagingDir!, carry ? { carry } : {});
    ctx.carried = carried;
    const { written, hashes, failed } = await renderPages(site, render, ctx.stagingDir!, { root: ctx.options.root, copyPublic: ownsSharedFiles(shard), ...(ctx.options.progress ? { progress: ctx.options.progress } : {}) });
    ctx.fileHashes = ctx.fileHashes ? new Map([...ctx.fileHashes, ...hashes]) : hashes;
    ctx.diagnostics.push(...failed.map((f) => f.diagnostic));
    ctx.written = { pages: written.length + linked.length, rendered: written.length, feeds: 0, sitemaps: 0, files: 0, searchPages: 0 };
  },
};

/** Writes feeds, sitemaps, robots.txt, _redirects and _headers. */
export const emitStep: Step = {
  name: 'emit',
  writes: true,
  async run(ctx) {
    if (!ownsSharedFiles(ctx.options.shard)) return;
    const previous = ctx.options.incremental === false ? undefined : path.resolve(ctx.options.outDir);
    openFeedBodies(path.join(ctx.options.cacheDir, 'feed-bodies.json'));
    const { counts } = await emitFiles(ctx.site!, ctx.stagingDir!, previous ? { previous } : {});
    await saveFeedBodies(ctx.site!);
    ctx.written!.feeds = counts.feeds;
    ctx.written!.sitemaps = counts.sitemaps;
  },
};

/** In a sharded build, removes the photo files another shard places. */
export const shardStep: Step = {
  name: 'shard',
  writes: true,
  async run(ctx) {
    if (isSharded(ctx)) await dropOtherShardsMedia(ctx.stagingDir!, ctx.options.shard!);
  },
};


/**
 * Once the output is in place, records what the next build needs to find it up to date: the inputs' fingerprint,
 * the span in which the clock changes nothing, the warnings to repeat and the counts.
 */
export const stateStep: Step = {
  name: 'state',
  writes: true,
  async run(ctx) {
    const site = ctx.site!;
    // An empty feed is dated with the clock: such a site is always rebuilt. So is one with held-back articles.
    if (!ctx.inputs || ctx.heldBack?.length || feedChannels(site).some((c) => c.items.length === 0)) return;
    const events = ctx.content!.articles.flatMap((a) => [a.time, a.time + NEWS_WINDOW_MS, ...(a.expiresTime === undefined ? [] : [a.expiresTime])]);
    const w = ctx.written!;
    await writeBuildState(ctx.options, ctx.inputs, {
      ...timeSpan(events, ctx.options.now),
      diagnostics: sortDiagnostics(ctx.diagnostics),
      summary: { pages: w.pages, feeds: w.feeds, sitemaps: w.sitemaps, photos: ctx.photos?.stats.photos ?? 0, files: w.files },
    });
  },
};

/** Replaces the output folder with the finished build in one move. */
export const publishStep: Step = {
  name: 'publish',
  writes: true,
  async run(ctx) {
    if (ctx.options.inPlace) {
      ctx.stagingDir = undefined;
      return;
    }
    const live = publishedMedia(ctx);
    await replaceOutput(ctx.stagingDir!, ctx.options.outDir, live ? mediaUsed(live) : undefined, ctx.carried?.dirs);
    ctx.stagingDir = undefined;
  },
};

