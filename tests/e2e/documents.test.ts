import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { PDFDict, PDFDocument, PDFName } from 'pdf-lib';
import { strFromU8, unzipSync } from 'fflate';
import { article, makeSite, removeSite, runCli } from '../helpers/project.js';
import { docxWithMetadata, pdfWithMetadata } from '../helpers/documents.js';

const BUNDLE = 'content/articles/2025/05/budget-vote';
const BODY = `The ruling is [online](Court-Ruling.pdf) and the [annex](annex.docx) too.

The figures are in [a spreadsheet](figures.csv); hear [the session](session.mp3).
`;

let root: string;
let out: string;
let build: Awaited<ReturnType<typeof runCli>>;

before(async () => {
  root = await makeSite({
    [`${BUNDLE}/index.md`]: article({}, BODY),
    [`${BUNDLE}/Court-Ruling.pdf`]: await pdfWithMetadata(),
    [`${BUNDLE}/annex.docx`]: docxWithMetadata(),
    [`${BUNDLE}/figures.csv`]: 'month,price\n2025-01,410\n2025-02,432\n',
    [`${BUNDLE}/session.mp3`]: Buffer.concat([Buffer.from('ID3'), Buffer.alloc(64, 1)]),
  });
  out = path.join(root, '_site');
  build = await runCli(['build', '--out', out, '--now', '2025-06-01T00:00:00Z'], { cwd: root });
});

after(async () => removeSite(root));

const page = () => fs.readFile(path.join(out, 'politics/2025/05/budget-vote/index.html'), 'utf8');
async function linkTo(text: string): Promise<string> {
  const m = new RegExp(`<a href="([^"]+)">${text}</a>`).exec(await page());
  assert.ok(m, `a link “${text}”`);
  return m[1]!;
}

test('documents beside the story are published with content-hashed names and the links point at them', async () => {
  assert.equal(build.code, 0, build.stderr);
  assert.match(await linkTo('online'), /^\/media\/[0-9a-f]{12}-court-ruling\.pdf$/);
  assert.match(await linkTo('annex'), /^\/media\/[0-9a-f]{12}-annex\.docx$/);
  const csv = await linkTo('a spreadsheet');
  assert.match(csv, /^\/media\/[0-9a-f]{12}-figures\.csv$/);
  assert.equal(await fs.readFile(path.join(out, csv), 'utf8'), 'month,price\n2025-01,410\n2025-02,432\n', 'a CSV is published as it is');
  assert.match(await linkTo('the session'), /^\/media\/[0-9a-f]{12}-session\.mp3$/);
  const manifest = JSON.parse(await fs.readFile(path.join(out, '.dateline/manifest.json'), 'utf8')) as { files: Record<string, unknown> };
  for (const text of ['online', 'annex', 'a spreadsheet', 'the session']) assert.ok(manifest.files[(await linkTo(text)).slice(1)], `${text} is in the manifest, so it is deployed`);
});

test('the build warns that the source PDF and DOCX carry metadata, at the link', async () => {
  assert.match(build.stderr, /9:15\s+warning\s+The document `content\/articles\/2025\/05\/budget-vote\/Court-Ruling\.pdf` carries author, creator tool, title, dates, embedded XMP, and edit history \(2 saved versions\) in its metadata\..*document:metadata/);
  assert.match(build.stderr, /9:\d+\s+warning\s+The document `[^`]*annex\.docx` carries author, last editor, creator tool, company, and edit history in its metadata\./);
});

test('the published PDF has no author, creator tool, XMP or earlier revision', async () => {
  const bytes = await fs.readFile(path.join(out, await linkTo('online')));
  const text = bytes.toString('latin1');
  for (const leak of ['Leila Source', 'Ministry Scanner Suite', 'Ministry PDF Writer', 'internal draft', 'xmpmeta']) assert.ok(!text.includes(leak), `${leak} is gone`);
  assert.equal(text.split('%%EOF').length - 1, 1, 'one revision');
  const doc = await PDFDocument.load(bytes, { updateMetadata: false });
  // Looked at before any getter, which would make an empty information dictionary.
  assert.ok(!(doc.context.lookup(doc.context.trailerInfo.Info) instanceof PDFDict), 'no information dictionary');
  assert.equal(doc.catalog.get(PDFName.of('Metadata')), undefined);
  assert.equal(doc.getAuthor(), undefined);
  assert.equal(doc.getCreator(), undefined);
  assert.equal(doc.getPageCount(), 1, 'the document itself is intact');
});

test('the published DOCX keeps its text and loses its docProps', async () => {
  const parts = unzipSync(await fs.readFile(path.join(out, await linkTo('annex'))));
  const all = Object.values(parts).map((p) => strFromU8(p)).join('\n');
  for (const leak of ['Omar Insider', 'Finance Ministry Legal', 'Microsoft Office Word', 'Ministry of Finance', '<TotalTime>', '<cp:revision>']) assert.ok(!all.includes(leak), `${leak} is gone`);
  assert.match(strFromU8(parts['word/document.xml']!), /Budget annex, table 4/);
  assert.ok(parts['[Content_Types].xml'] && parts['docProps/core.xml'], 'the package keeps every part');
});

test('a linked document that is missing is a positioned error with a did-you-mean, from check and build', async () => {
  const site = await makeSite({ [`${BUNDLE}/index.md`]: article({}, 'Read [the ruling](court-ruling.pdf).\n'), [`${BUNDLE}/Court-Ruling.pdf`]: await pdfWithMetadata() });
  try {
    for (const cmd of ['check', 'build']) {
      const r = await runCli([cmd, '--now', '2025-06-01T00:00:00Z'], { cwd: site });
      assert.equal(r.code, 1, r.stderr);
      assert.match(r.stderr, /9:6\s+error\s+The linked document `content\/articles\/2025\/05\/budget-vote\/court-ruling\.pdf` does not exist\. Did you mean `Court-Ruling\.pdf`\?\s+document:not-found/);
      assert.ok(!r.stderr.includes('link:broken'), 'reported once, as a document');
    }
  } finally {
    await removeSite(site);
  }
});

test('`dateline scrub` cleans source documents and photos in place; `dateline photos scrub` does the same', async () => {
  const site = await makeSite({ [`${BUNDLE}/index.md`]: article({}, 'Read [the ruling](ruling.pdf) and [the annex](annex.docx).\n'), [`${BUNDLE}/ruling.pdf`]: await pdfWithMetadata(), [`${BUNDLE}/annex.docx`]: docxWithMetadata() });
  try {
    const r = await runCli(['scrub'], { cwd: site });
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /ruling\.pdf: removed author, creator tool, title, dates, embedded XMP, edit history \(2 saved versions\)/);
    assert.match(r.stdout, /annex\.docx: removed author, last editor, creator tool, company, edit history/);
    assert.match(r.stdout, /Scrubbed 2 of 0 photos and 2 documents\./);
    const pdf = await fs.readFile(path.join(site, BUNDLE, 'ruling.pdf'));
    assert.ok(!pdf.toString('latin1').includes('Leila Source'));
    assert.equal((await PDFDocument.load(pdf)).getPageCount(), 1);
    const check = await runCli(['check', '--now', '2025-06-01T00:00:00Z'], { cwd: site });
    assert.ok(!check.stderr.includes('document:metadata'), check.stderr);
    // Nothing left to remove: the older name runs and changes nothing.
    const again = await runCli(['photos', 'scrub'], { cwd: site });
    assert.match(again.stdout, /Scrubbed 0 of 0 photos and 2 documents\./);
  } finally {
    await removeSite(site);
  }
});
