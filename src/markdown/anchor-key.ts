import { slug } from '../vendor/unified.js';

/**
 * The form in which two spellings of one heading anchor are equal: slugged as rehype-slug slugs
 * headings (lower case, punctuation such as `؟` and `،` dropped, spaces to hyphens), without Arabic
 * harakat, tatweel or zero-width joiners, in Unicode NFC.
 */
export function anchorKey(fragment: string): string {
  const plain = fragment.normalize('NFC').replace(/[\u064B-\u065F\u0670\u0640\u200C\u200D]/g, '');
  return slug(plain);
}
