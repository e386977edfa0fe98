import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import { article, makeSite, removeSite, runCli } from '../helpers/project.js';

const EN = 'content/articles/2025/05/budget-vote/index.md';
const AR = 'content/articles/2025/05/budget-vote-ar/index.md';
const AR_TITLE = 'البرلمان يقر الموازنة بعد أشهر من الخلاف';

let root: string;
let out: string;

before(async () => {
  root = await makeSite({
    [EN]: article({ title: 'Parliament passes the budget after months of wrangling' }),
    [AR]: article({ title: AR_TITLE, lang: 'ar', translationOf: 'budget-vote', summary: 'تصويت ضيق ينهي أشهرا من الخلاف.' }, 'قال مسؤولون إن التصويت سيجري.\n'),
    'content/site.yaml': (await import('../helpers/project.js')).testSiteYaml.replace('  - { code: ar, name: العربية, locale: ar }', '  - { code: ar, name: العربية, locale: ar, dir: rtl }') + 'colors: { background: "#0b3d2e", accent: "#f2c14e" }\n',
  });
  out = path.join(root, '_site');
  const r = await runCli(['build', '--out', out, '--now', '2025-06-01T00:00:00Z'], { cwd: root });
  assert.equal(r.code, 0, r.stderr);
});

after(async () => removeSite(root));

/** og:image, og:image:alt and the NewsArticle's `image` list of a built page (of the shared site, or of the site whose output is `site`). */
async function imagesOf(url: string, site = out): Promise<{ og: string; alt: string; twitter: string; jsonLd: string[] }> {
  const html = await fs.readFile(path.join(site, url, 'index.html'), 'utf8');
  const meta = (attr: string, name: string) => new RegExp(`<meta ${attr}="${name}" content="([^"]*)"`).exec(html)?.[1] ?? '';
  const ld = [...html.matchAll(/<script type="application\/ld\+json">(.*?)<\/script>/gs)].map((m) => JSON.parse(m[1]!) as { '@type': string; image?: string[] });
  const news = ld.find((x) => /NewsArticle$/.test(x['@type']))!;
  return { og: meta('property', 'og:image'), alt: meta('property', 'og:image:alt'), twitter: meta('name', 'twitter:image'), jsonLd: news.image ?? [] };
}

const local = (url: string) => path.join(out, new URL(url).pathname);

test('a story without a lead photo gets a generated 1200×630 card as og:image and twitter:image, and 16:9, 4:3 and 1:1 images in its JSON-LD', async () => {
  const img = await imagesOf('politics/2025/05/budget-vote');
  assert.match(img.og, /^https:\/\/test\.example\/media\/[0-9a-f]{12}-card-share\.jpg$/);
  assert.equal(img.twitter, img.og);
  assert.equal(img.alt, 'Parliament passes the budget after months of wrangling');
  const share = await sharp(local(img.og)).metadata();
  assert.deepEqual([share.format, share.width, share.height], ['jpeg', 1200, 630]);
  assert.equal(img.jsonLd.length, 3);
  const sizes = await Promise.all(img.jsonLd.map(async (u) => (await sharp(local(u)).metadata()).height));
  assert.deepEqual(sizes, [675, 900, 1200]);
  // The publication's colour from site.yaml fills the card's top.
  const { data } = await sharp(local(img.og)).extract({ left: 0, top: 0, width: 20, height: 20 }).raw().toBuffer({ resolveWithObject: true });
  assert.deepEqual([data[0], data[1], data[2]].map((v) => Math.round(v! / 8)), [0x0b, 0x3d, 0x2e].map((v) => Math.round(v / 8)));
});

/** Left and right edges of the light (text) pixels in the headline area of a card. */
async function headlineEdges(file: string): Promise<{ left: number; right: number }> {
  const top = 170;
  const { data, info } = await sharp(file).extract({ left: 0, top, width: 1200, height: 300 }).greyscale().raw().toBuffer({ resolveWithObject: true });
  let left = info.width;
  let right = 0;
  for (let y = 0; y < info.height; y++) {
    for (let x = 0; x < info.width; x++) {
      if (data[y * info.width + x]! > 180) {
        left = Math.min(left, x);
        right = Math.max(right, x);
      }
    }
  }
  return { left, right };
}

test('the Arabic card is set right to left: its headline is flush right, the English one flush left', async () => {
  const en = await imagesOf('politics/2025/05/budget-vote');
  const ar = await imagesOf('ar/politics/2025/05/budget-vote-ar');
  assert.notEqual(ar.og, en.og);
  assert.equal(ar.alt, AR_TITLE);
  const e = await headlineEdges(local(en.og));
  const a = await headlineEdges(local(ar.og));
  assert.ok(Math.abs(e.left - 72) <= 8, `English starts at the left margin: ${JSON.stringify(e)}`);
  assert.ok(Math.abs(a.right - (1200 - 72)) <= 8, `Arabic ends at the right margin: ${JSON.stringify(a)}`);
  assert.ok(a.left > 150, `and its short headline leaves the left side empty: ${JSON.stringify(a)}`);
});

test('cards are cached like photos: the output file is linked from the cache, and a rebuild reuses it', async () => {
  const img = await imagesOf('politics/2025/05/budget-vote');
  const name = path.basename(new URL(img.og).pathname);
  const cache = path.join(root, '.cache', 'cards');
  const entries = await fs.readdir(cache);
  const entry = entries.find((e) => name.startsWith(e.slice(0, 12)));
  assert.ok(entry, 'a cache entry named by the card key');
  const cached = await fs.stat(path.join(cache, entry, name));
  const before = cached.mtimeMs;
  const r = await runCli(['build', '--out', out, '--now', '2025-06-01T00:00:00Z', '--force'], { cwd: root });
  assert.equal(r.code, 0, r.stderr);
  const after = await fs.stat(path.join(cache, entry, name));
  assert.equal(after.mtimeMs, before, 'not drawn again');
  assert.equal((await fs.stat(path.join(out, 'media', name))).ino, after.ino, 'the output file is the cached one');
});

test('a headline too long for the card is set smaller, and ends above the publication band on every size', async () => {
  const { makeShareCards, CARD_SIZES } = await import('../../src/images/share-card.js');
  const dir = await fs.mkdtemp(path.join(root, 'long-card-'));
  const title = 'Ceasefire talks stall again as negotiators trade blame over shelling near the border crossing, leaving thousands of families stranded in the cold for a third week';
  const sets = await makeShareCards([{ file: 'content/long/index.md', title, section: 'Conflict', siteName: 'The Test Ledger', lang: 'en', dir: 'ltr' }], { outDir: dir, cacheDir: path.join(dir, 'cache') });
  const set = sets.get('content/long/index.md')!;
  const files = [set.share!, ...Object.values(set.crops!)];
  assert.equal(files.length, Object.keys(CARD_SIZES).length);
  for (const f of files) {
    const { data, info } = await sharp(path.join(dir, f.url)).raw().toBuffer({ resolveWithObject: true });
    // The 40 rows above the band are the card's background (#16181d): no glyph of the headline reaches them.
    const rows = { from: info.height - 120 - 36, to: info.height - 124 };
    let brightest = 0;
    for (let y = rows.from; y < rows.to; y++) for (let x = 0; x < info.width; x++) brightest = Math.max(brightest, data[(y * info.width + x) * info.channels]!);
    assert.ok(brightest < 60, `${f.url}: something light above the band (${brightest})`);
    // ...and the headline is there: light pixels in the upper half.
    let light = 0;
    for (let y = 150; y < info.height / 2; y++) for (let x = 0; x < info.width; x += 2) if (data[(y * info.width + x) * info.channels]! > 200) light++;
    assert.ok(light > 2000, `${f.url}: the headline is set (${light} light pixels)`);
  }
});

/** The box of the light pixels (section label and headline) above the publication band. */
async function inkBox(file: string): Promise<{ top: number; bottom: number; left: number; right: number }> {
  const { data, info } = await sharp(file).greyscale().raw().toBuffer({ resolveWithObject: true });
  const box = { top: info.height, bottom: 0, left: info.width, right: 0 };
  for (let y = 0; y < info.height - 120; y++) {
    for (let x = 0; x < info.width; x++) {
      if (data[y * info.width + x]! <= 180) continue;
      box.top = Math.min(box.top, y);
      box.bottom = Math.max(box.bottom, y);
      box.left = Math.min(box.left, x);
      box.right = Math.max(box.right, x);
    }
  }
  return box;
}

test('the headline is set once for every size: taller cards show it as the share card does, centred above their band; the card cache holds only whole entries', async () => {
  const { CARD_SIZES } = await import('../../src/images/share-card.js');
  const img = await imagesOf('politics/2025/05/budget-vote');
  const share = await inkBox(local(img.og));
  assert.ok(share.right - share.left > 400, `the headline is there: ${JSON.stringify(share)}`);
  for (const url of img.jsonLd) {
    const height = (await sharp(local(url)).metadata()).height!;
    const box = await inkBox(local(url));
    const shift = Math.round((height - CARD_SIZES.share[1]) / 2);
    const expected = { top: share.top + shift, bottom: share.bottom + shift, left: share.left, right: share.right };
    // Within 2 px: JPEG's blocks fall differently on the moved text.
    for (const side of ['top', 'bottom', 'left', 'right'] as const) assert.ok(Math.abs(box[side] - expected[side]) <= 2, `${url}: the share card's text moved down by ${shift}: ${JSON.stringify({ box, expected })}`);
  }
  const entries = await fs.readdir(path.join(root, '.cache', 'cards'));
  assert.deepEqual(entries.filter((e) => e.includes('.tmp-')), [], 'no folder left half-written');
});

test('a card that cannot be drawn is a failure of its own story: the other cards are drawn', async () => {
  const { startShareCards } = await import('../../src/images/share-card.js');
  const dir = await fs.mkdtemp(path.join(root, 'failing-card-'));
  const good = { file: 'share-card:content/good/index.md', article: 'content/good/index.md', title: 'Flood warnings lifted along the river', section: 'Local', siteName: 'The Test Ledger', lang: 'en', dir: 'ltr' as const };
  // A colour sharp cannot parse makes drawing throw.
  const bad = { ...good, file: 'share-card:content/bad/index.md', article: 'content/bad/index.md', colors: { text: 'not-a-colour' } };
  const cards = await startShareCards([bad, good], { outDir: dir, cacheDir: path.join(dir, 'cache') });
  const failures = await cards.done;
  assert.deepEqual(failures.map((f) => f.request.article), ['content/bad/index.md']);
  assert.ok(failures[0]!.error instanceof Error);
  assert.equal(cards.sets.has(bad.file), false);
  const set = cards.sets.get(good.file);
  assert.ok(set?.share, 'the good story has its card');
  assert.equal((await sharp(path.join(dir, set.share.url)).metadata()).width, 1200);
});

test('an edited headline gets a new card; the card index lists only the cards in use, and `dateline cache prune` removes the old card', async () => {
  const site = await makeSite({ [EN]: article({ title: 'Harbour reopens after the storm' }) });
  try {
    const build = async () => {
      const r = await runCli(['build', '--now', '2025-06-01T00:00:00Z'], { cwd: site });
      assert.equal(r.code, 0, r.stderr);
      return (await imagesOf('politics/2025/05/budget-vote', path.join(site, '_site'))).og;
    };
    const cache = path.join(site, '.cache', 'cards');
    const folders = async () => (await fs.readdir(cache, { withFileTypes: true })).filter((e) => e.isDirectory()).map((e) => e.name).sort();
    const indexed = async () => Object.keys((JSON.parse(await fs.readFile(path.join(cache, 'index.json'), 'utf8')) as { entries: object }).entries).sort();
    const first = await build();
    const file = path.join(site, EN);
    await fs.writeFile(file, (await fs.readFile(file, 'utf8')).replace('Harbour reopens after the storm', 'Harbour reopens two days after the storm'));
    const second = await build();
    assert.notEqual(second, first, 'a new card for the new headline');
    const now = await folders();
    assert.equal(now.length, 2, 'the old card is still cached');
    const current = now.find((k) => path.basename(new URL(second).pathname).startsWith(k.slice(0, 12)))!;
    assert.deepEqual(await indexed(), [current], 'the index lists the card in use only');
    const r = await runCli(['cache', 'prune', '--now', '2025-06-01T00:00:00Z'], { cwd: site });
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /and 1 share card set \(0\.\d MB\)/);
    assert.deepEqual(await folders(), [current]);
    assert.ok((await fs.readdir(cache)).includes('index.json'), 'the index stays');
    // The next build draws nothing: the card in use is there.
    const before = (await fs.stat(path.join(cache, current, path.basename(new URL(second).pathname)))).mtimeMs;
    assert.equal(await build(), second);
    assert.equal((await fs.stat(path.join(cache, current, path.basename(new URL(second).pathname)))).mtimeMs, before);
  } finally {
    await removeSite(site);
  }
});
