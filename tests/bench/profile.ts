import { promises as fs } from 'node:fs';
import { Piscina } from 'piscina';
import os from 'node:os';
import path from 'node:path';
import { unified, type Plugin, type Processor } from 'unified';
import remarkParse from 'remark-parse';
import remarkGfm from 'remark-gfm';
import remarkDirective from 'remark-directive';
import remarkRehype from 'remark-rehype';
import rehypeRaw from 'rehype-raw';
import rehypeSlug from 'rehype-slug';
import rehypeStringify from 'rehype-stringify';
import { gfmAutolinkLiteral } from 'micromark-extension-gfm-autolink-literal';
import { gfmAutolinkLiteralFromMarkdown } from 'mdast-util-gfm-autolink-literal';
import { gfmTable } from 'micromark-extension-gfm-table';
import { gfmTableFromMarkdown } from 'mdast-util-gfm-table';
import { gfmFootnote } from 'micromark-extension-gfm-footnote';
import { gfmFootnoteFromMarkdown } from 'mdast-util-gfm-footnote';
import { gfmStrikethrough } from 'micromark-extension-gfm-strikethrough';
import { gfmStrikethroughFromMarkdown } from 'mdast-util-gfm-strikethrough';
import { gfmTaskListItem } from 'micromark-extension-gfm-task-list-item';
import { gfmTaskListItemFromMarkdown } from 'mdast-util-gfm-task-list-item';
import { toString as hastText } from 'hast-util-to-string';
import { VFile } from 'vfile';
import type { Root as MdastRoot } from 'mdast';
import type { Root as HastRoot } from 'hast';
import { build, type BuildOptions } from '../../src/pipeline/build.js';
import { processMarkdown, renderMarkdown, countWords, POOL_BATCH, type MarkdownInput } from '../../src/markdown/index.js';
import { schema } from '../../src/markdown/processor.js';
import remarkRawLinkText from '../../src/markdown/plugins/remark-raw-link-text.js';
import remarkMore from '../../src/markdown/plugins/remark-more.js';
import remarkFigure from '../../src/markdown/plugins/remark-figure.js';
import remarkPullquote from '../../src/markdown/plugins/remark-pullquote.js';
import remarkDirectiveFallback from '../../src/markdown/plugins/remark-directive-fallback.js';
import remarkTypography from '../../src/markdown/plugins/remark-typography.js';
import rehypeUnsafeHtml from '../../src/markdown/plugins/rehype-unsafe-html.js';
import rehypePhotos from '../../src/markdown/plugins/rehype-photos.js';
import rehypeTableScroll from '../../src/markdown/plugins/rehype-table-scroll.js';
import { renderPages } from '../../src/render/index.js';
import { buildSearchIndex, searchArticle } from '../../src/render/search-index.js';
import { writeManifest } from '../../src/deploy/manifest.js';
import { renderPage } from '../../templates/index.js';
import { CARD_SIZES, CARD_WIDTH, LAYOUT, drawCards, type CardRequest } from '../../src/images/card-draw.js';
import { loadSharp } from '../../src/images/sharp.js';
import { shareCardRequests } from '../../src/pipeline/share-cards.js';
import { generateCorpus } from './generate.js';
import { writeHugoSite } from './hugo.js';
import { measure } from './measure.js';
import { repoRoot } from '../helpers/project.js';

/** How many articles the in-process Markdown profile times (passes interleaved). */
const SAMPLE = 300;
const PASSES = 3;

/** CPU milliseconds (user + system) of this process spent in `fn`. */
function cpu(fn: () => void): number {
  const t0 = process.cpuUsage();
  fn();
  const d = process.cpuUsage(t0);
  return (d.user + d.system) / 1000;
}

/** Wall and CPU milliseconds of an async step. */
async function timed(fn: () => Promise<unknown>): Promise<{ wall: number; cpu: number }> {
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  await fn();
  const d = process.cpuUsage(c0);
  return { wall: performance.now() - t0, cpu: (d.user + d.system) / 1000 };
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyProcessor = Processor<any, any, any, any, any>;

/** A micromark + mdast extension pair as a unified plugin, to parse with one GFM extension only. */
function only(micromark: unknown, mdast: unknown): Plugin {
  return function (this: { data(): Record<string, unknown[]> }) {
    const data = this.data() as Record<string, unknown[] | undefined>;
    (data.micromarkExtensions ??= []).push(micromark);
    (data.fromMarkdownExtensions ??= []).push(mdast);
  } as unknown as Plugin;
}

const parsers: [string, AnyProcessor][] = [
  ['parse: CommonMark (remark-parse alone)', unified().use(remarkParse)],
  ['parse: + GFM autolink literals', unified().use(remarkParse).use(only(gfmAutolinkLiteral(), gfmAutolinkLiteralFromMarkdown()))],
  ['parse: + GFM tables', unified().use(remarkParse).use(only(gfmTable(), gfmTableFromMarkdown()))],
  ['parse: + GFM footnotes', unified().use(remarkParse).use(only(gfmFootnote(), gfmFootnoteFromMarkdown()))],
  ['parse: + GFM strikethrough', unified().use(remarkParse).use(only(gfmStrikethrough(), gfmStrikethroughFromMarkdown()))],
  ['parse: + GFM task lists', unified().use(remarkParse).use(only(gfmTaskListItem(), gfmTaskListItemFromMarkdown()))],
  ['parse: + remark-directive', unified().use(remarkParse).use(remarkDirective)],
  ["parse: dateline's (GFM + directives)", unified().use(remarkParse).use(remarkGfm).use(remarkDirective)],
];
const remarkPlugins: [string, Plugin][] = [
  ['remark-raw-link-text', remarkRawLinkText as unknown as Plugin],
  ['remark-more', remarkMore as unknown as Plugin],
  ['remark-figure', remarkFigure as unknown as Plugin],
  ['remark-pullquote', remarkPullquote as unknown as Plugin],
  ['remark-directive-fallback', remarkDirectiveFallback as unknown as Plugin],
  ['remark-typography', remarkTypography as unknown as Plugin],
];
const rehypePlugins: [string, AnyProcessor][] = [
  ['rehype-raw (bodies with raw HTML only)', unified().use(rehypeRaw)],
  ['sanitising (rehype-unsafe-html → rehype-sanitize)', unified().use(rehypeUnsafeHtml, { schema })],
  ['rehype-slug', unified().use(rehypeSlug)],
  ['rehype-photos', unified().use(rehypePhotos)],
  ['rehype-table-scroll', unified().use(rehypeTableScroll)],
];

/** Times every part of rendering one body, in one thread, averaged over the sample: [label, CPU ms per article]. */
function markdownParts(inputs: MarkdownInput[]): [string, number][] {
  const totals = new Map<string, number>();
  const add = (label: string, ms: number) => totals.set(label, (totals.get(label) ?? 0) + ms);
  const fileOf = (input: MarkdownInput) => new VFile({ value: input.body, path: input.file, data: { lang: input.lang } });
  const toHast = unified().use(remarkRehype, { allowDangerousHtml: true });
  const stringify = unified().use(rehypeStringify);
  const full = unified().use(remarkParse).use(remarkGfm).use(remarkDirective);
  const RAW = /<(?!!--)[a-zA-Z/!?]/;
  for (let pass = 0; pass < PASSES; pass++) {
    for (const input of inputs) {
      for (const [label, p] of parsers) add(label, cpu(() => p.parse(fileOf(input))));
      const file = fileOf(input);
      let mdast = full.parse(file) as MdastRoot;
      for (const [label, plugin] of remarkPlugins) {
        const tree = structuredClone(mdast);
        add(label, cpu(() => unified().use(plugin).runSync(tree, file)));
        mdast = tree;
      }
      let hast!: HastRoot;
      add('remark-rehype (mdast → hast)', cpu(() => (hast = toHast.runSync(structuredClone(mdast), file) as HastRoot)));
      for (const [label, p] of rehypePlugins) {
        if (label.startsWith('rehype-raw') && !RAW.test(input.body)) continue;
        const tree = structuredClone(hast);
        add(label, cpu(() => p.runSync(tree, file)));
        hast = tree;
      }
      add('stringify (rehype-stringify)', cpu(() => stringify.stringify(hast)));
      add('word count', cpu(() => countWords(hastText(hast), input.lang)));
      let result!: ReturnType<typeof renderMarkdown>;
      add('renderMarkdown, the whole body', cpu(() => (result = renderMarkdown(input))));
      add('worker round trip: input and result copied (structured clone)', cpu(() => structuredClone([input, result])));
    }
  }
  const n = inputs.length * PASSES;
  return [...totals].map(([label, ms]) => [label, ms / n]);
}

/** Share cards timed after this many have been drawn (sharp, Pango and the JIT warmed up). */
const CARD_WARMUP = 40;
const CARD_SAMPLE = 200;

/**
 * CPU per share card, one card at a time in this process (sharp's threads included): the whole
 * drawing, and the four JPEG encodes of the same cards' pixels alone (decoded from the drawn
 * cards, encoded with the card's settings) — the part no layout change removes.
 */
async function cardParts(requests: CardRequest[]): Promise<{ cards: number; whole: number; encodes: number }> {
  const sharp = await loadSharp();
  const heights = Object.values(CARD_SIZES).map(([, h]) => h);
  for (const r of requests.slice(0, CARD_WARMUP)) await drawCards(r, CARD_WIDTH, heights, undefined);
  const sample = requests.slice(CARD_WARMUP, CARD_WARMUP + CARD_SAMPLE);
  const drawn: Buffer[][] = [];
  const whole = await timed(async () => {
    for (const r of sample) drawn.push(await drawCards(r, CARD_WIDTH, heights, undefined));
  });
  const pixels = await Promise.all(drawn.map((set) => Promise.all(set.map((jpeg) => sharp(jpeg).raw().toBuffer({ resolveWithObject: true })))));
  const encodes = await timed(async () => {
    for (const set of pixels) {
      for (const { data, info } of set) {
        await sharp(data, { raw: { width: info.width, height: info.height, channels: info.channels } }).jpeg({ quality: LAYOUT.quality, mozjpeg: false, optimiseCoding: false }).toBuffer();
      }
    }
  });
  return { cards: sample.length, whole: whole.cpu / sample.length, encodes: encodes.cpu / sample.length };
}

/** Renders `inputs` on one new worker thread (the pool's own worker file), in the pool's batches. */
async function oneWorker(inputs: MarkdownInput[]): Promise<void> {
  const pool = new Piscina({ filename: new URL('../../src/markdown/worker.js', import.meta.url).href, minThreads: 1, maxThreads: 1 });
  try {
    for (let i = 0; i < inputs.length; i += POOL_BATCH) await pool.run(inputs.slice(i, i + POOL_BATCH));
  } finally {
    await pool.destroy();
  }
}

/** The report's profile section, and the floor of a cold build it measured (ms). */
export interface Profile {
  lines: string[];
  coldFloorMs: number;
}

/** Builds the corpus cold in this process, then times each part of it. */
export async function profileSection(corpus: string, tmp: string): Promise<Profile> {
  const work = path.join(tmp, 'profile');
  await fs.rm(work, { recursive: true, force: true });
  const options: BuildOptions = {
    root: corpus,
    outDir: path.join(work, 'out'),
    cacheDir: path.join(work, 'cache'),
    now: Date.parse('2026-01-02T00:00:00Z'),
    drafts: false,
    preview: false,
    strict: false,
    write: true,
    threads: os.availableParallelism(),
  };
  const result = await build(options);
  if (!result.ok) throw new Error('The profile build failed.');
  const ctx = result.context;
  const stage = (name: string) => result.timings.find((t) => t.name === name)?.ms ?? 0;
  const config = ctx.content!.config!;
  const inputs: MarkdownInput[] = [...ctx.schedule!.published, ...ctx.content!.pages].map((a) => ({
    file: a.file,
    body: a.body,
    bodyLine: a.bodyLine,
    lang: a.lang,
    wordsPerMinute: config.wordsPerMinute,
    title: a.title,
    ...(a.summary ? { summary: a.summary } : {}),
  }));
  const parts = markdownParts(inputs.slice(0, SAMPLE));
  const perArticle = parts.find(([l]) => l.startsWith('renderMarkdown'))![1];
  const cores = os.availableParallelism();
  const floor = (inputs.length * perArticle) / cores;
  // The stage once more without its cache, to see the pool's cost apart from cache reads and writes.
  const pool = await timed(() => processMarkdown(inputs, { threads: cores }));
  // One pool thread's share on one fresh worker with nothing else running: what a new thread costs an
  // article (its module load, the JIT warming up, its GC) against the warm per-article figure.
  const share = inputs.slice(0, Math.ceil(inputs.length / cores));
  const lone = await timed(() => oneWorker(share));
  const freshFloor = (inputs.length * lone.cpu) / share.length / cores;

  const site = ctx.site!;
  const templates = cpu(() => site.pages.forEach((p) => renderPage(p, site)));
  const out = path.join(work, 'render');
  const eleventy = await timed(() => renderPages(site, site.pages, out, { copyPublic: false }));
  const records = site.articles.map(searchArticle);
  const search = await timed(() => buildSearchIndex(path.join(work, 'search'), records));
  const manifest = await timed(() => writeManifest(options.outDir, { redirects: [], urls: [] }));
  const requests = shareCardRequests(ctx, site.articles);
  const card = requests.length > CARD_WARMUP ? await cardParts(requests) : undefined;
  await fs.rm(work, { recursive: true, force: true });
  // What a cold build of this corpus cannot go under with this stack: each part at its measured
  // floor, the parallel parts (Markdown, cards) spread over the cores, the rest (Pagefind's own
  // indexing, Eleventy's rendering) as they ran alone above.
  const cardFloor = card ? (requests.length * card.encodes) / cores : 0;
  const coldFloor = floor + cardFloor + search.wall + eleventy.wall;

  const ms = (v: number) => v.toFixed(3);
  const s = (v: number) => (v / 1000).toFixed(2);
  const lines = [
    `### Profile (${inputs.length.toLocaleString('en-US')} articles, one cold build in the bench's own process)`,
    '',
    `Per article, CPU in one thread, ${Math.min(SAMPLE, inputs.length)} articles × ${PASSES} interleaved passes. Parse lines are the whole parse with that extension added to CommonMark; plugin lines run one plugin on the tree the previous one left.`,
    '',
    '| part | CPU ms per article |',
    '|---|--:|',
    ...parts.map(([label, v]) => `| ${label} | ${ms(v)} |`),
    '',
    'Per stage (wall, this process, cores shared with other work):',
    '',
    '| part | wall | CPU (this process) | per item |',
    '|---|--:|--:|--:|',
    `| Markdown stage in the build (pool, cache writes) | ${s(stage('markdown'))} s | | ${ms(stage('markdown') / inputs.length)} ms / article |`,
    `| Markdown through the pool, no cache | ${s(pool.wall)} s | ${s(pool.cpu)} s | ${ms(pool.wall / inputs.length)} ms / article |`,
    `| floor: N × renderMarkdown ÷ ${cores} cores | ${s(floor)} s | | |`,
    `| one fresh worker alone, ${share.length.toLocaleString('en-US')} articles (a pool thread's share) | ${s(lone.wall)} s | ${s(lone.cpu)} s | ${ms(lone.cpu / share.length)} ms CPU / article |`,
    `| floor for fresh threads: N × that CPU ÷ ${cores} cores | ${s(freshFloor)} s | | |`,
    `| templates alone (Preact, every page) | ${s(templates)} s | ${s(templates)} s | ${ms(templates / site.pages.length)} ms / page |`,
    `| Eleventy with the templates (every page, written) | ${s(eleventy.wall)} s | ${s(eleventy.cpu)} s | ${ms(eleventy.wall / site.pages.length)} ms / page |`,
    `| search index (Pagefind, records from memory) | ${s(search.wall)} s | ${s(search.cpu)} s | ${ms(search.wall / records.length)} ms / article |`,
    `| manifest (every file of the build) | ${s(manifest.wall)} s | ${s(manifest.cpu)} s | |`,
    ...(card
      ? [
          `| share card, drawn whole (text, canvas, four JPEG encodes; ${card.cards} cards, one at a time) | | | ${ms(card.whole)} ms CPU / card |`,
          `| share card, its four JPEG encodes alone (sharp, quality ${LAYOUT.quality}, ${Object.values(CARD_SIZES).map(([w, h]) => `${w}×${h}`).join(', ')}) | | | ${ms(card.encodes)} ms CPU / card |`,
          `| floor for cards: ${requests.length.toLocaleString('en-US')} cards × those encodes ÷ ${cores} cores | ${s(cardFloor)} s | | |`,
        ]
      : []),
    `| floor of a cold build: Markdown and cards floors + search index + Eleventy, each as above | ${s(coldFloor)} s | | |`,
    '',
    `Markdown stage ÷ floor: ${(stage('markdown') / floor).toFixed(2)}× in the build, ${(pool.wall / floor).toFixed(2)}× through the pool without cache (target ≤ 1.1×; wall, so only meaningful on cores not shared with other work). In CPU, which sharing does not inflate as much: the pool spent ${(pool.cpu / inputs.length).toFixed(2)} ms an article against ${perArticle.toFixed(2)} ms for renderMarkdown in one warm thread (${(pool.cpu / (inputs.length * perArticle)).toFixed(2)}×). A build's workers are fresh threads, which cost ${(lone.cpu / share.length).toFixed(2)} ms an article on their own: against that floor the stage is at ${(stage('markdown') / freshFloor).toFixed(2)}× in the build and ${(pool.wall / freshFloor).toFixed(2)}× through the pool. Render stage in the build: ${s(stage('render'))} s for ${site.pages.length.toLocaleString('en-US')} pages (${ms(stage('render') / site.pages.length)} ms / page). Build stages: ${result.timings.map((t) => `${t.name} ${s(t.ms)}`).join(', ')}; total ${s(result.ms)} s.`,
    '',
  ];
  return { lines, coldFloorMs: coldFloor };
}

// Run on its own: node dist/tests/bench/profile.js <size> [--compare hugo] — the profile of a generated corpus, with Hugo's cold build of it.
if (process.argv[1] && import.meta.url === new URL(`file://${path.resolve(process.argv[1])}`).href) {
  const tmp = await fs.mkdtemp(path.join(os.tmpdir(), 'dateline-profile-'));
  try {
    const size = Number(process.argv[2] ?? 1000);
    const corpus = await generateCorpus({ size, dir: path.join(repoRoot, 'tests/bench/corpora') });
    const { lines } = await profileSection(corpus, tmp);
    if (process.argv.includes('hugo')) {
      const hugoDir = path.join(tmp, 'hugo');
      await writeHugoSite(corpus, hugoDir);
      const cold = measure('/usr/bin/hugo', ['--quiet', '-d', 'out'], hugoDir);
      const build = lines.find((l) => l.startsWith('Markdown stage ÷ floor'))!.match(/total ([\d.]+) s/)![1];
      lines.push(`Hugo cold build of the same corpus in the same run: ${cold.wall.toFixed(2)} s wall, ${cold.cpu.toFixed(2)} s CPU, ${cold.rssMB.toFixed(0)} MB; dateline's in-process cold build above: ${build} s (${(Number(build) / cold.wall).toFixed(1)}×).`, '');
    }
    process.stdout.write(`Command: \`node dist/tests/bench/profile.js ${process.argv.slice(2).join(' ')}\`\n\n` + lines.join('\n') + '\n');
  } finally {
    await fs.rm(tmp, { recursive: true, force: true });
  }
}
