import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseYamlSource } from '../../src/util/yaml-source.js';

const head = 'title: Budget\nsummary: A vote.\n';

test('a key indented more than the line above is one error on its own line, naming the key to line it up with', () => {
  const src = parseYamlSource(`${head}image:\n  src: a.jpg\n    alt: A photo\n`, 1);
  assert.equal(src.errors.length, 1);
  assert.deepEqual(src.errors[0]!.position, { line: 6, column: 5 });
  assert.match(src.errors[0]!.message, /^`alt:` is indented more than `src:` on the line above/);
  assert.equal(src.errors[0]!.hint, 'Line it up with `src:`.');
});

test('a key indented less than its siblings says which keys it could line up with', () => {
  const src = parseYamlSource(`${head}image:\n  src: a.jpg\n alt: A photo\n`);
  assert.equal(src.errors.length, 1);
  assert.deepEqual(src.errors[0]!.position, { line: 5, column: 2 });
  assert.match(src.errors[0]!.message, /`alt:` is indented 1 space/);
  assert.match(src.errors[0]!.hint!, /`src:` \(2 spaces\) or with `image:` \(0 spaces\)/);
});

test('a tab in the indentation says "tab", with no hint about quoting', () => {
  const src = parseYamlSource(`${head}image:\n\tsrc: a.jpg\n`);
  assert.equal(src.errors.length, 1);
  assert.deepEqual(src.errors[0]!.position, { line: 4, column: 1 });
  assert.match(src.errors[0]!.message, /indented with a tab/);
  assert.doesNotMatch(src.errors[0]!.hint!, /quot/);
});

test('a value containing ": " gets the quoting hint with the quoted line to write', () => {
  const src = parseYamlSource('title: Parliament passes: the budget\n');
  assert.equal(src.errors.length, 1);
  assert.deepEqual(src.errors[0]!.position, { line: 1, column: 25 });
  assert.equal(src.errors[0]!.hint, 'Put the value in quotes: title: "Parliament passes: the budget"');
});

test('curly quotes used as YAML quotes: a warning when valid, an error naming them when they hide a ": "', () => {
  const ok = parseYamlSource('title: “Parliament passes the budget”\n');
  assert.deepEqual(ok.errors, []);
  assert.equal(ok.warnings.length, 1);
  assert.deepEqual(ok.warnings[0]!.position, { line: 1, column: 8 });
  assert.match(ok.warnings[0]!.message, /curly quotes/);
  assert.match(ok.warnings[0]!.hint!, /title: "Parliament passes the budget"/);
  const bad = parseYamlSource('title: “Parliament passes: the budget”\n');
  assert.equal(bad.errors.length, 1);
  assert.match(bad.errors[0]!.message, /curly quotes, which YAML does not read as quotes/);
  assert.equal(parseYamlSource('title: "He said “no”"\n').warnings.length, 0, 'curly quotes inside straight ones are text');
});

test('a double-quoted value continued at column 0 is read leniently, as js-yaml and Jekyll read it', () => {
  const src = parseYamlSource(`${head}updateNote: "The first line of a long note\nthat continues at column 0"\ntags: [a]\n`, 1);
  assert.deepEqual(src.errors, []);
  assert.deepEqual(src.data, { title: 'Budget', summary: 'A vote.', updateNote: 'The first line of a long note that continues at column 0', tags: ['a'] });
  assert.deepEqual(src.positionOf(['tags']), { line: 6, column: 7 });
});

test('an unclosed quote is one error at the quote, and a key written twice is named', () => {
  const open = parseYamlSource(`${head}note: "never closed\nsection: x\n`);
  assert.equal(open.errors.length, 1);
  assert.deepEqual(open.errors[0]!.position, { line: 3, column: 7 });
  assert.match(open.errors[0]!.message, /double quote that opens the value of `note:` is never closed/);
  const dup = parseYamlSource(`${head}title: Again\n`);
  assert.equal(dup.errors.length, 1);
  assert.deepEqual(dup.errors[0]!.position, { line: 3, column: 1 });
  assert.match(dup.errors[0]!.message, /`title:` is written twice/);
});

test('text after a closing quote is named', () => {
  const src = parseYamlSource('title: "Quoted" and more\n');
  assert.equal(src.errors.length, 1);
  assert.match(src.errors[0]!.message, /goes on after its closing quote/);
});
