import type { Processor } from 'unified';
import { unified, remarkParse, remarkGfm, remarkDirective, remarkRehype, rehypeRaw, defaultSchema, rehypeSlug, rehypeStringify } from '../vendor/unified.js';
import type { Options as SanitizeSchema } from 'rehype-sanitize';
import remarkFigure from './plugins/remark-figure.js';
import remarkPullquote from './plugins/remark-pullquote.js';
import remarkEmbed, { rehypeEmbed } from './plugins/remark-embed.js';
import remarkDirectiveFallback from './plugins/remark-directive-fallback.js';
import remarkMore from './plugins/remark-more.js';
import remarkTypography from './plugins/remark-typography.js';
import remarkRawLinkText from './plugins/remark-raw-link-text.js';
import remarkHeadingId from './plugins/remark-heading-id.js';
import rehypeAnchorLinks from './plugins/rehype-anchor-links.js';
import rehypeUnsafeHtml from './plugins/rehype-unsafe-html.js';
import rehypePhotos from './plugins/rehype-photos.js';
import rehypeDocuments from './plugins/rehype-documents.js';
import rehypeTableScroll from './plugins/rehype-table-scroll.js';

/**
 * Raw HTML policy: raw HTML in Markdown is parsed (rehype-raw) and then sanitised with GitHub's
 * schema, extended only for what this pipeline itself writes (figures, captions, credits, pull
 * quotes, `dir`/`lang`). Scripts, styles, frames, forms, inline event handlers and
 * `javascript:` URLs never reach a page; rehype-unsafe-html runs the sanitiser and reports each removal.
 * Exported for the benchmark's profile, which times sanitising on its own.
 */
export const schema: SanitizeSchema = {
  ...defaultSchema,
  tagNames: [...(defaultSchema.tagNames ?? []), 'figure', 'figcaption', 'cite', 'span', 'mark', 'abbr', 'time', 'bdi'],
  attributes: {
    ...defaultSchema.attributes,
    '*': [...(defaultSchema.attributes?.['*'] ?? []), 'dir', 'lang'],
    figure: ['className'],
    figcaption: ['className'],
    span: ['className'],
    div: [...(defaultSchema.attributes?.div ?? []), 'className'],
    blockquote: [...(defaultSchema.attributes?.blockquote ?? []), 'className'],
    abbr: ['title'],
    time: ['dateTime'],
  },
  // Removed together with their content, which is code, styles or fallback rather than article text.
  strip: ['script', 'style', 'template', 'noscript', 'iframe', 'object', 'embed', 'svg', 'math', 'form', 'textarea', 'select', 'video', 'audio'],
  // Heading ids come from rehype-slug after sanitising, and GFM footnotes already carry
  // `user-content-`; a second prefix would break every footnote link.
  clobberPrefix: '',
};

/** What a body can contain, as far as the parser's cost is concerned. */
export interface BodyTraits {
  /** Raw HTML besides comments: parsed (rehype-raw) and sanitised. */
  raw: boolean;
  /** Contains `@`: an email autolink literal is possible. */
  email: boolean;
  /** Contains `|`: a GFM table is possible. */
  table: boolean;
}

/** The traits of a body, read from its text. */
export function bodyTraits(body: string): BodyTraits {
  return { raw: RAW_HTML.test(body.replace(/`[^`\n]*`/g, '')), email: body.includes('@'), table: body.includes('|') };
}

/** Markup other than comments: the body needs raw HTML parsing (and sanitising of what it finds). */
const RAW_HTML = /<(?!!--)[a-zA-Z/!?]/;

type Hooks = Record<string, unknown>;

/**
 * Leaves constructs that cannot match out of remark-gfm's syntax extension (the last one added).
 * GFM's email autolink literal is tried at the start of every word and doubles the parse; it
 * needs an `@`, and a table needs a `|`, so a body without them parses to the same tree without
 * those constructs.
 */
function remarkGfmNarrow(this: Processor, options: { email: boolean; table: boolean }) {
  const drop = new Set([...(options.email ? [] : ['emailAutolink']), ...(options.table ? [] : ['table'])]);
  if (drop.size === 0) return;
  const list = this.data('micromarkExtensions') as unknown as Record<string, Hooks>[];
  const keep = (c: unknown) => !drop.has((c as { name?: string }).name ?? '');
  const narrowed: Record<string, Hooks> = {};
  for (const [field, hooks] of Object.entries(list[list.length - 1]!)) {
    const out: Hooks = {};
    for (const [code, value] of Object.entries(hooks)) {
      const constructs = (Array.isArray(value) ? value : [value]).filter(keep);
      if (constructs.length) out[code] = Array.isArray(value) ? constructs : constructs[0];
    }
    narrowed[field] = out;
  }
  list[list.length - 1] = narrowed;
}

/** Lines before the body in the file, passed through the vfile to the photo plugin. */
export interface ProcessorOptions {
  lineOffset: number;
}

/**
 * Builds the unified processor (remark → rehype) with every plugin in order, for bodies of the
 * given traits: `raw: false` leaves out parsing raw HTML (rehype-raw re-parses the whole tree);
 * `email: false` and `table: false` leave out GFM constructs that cannot match such a body.
 */
export function createProcessor(options: BodyTraits = { raw: true, email: true, table: true }) {
  const base = unified()
    .use(remarkParse)
    .use(remarkGfm)
    .use(remarkGfmNarrow, { email: options.email, table: options.table })
    .use(remarkDirective)
    .use(remarkRawLinkText)
    .use(remarkHeadingId)
    .use(remarkMore)
    .use(remarkFigure)
    .use(remarkPullquote)
    .use(remarkEmbed)
    .use(remarkDirectiveFallback)
    .use(remarkTypography)
    .use(remarkRehype, { allowDangerousHtml: true });
  return (options.raw ? base.use(rehypeRaw) : base)
    // rehype-sanitize, reporting each element and attribute it removes
    .use(rehypeUnsafeHtml, { schema })
    // embed facades are built after sanitising, from what remark-embed recognised
    .use(rehypeEmbed)
    .use(rehypeSlug)
    .use(rehypeAnchorLinks)
    .use(rehypePhotos)
    .use(rehypeDocuments)
    .use(rehypeTableScroll)
    .use(rehypeStringify)
    .freeze();
}
