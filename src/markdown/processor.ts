import { unified } from 'unified';
import remarkParse from 'remark-parse';
import remarkGfm from 'remark-gfm';
import remarkDirective from 'remark-directive';
import remarkRehype from 'remark-rehype';
import rehypeRaw from 'rehype-raw';
import { defaultSchema, type Options as SanitizeSchema } from 'rehype-sanitize';
import rehypeSlug from 'rehype-slug';
import rehypeStringify from 'rehype-stringify';
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
import rehypeTableScroll from './plugins/rehype-table-scroll.js';

/**
 * Raw HTML policy: raw HTML in Markdown is parsed (rehype-raw) and then sanitised with GitHub's
 * schema, extended only for what this pipeline itself writes (figures, captions, credits, pull
 * quotes, `dir`/`lang`). Scripts, styles, frames, forms, inline event handlers and
 * `javascript:` URLs never reach a page; rehype-unsafe-html runs the sanitiser and reports each removal.
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
  // Removed together with their content, which is code, styles or fallback rather than article text.
  strip: ['script', 'style', 'template', 'noscript', 'iframe', 'object', 'embed', 'svg', 'math', 'form', 'textarea', 'select', 'video', 'audio'],
  // Heading ids come from rehype-slug after sanitising, and GFM footnotes already carry
  // `user-content-`; a second prefix would break every footnote link.
  clobberPrefix: '',
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
    .use(rehypeTableScroll)
    .use(rehypeStringify)
    .freeze();
}
