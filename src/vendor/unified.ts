/**
 * The unified family dateline uses (remark, rehype, their micromark, mdast and hast utilities,
 * vfile, github-slugger) behind one module. `npm run compile` bundles this file's compiled output
 * into a single file (see bundle.ts): a process then loads one module instead of ~500 small ones
 * (measured: 440 → 180 ms to import them). Unbundled (after a bare `tsc`), it re-exports the
 * packages and works the same, slower to load. Every value import of these packages goes through
 * here, so one copy of each is loaded; types are imported from the packages themselves.
 */
export { unified } from 'unified';
export { default as remarkParse } from 'remark-parse';
export { default as remarkGfm } from 'remark-gfm';
export { default as remarkDirective } from 'remark-directive';
export { default as remarkRehype } from 'remark-rehype';
export { default as remarkStringify } from 'remark-stringify';
export { default as rehypeRaw } from 'rehype-raw';
export { default as rehypeSanitize, defaultSchema } from 'rehype-sanitize';
export { default as rehypeSlug } from 'rehype-slug';
export { default as rehypeStringify } from 'rehype-stringify';
export { default as rehypeParse } from 'rehype-parse';
export { default as rehypeRemark } from 'rehype-remark';
export { toHtml } from 'hast-util-to-html';
export { fromHtml } from 'hast-util-from-html';
export { toString as hastToString } from 'hast-util-to-string';
export { toString as mdastToString } from 'mdast-util-to-string';
export { visit, SKIP } from 'unist-util-visit';
export { VFile } from 'vfile';
export { slug } from 'github-slugger';
