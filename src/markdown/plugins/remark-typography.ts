import type { Root, Text, Parent, Link } from 'mdast';
import type { VFile } from 'vfile';

/** Options of remarkTypography. */
export interface Options {
  /** Languages whose text is left alone (scripts with their own quotation marks). */
  skipLanguages?: string[];
}

const SKIP_LANGUAGES = ['ar', 'fa', 'he', 'ur'];
const BLOCKS_WITH_TEXT = new Set(['paragraph', 'heading', 'tableCell']);
/** Everything the plugin rewrites; text without a match is returned as it is. */
const SPECIAL = /["']|-{2,3}|\.\.\./g;
/** Before a quote, these mean the quote opens. */
const OPENS_AFTER = /^$|[\s([{\u2018\u201c]/u;
/** Before a quote, these mean the quote closes. */
const CLOSES_AFTER = /[\p{L}\p{N}.,;:!?)\]}%\u2019\u201d\u2026]/u;
/** After a quote, these mean it closes (or stands alone). */
const ENDS = /^$|[\s.,;:!?)\]}]/u;
const WORD = /[\p{L}\p{N}]/u;
/** Words that begin with an elided letter take an apostrophe, not an opening quote. */
const ELISION = /^(?:tis|twas|em|n|cause|til|bout)(?![\p{L}\p{N}])/iu;
const TWO_DIGITS = /^\d\d(?!\d)/;

/** A link whose text is its own address (`<https://…>`, `www.…`): the address is left as written. */
function isAutolink(link: Link): boolean {
  const only = link.children.length === 1 && link.children[0]!.type === 'text' ? link.children[0]!.value : undefined;
  return only !== undefined && (link.url === only || link.url.replace(/^(https?:\/\/|mailto:)/, '') === only.replace(/^(https?:\/\/|mailto:)/, ''));
}

/** Text restored as written by another plugin (an unmeant directive such as `:abbr[UN]{title="x"}`). */
function isVerbatim(node: { type: string; data?: unknown }): boolean {
  return node.type === 'text' && (node.data as { verbatim?: boolean } | undefined)?.verbatim === true;
}

/** State carried across the inline nodes of one block, so quotes can span emphasis and links. */
interface State {
  /** The last character written (after conversion), '' at the start of a block. */
  prev: string;
}

/** Whether a quote between `prev` and `next` opens: after space or a bracket, or after other marks (a dash, `=`) when text follows. */
function opens(prev: string, next: string): boolean {
  if (OPENS_AFTER.test(prev)) return true;
  if (CLOSES_AFTER.test(prev)) return false;
  return !ENDS.test(next);
}

function single(prev: string, next: string, rest: string): string {
  if (WORD.test(prev) && WORD.test(next)) return '\u2019';
  if (opens(prev, next)) return TWO_DIGITS.test(rest) || ELISION.test(rest) ? '\u2019' : '\u2018';
  return '\u2019';
}

function convert(value: string, state: State, next: () => string): string {
  let out = '';
  let last = 0;
  SPECIAL.lastIndex = 0;
  for (let m = SPECIAL.exec(value); m; m = SPECIAL.exec(value)) {
    const i = m.index;
    const end = i + m[0].length;
    if (i > last) {
      out += value.slice(last, i);
      state.prev = value[i - 1]!;
    }
    const after = end < value.length ? value[end]! : next();
    let r: string;
    switch (m[0]) {
      case '"':
        r = opens(state.prev, after) ? '\u201c' : '\u201d';
        break;
      case "'":
        r = single(state.prev, after, value.slice(end, end + 6));
        break;
      case '---':
        r = '\u2014';
        break;
      case '--':
        r = '\u2013';
        break;
      default:
        r = '\u2026';
    }
    out += r;
    state.prev = r;
    last = end;
  }
  if (last === 0) {
    if (value) state.prev = value[value.length - 1]!;
    return value;
  }
  if (last < value.length) {
    out += value.slice(last);
    state.prev = value[value.length - 1]!;
  }
  return out;
}

/** Typographic punctuation for a one-line text such as a headline (not for RTL languages). */
export function smartenText(text: string, lang: string, skipLanguages = SKIP_LANGUAGES): string {
  if (skipLanguages.includes(lang.split('-')[0] ?? '')) return text;
  return convert(text, { prev: '' }, () => '');
}

/** A stand-in in a block's text run: code or a verbatim text reads as a word, a line break as a space. */
type Run = Text | { stand: string };

/**
 * Typographic quotes, apostrophes, dashes and ellipses in one pass over each block's text
 * nodes. Code, inline code, raw HTML and link destinations are never touched; languages in
 * `skipLanguages` (Arabic, Persian, Hebrew, Urdu) keep their own punctuation.
 */
export default function remarkTypography(options: Options = {}) {
  const skip = new Set(options.skipLanguages ?? SKIP_LANGUAGES);
  return (tree: Root, file: VFile) => {
    if (skip.has(String((file.data as { lang?: string }).lang ?? '').split('-')[0] ?? '')) return;
    const walkBlock = (block: Parent) => {
      const runs: Run[] = [];
      const collect = (node: Parent) => {
        for (const child of node.children) {
          if (child.type === 'text') runs.push(isVerbatim(child) ? { stand: 'x' } : child);
          else if (child.type === 'inlineCode' || (child.type === 'link' && isAutolink(child))) runs.push({ stand: 'x' });
          else if (child.type === 'break') runs.push({ stand: ' ' });
          else if ('children' in child) collect(child as Parent);
        }
      };
      collect(block);
      const state: State = { prev: '' };
      runs.forEach((run, i) => {
        if ('stand' in run) {
          state.prev = run.stand;
          return;
        }
        const following = runs[i + 1];
        run.value = convert(run.value, state, () => (following === undefined ? '' : 'stand' in following ? following.stand : (following.value[0] ?? '')));
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
