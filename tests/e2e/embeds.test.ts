import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { article, makeSite, removeSite, runCli } from '../helpers/project.js';
import { EMBED_ARTICLE, EMBED_URL, EMBED_URL_AR, makeEmbedSite, serveOembed } from '../helpers/embed-site.js';

let root: string;
let oembed: Awaited<ReturnType<typeof serveOembed>>;

before(async () => {
  root = await makeEmbedSite();
  oembed = await serveOembed();
});

after(async () => {
  await oembed?.close();
  await removeSite(root);
});

const build = (out: string, env: Record<string, string>) => runCli(['build', '--out', out, '--cache-dir', path.join(root, '.cache')], { cwd: root, env });
const page = (out: string, url: string) => fs.readFile(path.join(out, url, 'index.html'), 'utf8');

test('a build turns every embed into a preview served by the site, with the oEmbed thumbnail as poster', async () => {
  const out = path.join(root, '_site');
  const r = await build(out, { DATELINE_OEMBED_BASE: oembed.base });
  assert.equal(r.code, 0, r.stderr);
  const html = await page(out, EMBED_URL);
  for (const id of ['youtube', 'vimeo', 'x', 'instagram', 'tiktok', 'bluesky', 'mastodon', 'datawrapper', 'flourish', 'documentcloud', 'openstreetmap']) {
    assert.match(html, new RegExp(`<figure class="embed embed--${id} `), id);
  }
  assert.doesNotMatch(html, /<iframe/);
  assert.match(html, /data-embed-src="https:\/\/www\.youtube-nocookie\.com\/embed\/M7lc1UVf-VE\?autoplay=1"/);
  assert.match(html, /<script src="\/js\/embed\.js" defer>/);
  // Every image and script on the page is the site's own.
  for (const m of html.matchAll(/\s(?:src|srcset)="([^"]+)"/g)) assert.match(m[1]!, /^(\/|data:)/, m[1]);
  // The YouTube poster came from the stand-in oEmbed answer and is served from /media/; the Vimeo one is the bundle's still.
  const youtube = /<figure class="embed embed--youtube[\s\S]*?<\/figure>/.exec(html)![0];
  assert.match(youtube, /<img src="\/media\/[^"]+\.jpg"[^>]* width="480" height="360" alt="The council debates the budget"/);
  const vimeo = /<figure class="embed embed--vimeo[\s\S]*?<\/figure>/.exec(html)![0];
  assert.match(vimeo, /<img src="\/media\/[^"]+"[^>]* width="\d+" height="\d+" alt="Weavers at work in the old city"/);
  const tiktok = /<figure class="embed embed--tiktok[\s\S]*?<\/figure>/.exec(html)![0];
  assert.match(tiktok, /<span class="embed__placeholder"/);
  // The chart was a bare URL: its title is the one the provider's oEmbed answer gave.
  const chart = /<figure class="embed embed--flourish[\s\S]*?<\/figure>/.exec(html)![0];
  assert.match(chart, /data-embed-title="Where the money goes &#x26; why"/);
  assert.match(chart, /<span class="embed__title">Where the money goes &#x26; why<\/span>/);
  assert.ok(oembed.requests.some((r) => r.startsWith('/oembed?format=json&url=https%3A%2F%2Fwww.youtube.com%2Fwatch%3Fv%3DM7lc1UVf-VE')));
  assert.ok(oembed.requests.includes('/thumb.jpg'));

  const ar = await page(out, EMBED_URL_AR);
  assert.match(ar, /<span class="embed__provider">فيديو · <bdi>YouTube<\/bdi><\/span>/);
  assert.doesNotMatch(await page(out, '/politics/2025/05/plain-story/'), /embed\.js/);

  // Feeds run no scripts: each embed is a plain link to the original.
  const feed = JSON.parse(await fs.readFile(path.join(out, 'feed.json'), 'utf8')) as { items: { title: string; content_html: string }[] };
  const item = feed.items.find((i) => i.title === 'Embeds everywhere')!;
  assert.match(item.content_html, /<p><a href="https:\/\/www\.youtube\.com\/watch\?v=M7lc1UVf-VE">The council debates the budget<\/a> \(Video · <bdi>YouTube<\/bdi>\)<\/p>/);
  assert.doesNotMatch(item.content_html, /data-embed|embed__/);

  // Frames are allowed from the providers only, the Mastodon server this story embeds included.
  const headers = await fs.readFile(path.join(out, '_headers'), 'utf8');
  const frameSrc = /frame-src ([^;\n]+)/.exec(headers)![1]!.split(' ');
  for (const origin of ['https://www.youtube-nocookie.com', 'https://player.vimeo.com', 'https://social.example.org']) assert.ok(frameSrc.includes(origin), origin);
  assert.ok(!frameSrc.includes('https://www.youtube.com'));
});

test('the oEmbed answer is cached: a later build with the provider unreachable keeps the poster; without cache it falls back to the placeholder', async () => {
  const unreachable = 'http://127.0.0.1:9';
  const out = path.join(root, '_site-offline');
  const r = await build(out, { DATELINE_OEMBED_BASE: unreachable });
  assert.equal(r.code, 0, r.stderr);
  const cachedHtml = await page(out, EMBED_URL);
  assert.match(/<figure class="embed embed--youtube[\s\S]*?<\/figure>/.exec(cachedHtml)![0], /<img src="\/media\//);
  assert.match(cachedHtml, /<span class="embed__title">Where the money goes &#x26; why<\/span>/);

  await fs.rm(path.join(root, '.cache/embeds'), { recursive: true, force: true });
  const asked = oembed.requests.length;
  const bare = path.join(root, '_site-bare');
  const r2 = await build(bare, { DATELINE_OEMBED: 'off', DATELINE_OEMBED_BASE: oembed.base });
  assert.equal(r2.code, 0, r2.stderr);
  assert.equal(oembed.requests.length, asked, 'DATELINE_OEMBED=off asks nothing');
  const youtube = /<figure class="embed embed--youtube[\s\S]*?<\/figure>/.exec(await page(bare, EMBED_URL))![0];
  assert.match(youtube, /<span class="embed__placeholder"[^>]*><\/span><span class="embed__label"><span class="embed__title">The council debates the budget<\/span>/);
  assert.match(await page(bare, EMBED_URL), /<span class="embed__title">Chart on Flourish<\/span>/);
});

test('an embed from an unknown provider is a positioned error naming the supported providers', async () => {
  const site = await makeSite({
    [EMBED_ARTICLE]: article({}, 'Intro.\n\n::embed{url="https://video.example.com/watch/42" title="Elsewhere"}\n\n<iframe src="https://widgets.example.net/poll/7"></iframe>\n'),
  });
  try {
    const r = await runCli(['build'], { cwd: site, env: { DATELINE_OEMBED: 'off' } });
    assert.equal(r.code, 1);
    assert.match(r.stderr, new RegExp(`${EMBED_ARTICLE.replace(/\//g, '\\/')}`));
    const lines = r.stderr.split('\n').filter((l) => l.includes('embed:unknown-provider'));
    assert.equal(lines.length, 2, r.stderr);
    assert.match(lines[0]!, /^\s+11:1\s+error\s+The embed address `https:\/\/video\.example\.com\/watch\/42` is not from a provider dateline can embed \(YouTube, Vimeo, X, Instagram, TikTok, Bluesky, Mastodon, Datawrapper, Flourish, DocumentCloud, OpenStreetMap, Google Maps\)\./);
    assert.match(lines[1]!, /^\s+13:1\s+error\s+The iframe address `https:\/\/widgets\.example\.net\/poll\/7`/);
  } finally {
    await removeSite(site);
  }
});
