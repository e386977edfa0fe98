/**
 * Romanises Arabic-script words (Arabic, Persian, Urdu letters) for URL slugs, the way Arabic
 * newsrooms write Latin slugs: consonants as in ALA-LC without diacritics (ش sh, خ kh, ع and ء
 * silent), ا/ى/ة as `a`, و/ي as `u`/`i` between consonants and `w`/`y` elsewhere, the article
 * ال as `al-`. Written short vowels (harakat) are used when present; unvocalised text gets the
 * short vowels its commonest patterns imply: `a` between two consonants that open a word or end
 * it before ة, `mu` for the مـ prefix of participles and verbal nouns (مُعارضة → muarada).
 */

const CONSONANTS: Record<string, string> = {
  ب: 'b', ت: 't', ث: 'th', ج: 'j', ح: 'h', خ: 'kh', د: 'd', ذ: 'dh', ر: 'r', ز: 'z', س: 's', ش: 'sh',
  ص: 's', ض: 'd', ط: 't', ظ: 'z', ع: "'", غ: 'gh', ف: 'f', ق: 'q', ك: 'k', ل: 'l', م: 'm', ن: 'n',
  ه: 'h', ء: "'", پ: 'p', چ: 'ch', ژ: 'zh', گ: 'g', ک: 'k', ڤ: 'v', ٹ: 't', ڈ: 'd', ڑ: 'r', ھ: 'h', ۃ: 'a',
};
const LONG: Record<string, string> = { ا: 'a', آ: 'a', أ: 'a', إ: 'i', ى: 'a', ة: 'a', ئ: 'i', ؤ: 'u', ٱ: 'a' };
const HARAKAT: Record<string, string> = { '\u064E': 'a', '\u064F': 'u', '\u0650': 'i', '\u064B': 'an', '\u064C': 'un', '\u064D': 'in' };
const SUKUN = '\u0652';
const SHADDA = '\u0651';
const DIGITS = '٠١٢٣٤٥٦٧٨٩';
const PERSIAN_DIGITS = '۰۱۲۳۴۵۶۷۸۹';

/** A sound of the word: a consonant, or a vowel (written or implied). */
interface Sound {
  text: string;
  vowel: boolean;
  /** Written with ة. */
  marbuta?: boolean;
}

/** True for letters of the Arabic script (the blocks Arabic, Persian and Urdu are written in). */
export function isArabicScript(s: string): boolean {
  return /[\u0600-\u06FF\u0750-\u077F\u08A0-\u08FF\uFB50-\uFDFF\uFE70-\uFEFF]/.test(s);
}

/** Reads one word's letters into sounds, with the written harakat. */
function sounds(word: string): { list: Sound[]; vocalised: boolean } {
  const list: Sound[] = [];
  let vocalised = false;
  const chars = [...word.normalize('NFC')];
  for (let i = 0; i < chars.length; i++) {
    const ch = chars[i]!;
    const prev = list[list.length - 1];
    if (HARAKAT[ch]) {
      vocalised = true;
      list.push({ text: HARAKAT[ch]!, vowel: true });
    } else if (ch === SUKUN) {
      vocalised = true;
    } else if (ch === SHADDA) {
      if (prev && !prev.vowel) list.push({ ...prev });
    } else if (ch === 'و' || ch === 'ي' || ch === 'ی') {
      const u = ch === 'و';
      const next = chars[i + 1];
      if (!u && next === 'ة' && prev && !prev.vowel) {
        list.push({ text: 'i', vowel: true }, { text: 'y', vowel: false });
        continue;
      }
      const nextIsLetter = next !== undefined && !HARAKAT[next] && next !== SUKUN && next !== SHADDA;
      const nextIsVowel = next !== undefined && (HARAKAT[next] !== undefined || LONG[next] !== undefined);
      // A glide at the start of a word or beside a vowel; a long vowel between consonants or at the end.
      const glide = !prev || prev.vowel || nextIsVowel || (next === SHADDA);
      list.push(glide && (prev || nextIsLetter) ? { text: u ? 'w' : 'y', vowel: false } : { text: u ? 'u' : 'i', vowel: true });
    } else if (LONG[ch]) {
      list.push({ text: LONG[ch]!, vowel: true, ...(ch === 'ة' ? { marbuta: true } : {}) });
    } else if (CONSONANTS[ch]) {
      list.push({ text: CONSONANTS[ch]!, vowel: false });
    } else if (DIGITS.includes(ch) || PERSIAN_DIGITS.includes(ch)) {
      list.push({ text: String((DIGITS + PERSIAN_DIGITS).indexOf(ch) % 10), vowel: true });
    } else if (/[\p{L}\p{N}]/u.test(ch)) {
      list.push({ text: ch, vowel: /[aeiou0-9]/i.test(ch) });
    }
  }
  return { list, vocalised };
}

/** Adds the short vowels unvocalised writing leaves out, where the word's shape makes them clear. */
function impliedVowels(list: Sound[]): Sound[] {
  const out = [...list];
  const a: Sound = { text: 'a', vowel: true };
  const endsInTaMarbuta = out.length >= 3 && out[out.length - 1]!.marbuta === true;
  // مـ + consonant + ا: the prefix of participles and verbal nouns (مُعارضة, مُقاتل).
  if (out.length >= 4 && out[0]!.text === 'm' && !out[1]!.vowel && out[2]!.text === 'a') out.splice(1, 0, { text: 'u', vowel: true });
  else if (out.length >= 3 && !out[0]!.vowel && !out[1]!.vowel) out.splice(1, 0, a);
  if (endsInTaMarbuta && out.length >= 4 && !out[out.length - 2]!.vowel && !out[out.length - 3]!.vowel) out.splice(out.length - 2, 0, a);
  return out;
}

/** Romanises one Arabic-script word (no spaces) into lower-case Latin letters and digits. */
function romaniseWord(word: string): string {
  let prefix = '';
  let rest = word;
  // The article ال (and وال, بال, فال, كال, لل): `al-` (`wal-`, `bil-`…), written as its own word.
  const article = /^(و|ف|ب|ك)?(ال|لل)(?=.{2,})/u.exec(rest);
  if (article) {
    const lead = article[1] ? { و: 'wa', ف: 'fa', ب: 'bi', ك: 'ka' }[article[1]]! : '';
    prefix = article[2] === 'لل' ? 'lil-' : `${lead}${lead ? 'l' : 'al'}-`;
    rest = rest.slice(article[0].length);
  }
  const { list, vocalised } = sounds(rest);
  const full = vocalised ? list : impliedVowels(list);
  const text = full.map((s) => s.text).join('').replace(/'/g, '').replace(/([aiu])\1+/g, '$1');
  return prefix + text;
}

/** Romanises Arabic-script text word by word, leaving other characters as they are. */
export function romaniseArabic(text: string): string {
  return text.replace(/[\u0600-\u06FF\u0750-\u077F\u08A0-\u08FF\uFB50-\uFDFF\uFE70-\uFEFF]+/g, (w) => romaniseWord(w.replace(/\u0640/g, '')));
}
