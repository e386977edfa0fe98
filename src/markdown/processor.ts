import { unified } from 'unified';
import remarkParse from 'remark-parse';
import remarkGfm from 'remark-gfm';
import remarkDirective from 'remark-directive';
import remarkRehype from 'remark-rehype';
import rehypeRaw from 'rehype-raw';
import rehypeSanitize, { defaultSchema, type Options as SanitizeSchema } from 'rehype-sanitize';
import rehypeSlug from 'rehype-slug';
import rehypeStringify from 'rehype-stringify';
import remarkDirectives from './plugins/remark-directives.js';
import remarkMore from './plugins/remark-more.js';
import remarkTypography from './plugins/remark-typography.js';
import rehypeUnsafeHtml from './plugins/rehype-unsafe-html.js';
import rehypePhotos from './plugins/rehype-photos.js';
import rehypeTableScroll from './plugins/rehype-table-scroll.js';

/**
 * Raw HTML policy: raw HTML in Markdown is parsed (rehype-raw) and then sanitised with GitHub's
 * schema, extended only for what this pipeline itself writes (figures, captions, credits, pull
 * quotes, `dir`/`lang`). Scripts, styles, frames, forms, inline event handlers and
 * `javascript:` URLs never reach a page; rehype-unsafe-html reports each removal first.
 */
const schema: SanitizeSchema = {
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
};

/** Lines before the body in the file, passed through the vfile to the photo plugin. */
export interface ProcessorOptions {
  lineOffset: number;
}

/**
 * Builds the one unified processor (remark → rehype) with every plugin in order. `raw: false`
 * leaves out parsing raw HTML (rehype-raw re-parses the whole tree, the costliest step); it is
 * only for bodies that contain no HTML besides comments.
 */
export function createProcessor(options: { raw: boolean } = { raw: true }) {
  const base = unified()
    .use(remarkParse)
    .use(remarkGfm)
    .use(remarkDirective)
    .use(remarkMore)
    .use(remarkDirectives)
    .use(remarkTypography)
    .use(remarkRehype, { allowDangerousHtml: true });
  return (options.raw ? base.use(rehypeRaw) : base)
    .use(rehypeUnsafeHtml)
    .use(rehypeSanitize, schema)
    .use(rehypeSlug)
    .use(rehypePhotos)
    .use(rehypeTableScroll)
    .use(rehypeStringify)
    .freeze();
}
