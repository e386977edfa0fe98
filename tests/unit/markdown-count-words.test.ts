import { test } from 'node:test';
import assert from 'node:assert/strict';
import { countWords } from '../../src/markdown/index.js';

const segmented = (text: string, lang: string) => [...new Intl.Segmenter(lang, { granularity: 'word' }).segment(text)].filter((s) => s.isWordLike).length;

const samples: [string, string][] = [
  ['en', '"We have been waiting," said Lina Haddad -- one of its critics. It\'s the \'90s; U.S. troops, 6.1 percent, 3,000,000 people, e-mail, state-of-the-art, 10:30, Ph.D., C++ and C#, $5.50, 50%.'],
  ['en', 'rock ’n’ roll, l’homme, naïve café, Straße, co-op’s, x.y.z, ab.12, 12.ab, https://example.org/a-b user@example.com 😀'],
  ['ar', 'قال المتحدث باسم الحكومة إن المعارك مستمرة في ريف حماة، وإن العائلات تنتظر منذ ٣ أيام. ارتفع العجز إلى ٣٫٥ مليون؟ عَرَبِيّ'],
  ['fa', 'او گفت «نه» و می‌خواهم بروم؛ ۱۲۳ نفر'],
  ['he', 'הוא אמר "לא" ויצא'],
  ['ja', '東京都の予算案が可決されました。'],
];

test('word counts agree with Intl.Segmenter word-like segments in every script', () => {
  for (const [lang, text] of samples) assert.equal(countWords(text, lang), segmented(text, lang), `${lang}: ${text}`);
});

test('an empty text has no words', () => {
  assert.equal(countWords('', 'en'), 0);
  assert.equal(countWords(' — … ', 'en'), 0);
});
