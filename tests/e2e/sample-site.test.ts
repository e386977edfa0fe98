import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import matter from 'gray-matter';
// gray-matter's default YAML engine turns dates into Date objects; the yaml package keeps them as written.
import { parse as parseYaml } from 'yaml';
import exifr from 'exifr';
import { repoRoot, runCli } from '../helpers/project.js';
import { sha256 } from '../../src/util/hash.js';
import { listFiles } from '../../src/util/fs.js';

const NOW = '2026-11-25T09:00:00+02:00';
let work: string;
let out: string;
let files: string[];

interface Sample {
  dir: string;
  data: Record<string, unknown>;
}

async function samples(): Promise<Sample[]> {
  const root = path.join(repoRoot, 'content/articles');
  const list: Sample[] = [];
  for (const rel of await listFiles(root)) {
    if (!rel.endsWith('/index.md')) continue;
    const text = await fs.readFile(path.join(root, rel), 'utf8');
    list.push({ dir: path.dirname(path.join(root, rel)), data: matter(text, { engines: { yaml: { parse: (s: string) => parseYaml(s) as object } } } as never).data });
  }
  return list;
}


before(async () => {
  work = await fs.mkdtemp(path.join(os.tmpdir(), 'dateline-sample-'));
  out = path.join(work, '_site');
  const r = await runCli(['build', '--out', out, '--cache-dir', path.join(work, 'cache'), '--now', NOW], { cwd: repoRoot });
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /Wrote \d+ pages, \d+ feeds, 2 sitemaps · \d+ photos \(\d+ cached\) in [\d.]+ s/);
  files = await listFiles(out);
});

after(async () => {
  await fs.rm(work, { recursive: true, force: true });
});

test('every published article page shows headline, byline, dates, dateline, caption and credit', async () => {
  const all = await samples();
  const now = Date.parse(NOW);
  const published = all.filter((s) => !s.data.draft && Date.parse(String(s.data.date)) <= now);
  assert.ok(published.length >= 8, `only ${published.length} published samples`);
  for (const s of published) {
    const slug = path.basename(s.dir);
    const page = files.find((f) => f.endsWith(`/${slug}/index.html`) && !f.startsWith('business/'));
    assert.ok(page, `no page for ${slug}`);
    const html = await fs.readFile(path.join(out, page), 'utf8');
    const h1 = /<h1 class="headline"[^>]*>([^<]*)<\/h1>/.exec(html)?.[1] ?? '';
    const straight = String(s.data.title).replace(/["']/g, '');
    assert.equal(h1.replace(/[“”‘’"']/g, '').replace(/&amp;/g, '&'), straight.replace(/&amp;/g, '&'), `headline of ${slug}`);
    assert.match(html, new RegExp(`<time datetime="${String(s.data.date).replace(/[+]/g, '\\+')}"`), `published time of ${slug}`);
    if (s.data.byline) assert.match(html, new RegExp(`<span class="byline">${String(s.data.byline)}</span>`));
    for (const id of (s.data.authors as string[] | undefined) ?? []) assert.match(html, new RegExp(`href="/authors/${id}/" rel="author"`), `byline of ${slug}`);
    if (s.data.dateline) assert.match(html, /<span class="dateline">[^<]+<\/span> — /, `dateline of ${slug}`);
    const image = s.data.image as { caption?: string; credit?: string } | undefined;
    if (image?.credit) assert.match(html, /<span class="credit">[^<]+<\/span>/, `credit of ${slug}`);
    if (image?.caption) assert.match(html, /<figcaption><span class="caption">/, `caption of ${slug}`);
    if (image) assert.match(html, /<picture><source type="image\/avif"[^>]*><source type="image\/webp"[^>]*><img [^>]*fetchpriority="high"/, `lead picture of ${slug}`);
  }
});

test('drafts and embargoed articles appear nowhere in the output', async () => {
  const all = await samples();
  const held = all.filter((s) => s.data.draft || Date.parse(String(s.data.date)) > Date.parse(NOW));
  assert.ok(held.some((s) => s.data.draft) && held.some((s) => !s.data.draft), 'the sample has a draft and an embargoed story');
  for (const f of files) {
    if (!/\.(html|xml|json|txt)$|_redirects|_headers/.test(f) || f.startsWith('pagefind/')) continue;
    const text = await fs.readFile(path.join(out, f), 'utf8');
    for (const s of held) {
      const slug = path.basename(s.dir);
      assert.ok(!text.includes(slug), `${f} mentions held story ${slug}`);
      assert.ok(!text.includes(String(s.data.title).slice(0, 30)), `${f} mentions the headline of ${slug}`);
    }
  }
});

test('original photos are never published, and no published photo carries metadata', async () => {
  const sources = new Set<string>();
  for (const rel of await listFiles(path.join(repoRoot, 'content'))) {
    if (/\.(jpe?g|png)$/i.test(rel)) sources.add(sha256(await fs.readFile(path.join(repoRoot, 'content', rel))));
  }
  const media = files.filter((f) => f.startsWith('media/'));
  assert.ok(media.length > 50, `${media.length} media files`);
  for (const f of files) {
    if (!/\.(jpe?g|png|webp|avif)$/i.test(f)) continue;
    assert.ok(!sources.has(sha256(await fs.readFile(path.join(out, f)))), `${f} is a copy of a source photo`);
  }
  for (const f of media.filter((m) => /\.(jpg|webp|avif)$/.test(m)).slice(0, 40)) {
    const tags = await exifr.parse(path.join(out, f), { tiff: true, xmp: true, gps: true, iptc: true }).catch(() => undefined);
    assert.equal(tags, undefined, `${f} carries metadata: ${JSON.stringify(tags)}`);
  }
});

test('every page type the site needs is written', () => {
  for (const f of [
    'index.html', 'ar/index.html', 'conflict/index.html', 'ar/conflict/index.html', 'tags/syria/index.html', 'authors/rania-haddad/index.html',
    'archive/index.html', 'archive/2017/index.html', 'archive/2017/10/index.html', 'corrections/index.html', 'search/index.html', '404.html',
    'about/index.html', 'ethics/index.html', 'feed.xml', 'atom.xml', 'feed.json', 'conflict/feed.xml', 'sitemap.xml', 'news-sitemap.xml',
    'robots.txt', '_redirects', '_headers', '.dateline/manifest.json', 'css/site.css', 'pagefind/pagefind.js',
  ]) {
    assert.ok(files.includes(f), `missing ${f}`);
  }
});

test('a failed build leaves the previous output untouched', async () => {
  const before = await fs.readFile(path.join(out, 'index.html'));
  const broken = path.join(work, 'broken');
  await fs.cp(path.join(repoRoot, 'content'), path.join(broken, 'content'), { recursive: true });
  const target = path.join(broken, 'content/articles/2017/10/hama-rebels-fight-to-retake-villages/index.md');
  await fs.writeFile(target, (await fs.readFile(target, 'utf8')).replace(/^date: .*$/m, 'date: yesterday'));
  const r = await runCli(['build', '--root', broken, '--out', out, '--cache-dir', path.join(work, 'cache'), '--now', NOW], { cwd: repoRoot });
  assert.equal(r.code, 1);
  assert.match(r.stderr, /front-matter:invalid-date/);
  assert.match(r.stderr, /Nothing was written/);
  assert.deepEqual(await fs.readFile(path.join(out, 'index.html')), before);
  assert.deepEqual((await fs.readdir(work)).filter((d) => d.startsWith('.dateline-tmp')), []);
});

test('the manifest lists every file of the build with the SHA-256 and size of its bytes (photos and cards hashed when encoded)', async () => {
  const manifest = JSON.parse(await fs.readFile(path.join(out, '.dateline/manifest.json'), 'utf8')) as { files: Record<string, { hash: string; bytes: number }> };
  const site = files.filter((f) => !f.startsWith('.dateline/')).sort();
  assert.deepEqual(Object.keys(manifest.files).sort(), site);
  const media = site.filter((f) => f.startsWith('media/'));
  assert.ok(media.some((f) => /-card-share\.jpg$/.test(f)) && media.some((f) => /\.avif$/.test(f)), 'photos and cards are in the build');
  for (const rel of site) {
    const bytes = await fs.readFile(path.join(out, rel));
    assert.deepEqual(manifest.files[rel], { hash: sha256(bytes), bytes: bytes.length }, rel);
  }
  // The cache records what it encoded with its hash: a build without a previous manifest does not read the files back.
  const recorded = (await listFiles(path.join(work, 'cache'))).filter((f) => f.endsWith('/set.json'));
  assert.ok(recorded.length > 0);
  for (const rel of recorded) {
    const set = JSON.parse(await fs.readFile(path.join(work, 'cache', rel), 'utf8')) as { share?: { url: string; sha256?: string } };
    if (set.share) assert.equal(set.share.sha256, manifest.files[set.share.url.slice(1)]?.hash, rel);
  }
});
