import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import { article, makeSite, removeSite, runCli } from '../helpers/project.js';
import { HOSTILE_SVG, animatedGif, stillGif } from '../helpers/graphics.js';

const BUNDLE = 'content/articles/2025/05/wheat-prices';
const BODY = `Prices rose all year.

![Wheat prices in 2024, by month](chart.svg)

![How the price board changed](board.gif)

![The market at noon](market.gif)
`;

let root: string;
let out: string;
let result: Awaited<ReturnType<typeof runCli>>;

before(async () => {
  root = await makeSite({
    [`${BUNDLE}/index.md`]: article({ title: 'Wheat prices climb' }, BODY),
    [`${BUNDLE}/chart.svg`]: HOSTILE_SVG,
    [`${BUNDLE}/board.gif`]: await animatedGif(['#a3161a', '#0b4f8a', '#16181d']),
    [`${BUNDLE}/market.gif`]: await stillGif(),
  });
  out = path.join(root, '_site');
  result = await runCli(['build', '--out', out, '--now', '2025-06-01T00:00:00Z'], { cwd: root });
});

after(async () => removeSite(root));

const page = () => fs.readFile(path.join(out, 'politics/2025/05/wheat-prices/index.html'), 'utf8');

test('a story with an SVG chart, an animated GIF and a still GIF builds, with a warning positioned on the SVG', async () => {
  assert.equal(result.code, 0, result.stderr);
  assert.match(result.stderr, /11:1\s+warning\s+The SVG `content\/articles\/2025\/05\/wheat-prices\/chart\.svg` contained .*<script>.*\s+photo:svg-unsafe/);
});

test('the SVG is published as an <img> of a sanitised file, never inlined', async () => {
  const html = await page();
  assert.ok(!html.includes('<svg'), 'no inline SVG in the page');
  const m = /<img src="(\/media\/[0-9a-f]{12}-vector\.svg)" width="600" height="300" alt="Wheat prices in 2024, by month"/.exec(html);
  assert.ok(m, 'an <img> of the SVG');
  const svg = await fs.readFile(path.join(out, m[1]!), 'utf8');
  for (const bad of ['<script', 'onload', 'tracker.example', 'javascript:']) assert.ok(!svg.includes(bad), `${bad} is not published`);
  const manifest = JSON.parse(await fs.readFile(path.join(out, '.dateline/manifest.json'), 'utf8')) as { files: Record<string, unknown> };
  assert.ok(manifest.files[m[1]!.slice(1)], 'the SVG is in the manifest, so it is deployed');
});

test('the animated GIF plays as an animated WebP and reduced motion gets its poster; the still GIF is an ordinary photo', async () => {
  const html = await page();
  const board = /<picture><source media="\(prefers-reduced-motion: reduce\)" type="image\/avif"[^>]*><source media="\(prefers-reduced-motion: reduce\)" type="image\/webp"[^>]*><source type="image\/webp" srcset="(\/media\/[0-9a-f]{12}-loop\.webp) 320w"[^>]*><img [^>]*alt="How the price board changed"/.exec(html);
  assert.ok(board, 'the animated GIF picture');
  const loop = await sharp(path.join(out, board[1]!), { animated: true }).metadata();
  assert.equal(loop.pages, 3);
  const market = /<picture><source type="image\/avif"[^>]*><source type="image\/webp"[^>]*><img [^>]*alt="The market at noon"/.exec(html);
  assert.ok(market, 'the still GIF is a plain photo set');
  assert.ok(!/-loop\.webp[^"]*"[^>]*>\s*<img [^>]*alt="The market at noon"/.test(html));
});
