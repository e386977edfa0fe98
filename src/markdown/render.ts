import type { Root as MdastRoot } from 'mdast';
import type { Root as HastRoot, Element } from 'hast';
import type { Point } from 'unist';
import { toHtml, hastToString as hastText, visit, VFile } from '../vendor/unified.js';
import { diagnose, sortDiagnostics } from '../errors/diagnostics.js';
import { catalogue, type RuleId } from '../errors/catalogue.js';
import type { Diagnostic } from '../errors/types.js';
import { bodyTraits, createProcessor } from './processor.js';
import { countWords } from './count-words.js';
import { smartenText } from './plugins/remark-typography.js';
import type { ArticleHtml, BodyDocument, BodyLink, BodyPhoto, Heading, MarkdownInput } from './types.js';

/** One frozen processor per combination of body traits, made on first use. */
const processors = new Map<string, ReturnType<typeof createProcessor>>();

function processorFor(body: string): ReturnType<typeof createProcessor> {
  const traits = bodyTraits(body);
  const key = `${traits.raw}/${traits.email}/${traits.table}`;
  let processor = processors.get(key);
  if (!processor) processors.set(key, (processor = createProcessor(traits)));
  return processor;
}
/**
 * Every link in document order, with its URL as the editor wrote it: Markdown links (at their
 * `[`), references resolved through their definitions, autolinks, and raw `<a href>` that
 * survived sanitising (found in the final tree). Footnote anchors are the pipeline's own.
 */
function collectLinks(mdast: MdastRoot, hast: HastRoot, offset: number): BodyLink[] {
  const definitions = new Map<string, string>();
  visit(mdast, 'definition', (node) => {
    if (!definitions.has(node.identifier)) definitions.set(node.identifier, node.url);
  });
  const found: { url: string; start?: Point }[] = [];
  const fromMarkdown = new Set<number>();
  visit(mdast, (node) => {
    const url = node.type === 'link' ? node.url : node.type === 'linkReference' ? definitions.get(node.identifier) : undefined;
    if (url === undefined) return;
    found.push({ url, start: node.position?.start });
    if (node.position?.start.offset !== undefined) fromMarkdown.add(node.position.start.offset);
  });
  visit(hast, 'element', (node: Element) => {
    const p = node.properties;
    if (node.tagName !== 'a' || typeof p?.href !== 'string' || p.dataFootnoteRef !== undefined || p.dataFootnoteBackref !== undefined) return;
    const start = node.position?.start;
    if (start?.offset !== undefined && !fromMarkdown.has(start.offset)) found.push({ url: p.href, start });
  });
  found.sort((x, y) => (x.start?.offset ?? 0) - (y.start?.offset ?? 0));
  return found.map(({ url, start }) => (start ? { url, position: { line: start.line + offset, column: start.column } } : { url }));
}

function isEmpty(tree: MdastRoot): boolean {
  return tree.children.every((n) => n.type === 'html' && /^\s*<!--[\s\S]*-->\s*$/.test(n.value));
}

/**
 * Renders one body, turning an exception into that file's positioned `internal:article-failed`
 * error so one article never stops the others.
 */
export function renderMarkdownSafely(input: MarkdownInput): ArticleHtml {
  try {
    return renderMarkdown(input);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return {
      html: '',
      text: '',
      wordCount: 0,
      readingMinutes: 1,
      headings: [],
      photos: [],
      links: [],
      diagnostics: [
        diagnose('internal:article-failed', input.file, `dateline failed while rendering this article's body (${reason}).`, {
          position: { line: input.bodyLine, column: 1 },
        }),
      ],
    };
  }
}

/** Renders one article body: HTML, teaser, counts, headings, photos, links and messages. */
export function renderMarkdown(input: MarkdownInput): ArticleHtml {
  const offset = input.bodyLine - 1;
  const file = new VFile({ value: input.body, path: input.file, data: { lang: input.lang } });
  const processor = processorFor(input.body);
  const mdast = processor.parse(file) as MdastRoot;
  const diagnostics: Diagnostic[] = [];
  if (isEmpty(mdast)) {
    diagnostics.push(
      diagnose('body:empty', input.file, 'The article has no body text below the front matter.', {
        position: { line: input.bodyLine, column: 1 },
        hint: 'Write the story below the closing `---` of the front matter.',
      }),
    );
  }
  // Running the remark plugins changes the tree in place (quotes, figures), then bridges to hast.
  const hast = processor.runSync(mdast, file) as HastRoot;
  const documents = ((file.data as { documents?: BodyDocument[] }).documents ?? []).map((d) => (d.position ? { ...d, position: { line: d.position.line + offset, column: d.position.column } } : d));
  // Links to documents are checked by the documents stage (the file must exist beside the story).
  const documentLinks = new Set(documents.flatMap((d) => [d.href, d.src]));
  const bare = (url: string) => {
    const p = url.split(/[?#]/)[0]!;
    try {
      return decodeURI(p);
    } catch {
      return p;
    }
  };
  const links = collectLinks(mdast, hast, offset).filter((l) => !documentLinks.has(l.url) && !documentLinks.has(bare(l.url)));
  const html = processor.stringify(hast, file);

  const headings: Heading[] = [];
  visit(hast, 'element', (node: Element) => {
    const m = /^h([1-6])$/.exec(node.tagName);
    if (m && node.properties?.id) headings.push({ depth: Number(m[1]), id: String(node.properties.id), text: hastText(node) });
  });
  const result: ArticleHtml = {
    html,
    text: '',
    wordCount: 0,
    readingMinutes: 1,
    headings,
    photos: ((file.data as { photos?: BodyPhoto[] }).photos ?? []).map((p) => (p.position ? { ...p, position: { line: p.position.line + offset, column: p.position.column } } : p)),
    links,
    diagnostics,
  };
  if (documents.length) result.documents = documents;
  if (input.title !== undefined) result.title = smartenText(input.title, input.lang);
  if (input.summary !== undefined) result.summary = smartenText(input.summary, input.lang);
  result.text = hastText(hast);
  result.wordCount = countWords(result.text, input.lang);
  result.readingMinutes = Math.max(1, Math.round(result.wordCount / input.wordsPerMinute));
  const teaserBlocks = (file.data as { teaserBlocks?: number }).teaserBlocks;
  if (teaserBlocks !== undefined) {
    const lastBlock = mdast.children[teaserBlocks - 1];
    const end = lastBlock?.position?.end.offset ?? 0;
    const teaser = hast.children.filter((n) => n.position !== undefined && (n.position.end.offset ?? Infinity) <= end);
    result.teaserHtml = toHtml({ type: 'root', children: teaser });
  }
  for (const m of file.messages) {
    const ruleId = `${m.source}:${m.ruleId}`;
    // Only this stage's plugins speak to editors; a message from a library plugin is not a content rule.
    if (!(ruleId in catalogue)) continue;
    const place = m.place && 'start' in m.place ? m.place.start : m.place;
    diagnostics.push(diagnose(ruleId as RuleId, input.file, m.reason, { position: place ? { line: place.line + offset, column: place.column } : undefined }));
  }
  // Plugins report in the order they run; editors read top to bottom.
  result.diagnostics = sortDiagnostics(diagnostics);
  return result;
}
