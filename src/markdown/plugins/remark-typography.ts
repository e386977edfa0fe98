import type { Root, Text, Parent, Link } from 'mdast';
import type { VFile } from 'vfile';

/** Options of remarkTypography. */
export interface Options {
  /** Languages whose text is left alone (scripts with their own quotation marks). */
  skipLanguages?: string[];
}

/** A link whose text is its own address (`<https://…>`, `www.…`): the address is left as written. */
function isAutolink(link: Link): boolean {
  const only = link.children.length === 1 && link.children[0]!.type === 'text' ? link.children[0]!.value : undefined;
  return only !== undefined && (link.url === only || link.url.replace(/^(https?:\/\/|mailto:)/, '') === only.replace(/^(https?:\/\/|mailto:)/, ''));
}

/** Text restored as written by another plugin (an unmeant directive such as `:abbr[UN]{title="x"}`). */
function isVerbatim(node: { type: string; data?: unknown }): boolean {
  return node.type === 'text' && (node.data as { verbatim?: boolean } | undefined)?.verbatim === true;
}

const BLOCKS_WITH_TEXT = new Set(['paragraph', 'heading', 'tableCell']);
const OPENING_CONTEXT = /[\s([{\u2014\u2013/-]/;
const WORD = /[\p{L}\p{N}]/u;

/** State carried across the inline nodes of one block, so quotes can span emphasis and links. */
interface State {
  prev: string;
}

function convert(value: string, state: State, next: () => string): string {
  let out = '';
  for (let i = 0; i < value.length; i++) {
    const c = value[i]!;
    const after = i + 1 < value.length ? value[i + 1]! : next();
    if (c === '"') {
      const open = state.prev === '' || OPENING_CONTEXT.test(state.prev) || state.prev === '‘';
      out += open ? '“' : '”';
    } else if (c === "'") {
      if (WORD.test(state.prev) && WORD.test(after)) out += '’';
      else if ((state.prev === '' || OPENING_CONTEXT.test(state.prev)) && /\d/.test(after) && /\d/.test(value[i + 2] ?? '') && !/\d/.test(value[i + 3] ?? 'x')) out += '’';
      else if (state.prev === '' || OPENING_CONTEXT.test(state.prev) || state.prev === '“') out += '‘';
      else out += '’';
    } else if (c === '-' && value[i + 1] === '-') {
      if (value[i + 2] === '-') {
        out += '—';
        i += 2;
      } else {
        out += '–';
        i += 1;
      }
      state.prev = out[out.length - 1]!;
      continue;
    } else if (c === '.' && value[i + 1] === '.' && value[i + 2] === '.') {
      out += '…';
      i += 2;
    } else out += c;
    state.prev = out[out.length - 1]!;
  }
  return out;
}

/** Typographic punctuation for a one-line text such as a headline (not for RTL languages). */
export function smartenText(text: string, lang: string, skipLanguages = ['ar', 'fa', 'he', 'ur']): string {
  if (skipLanguages.includes(lang.split('-')[0] ?? '')) return text;
  return convert(text, { prev: '' }, () => '');
}

/**
 * Typographic quotes, apostrophes, dashes and ellipses in one pass over each block's text
 * nodes. Code, inline code, raw HTML and link destinations are never touched; languages in
 * `skipLanguages` (Arabic, Persian, Hebrew, Urdu) keep their own punctuation.
 */
export default function remarkTypography(options: Options = {}) {
  const skip = new Set(options.skipLanguages ?? ['ar', 'fa', 'he', 'ur']);
  return (tree: Root, file: VFile) => {
    if (skip.has(String((file.data as { lang?: string }).lang ?? '').split('-')[0] ?? '')) return;
    const walkBlock = (block: Parent) => {
      const texts: Text[] = [];
      const collect = (node: Parent) => {
        for (const child of node.children) {
          if (child.type === 'text' && !isVerbatim(child)) texts.push(child);
          else if (child.type === 'inlineCode' || isVerbatim(child)) texts.push({ type: 'text', value: '\u0000' } as Text);
          else if (child.type === 'link' && isAutolink(child)) texts.push({ type: 'text', value: '\u0000' } as Text);
          else if ('children' in child) collect(child as Parent);
        }
      };
      collect(block);
      const state: State = { prev: '' };
      texts.forEach((t, i) => {
        if (t.value === '\u0000') {
          state.prev = 'x';
          return;
        }
        t.value = convert(t.value, state, () => texts[i + 1]?.value[0] ?? '');
      });
    };
    const visit = (node: Parent) => {
      for (const child of node.children) {
        if (BLOCKS_WITH_TEXT.has(child.type)) walkBlock(child as Parent);
        else if ('children' in child) visit(child as Parent);
      }
    };
    visit(tree);
  };
}
