import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { processPhotos } from '../../src/images/index.js';
import { ENCODE } from '../../src/images/encode.js';
import type { PhotoOptions, PhotoRequest, PhotoResult } from '../../src/images/types.js';

/** A small deterministic random source, so every run benchmarks the same pictures. */
function seeded(seed: number): () => number {
  let s = (seed * 2654435761) >>> 0 || 1;
  return () => {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    return (s >>> 0) / 4294967296;
  };
}

/** Grey noise at 1/`scale` of the size, enlarged smoothly: texture that survives downscaling, as in real scenes. */
async function texture(width: number, height: number, scale: number, sigma: number): Promise<{ input: Buffer; raw: { width: number; height: number; channels: 1 } }> {
  const w = Math.max(1, Math.round(width / scale));
  const h = Math.max(1, Math.round(height / scale));
  const input = await sharp({ create: { width: w, height: h, channels: 3, noise: { type: 'gaussian', mean: 128, sigma } } } as never)
    .greyscale()
    .resize(width, height, { kernel: 'cubic' })
    .extractChannel(0)
    .raw()
    .toBuffer();
  return { input, raw: { width, height, channels: 1 } };
}

/**
 * A photo-like 3000×2000 JPEG: a sky gradient, a skyline of buildings with rows of windows (hard
 * edges), soft round shapes, and texture at three scales (mottling, detail, grain), so encoders
 * meet smooth areas, edges and texture as in a real street photo. Pure noise would make every
 * encoder look bad, flat colour would make them all look good.
 */
export async function makeBenchPhoto(i: number, width = 3000, height = 2000): Promise<Buffer> {
  const rnd = seeded(i + 1);
  const hue = Math.floor(rnd() * 360);
  const horizon = Math.round(height * (0.45 + rnd() * 0.15));
  const parts: string[] = [];
  for (let x = -50; x < width; x += 80 + Math.round(rnd() * 160)) {
    const w = 100 + Math.round(rnd() * 180);
    const top = horizon - 150 - Math.round(rnd() * height * 0.3);
    const light = 20 + Math.round(rnd() * 45);
    parts.push(`<rect x="${x}" y="${top}" width="${w}" height="${height - top}" fill="hsl(${(hue + 180 + Math.round(rnd() * 60)) % 360},${15 + Math.round(rnd() * 25)}%,${light}%)"/>`);
    for (let wy = top + 20; wy < height - 40; wy += 38) {
      for (let wx = x + 12; wx < x + w - 20; wx += 26) {
        if (rnd() < 0.7) parts.push(`<rect x="${wx}" y="${wy}" width="14" height="22" fill="hsl(45,${Math.round(rnd() * 60)}%,${light + 20 + Math.round(rnd() * 30)}%)"/>`);
      }
    }
  }
  for (let k = 0; k < 10; k++) {
    const x = Math.round(rnd() * width);
    const y = Math.round(horizon + rnd() * (height - horizon));
    parts.push(`<circle cx="${x}" cy="${y}" r="${Math.round(60 + rnd() * 220)}" fill="url(#g${k % 2})" opacity="${(0.7 + rnd() * 0.3).toFixed(2)}"/>`);
  }
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}">
<defs>
<linearGradient id="sky" x1="0" y1="0" x2="0" y2="1"><stop offset="0" stop-color="hsl(${hue},55%,35%)"/><stop offset="1" stop-color="hsl(${(hue + 30) % 360},60%,80%)"/></linearGradient>
<radialGradient id="g0"><stop offset="0" stop-color="hsl(${(hue + 90) % 360},70%,70%)"/><stop offset="1" stop-color="hsl(${(hue + 120) % 360},50%,25%)"/></radialGradient>
<radialGradient id="g1"><stop offset="0" stop-color="#f3e2c0"/><stop offset="1" stop-color="hsl(${(hue + 200) % 360},40%,30%)"/></radialGradient>
</defs>
<rect width="${width}" height="${height}" fill="url(#sky)"/>
${parts.join('\n')}
</svg>`;
  const layers = await Promise.all([texture(width, height, 40, 40), texture(width, height, 6, 28), texture(width, height, 1.5, 20)]);
  return sharp(Buffer.from(svg))
    .composite(layers.map((l) => ({ ...l, blend: 'soft-light' as const })))
    .flatten()
    .jpeg({ quality: 90 })
    .toBuffer();
}

/** Peak signal-to-noise ratio (dB) of a decoded encode against the pixels it was made from: a rough quality measure. */
async function psnr(encoded: Buffer, reference: Buffer): Promise<number> {
  const decoded = await sharp(encoded).removeAlpha().raw().toBuffer();
  let sum = 0;
  for (let i = 0; i < reference.length; i++) sum += (decoded[i]! - reference[i]!) ** 2;
  return 10 * Math.log10((255 * 255) / (sum / reference.length));
}

/** Bytes, CPU milliseconds and PSNR of AVIF encodes of one photo at several quality/effort pairs, beside WebP. */
async function tryAvifSettings(source: Buffer): Promise<string[]> {
  const rows: string[] = [];
  for (const width of [800, 1600]) {
    const base = await sharp(source).resize({ width }).raw().toBuffer({ resolveWithObject: true });
    const img = () => sharp(base.data, { raw: { width: base.info.width, height: base.info.height, channels: base.info.channels } });
    const row = async (label: string, encode: () => Promise<Buffer>) => {
      // CPU time, not wall time: encodes run one at a time here, and the machine may be shared.
      const cpu0 = process.cpuUsage();
      const buf = await encode();
      const cpu = process.cpuUsage(cpu0);
      const ms = (cpu.user + cpu.system) / 1000;
      rows.push(`| ${width} | ${label} | ${(buf.length / 1024).toFixed(0)} KB | ${ms.toFixed(0)} ms | ${(await psnr(buf, base.data)).toFixed(2)} dB |`);
    };
    await row(`WebP q${ENCODE.webp.quality}/e${ENCODE.webp.effort}`, () => img().webp(ENCODE.webp).toBuffer());
    for (const quality of [45, 50, 55]) {
      for (const effort of [0, 1, 2, 3]) {
        const chosen = quality === ENCODE.avif.quality && effort === ENCODE.avif.effort ? ' (chosen)' : '';
        await row(`AVIF q${quality}/e${effort}${chosen}`, () => img().avif({ quality, effort }).toBuffer());
      }
    }
  }
  return rows;
}

/** Runs one cold build of the requests with a given libvips thread count and photos-at-once count. */
async function timeCold(requests: PhotoRequest[], base: PhotoOptions, threads: number, jobs: number, run: number): Promise<{ seconds: number; cpu: number; load: number }> {
  const before = sharp.concurrency();
  sharp.concurrency(threads);
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  const name = `run${run}-${threads}x${jobs}`;
  await processPhotos(requests, { ...base, jobs, cacheDir: path.join(base.cacheDir, name), outDir: path.join(base.outDir, name) });
  const cpu = process.cpuUsage(cpu0);
  sharp.concurrency(before);
  return { seconds: (performance.now() - t0) / 1000, cpu: (cpu.user + cpu.system) / 1e6, load: os.loadavg()[0]! };
}

/** Cold runs of a few photos under each concurrency setting, in A B C C B A order so drifting load on a shared machine falls on all alike. */
async function compareConcurrency(requests: PhotoRequest[], base: PhotoOptions): Promise<string[]> {
  const settings = [[1, 2], [2, 1], [2, 2]] as const;
  const order = [0, 1, 2, 2, 1, 0];
  const results = settings.map(() => [] as { seconds: number; cpu: number; load: number }[]);
  for (const [run, i] of order.entries()) results[i]!.push(await timeCold(requests, base, settings[i]![0], settings[i]![1], run));
  return settings.map(([threads, jobs], i) => {
    const r = results[i]!;
    const per = (xs: number[]) => xs.map((x) => (x / requests.length).toFixed(2)).join(' / ');
    return `| ${threads} | ${jobs} | ${per(r.map((x) => x.seconds))} | ${per(r.map((x) => x.cpu))} | ${r.map((x) => x.load.toFixed(1)).join(' / ')} |`;
  });
}

/** Photo benchmark: cold and warm seconds per photo, bytes per format and width, peak memory, AVIF settings and concurrency tried. */
export async function benchPhotos(options: { count?: number; workDir: string; compare?: boolean }): Promise<string> {
  const count = options.count ?? 20;
  const src = path.join(options.workDir, 'sources');
  await fs.mkdir(src, { recursive: true });
  const requests: PhotoRequest[] = [];
  for (let i = 0; i < count; i++) {
    const file = path.join(src, `photo-${i}.jpg`);
    await fs.writeFile(file, await makeBenchPhoto(i));
    requests.push({ source: file, file: 'bench', role: 'lead' });
  }
  const opts = (name: string): PhotoOptions => ({ outDir: path.join(options.workDir, name), cacheDir: path.join(options.workDir, 'cache'), root: options.workDir, leadMinWidth: 800, write: true });
  const rssBefore = process.memoryUsage().rss;
  let peak = rssBefore;
  const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 25);
  const run = async (name: string): Promise<{ result: PhotoResult; seconds: number; cpu: number }> => {
    const cpu0 = process.cpuUsage();
    const t0 = performance.now();
    const result = await processPhotos(requests, opts(name));
    const cpu = process.cpuUsage(cpu0);
    return { result, seconds: (performance.now() - t0) / 1000, cpu: (cpu.user + cpu.system) / 1e6 };
  };
  const cold = await run('site-cold');
  const warm = await run('site-warm');
  clearInterval(timer);
  const maxRss = process.resourceUsage().maxRSS * 1024;

  // Bytes per format and width, averaged over every photo.
  const widths = cold.result.photos.get(requests[0]!.source)!.avif.map((f) => f.width);
  const mean = (format: 'avif' | 'webp' | 'jpeg', width: number) => {
    const sizes = [...cold.result.photos.values()].map((s) => s[format].find((f) => f.width === width)?.bytes ?? 0);
    return sizes.reduce((a, b) => a + b, 0) / sizes.length / 1024;
  };
  const sizeRows = widths.map((w) => `| ${w} | ${mean('avif', w).toFixed(0)} KB | ${mean('webp', w).toFixed(0)} KB | ${mean('jpeg', w).toFixed(0)} KB |`);
  const first = cold.result.photos.get(requests[0]!.source)!;
  const extras = [first.share!, ...Object.values(first.crops!)].map((f) => `${path.basename(f.url).replace(/^\w+-/, '')} ${f.width}×${f.height} ${(f.bytes / 1024).toFixed(0)} KB`);

  const avifRows = await tryAvifSettings(await fs.readFile(requests[0]!.source));

  const sample = requests.slice(0, Math.min(3, count));
  const concurrencyRows = options.compare === false ? [] : await compareConcurrency(sample, { ...opts('concurrency'), cacheDir: path.join(options.workDir, 'concurrency-cache') });

  return [
    `### Photos (${count} generated 3000×2000 JPEG lead photos; each set: ${widths.length} widths × AVIF/WebP/JPEG, a share card, 3 crops, a placeholder)`,
    '',
    '| run | wall s per photo | CPU s per photo | encodes | from cache |',
    '|---|--:|--:|--:|--:|',
    `| cold | ${(cold.seconds / count).toFixed(2)} | ${(cold.cpu / count).toFixed(2)} | ${cold.result.stats.encoded} | ${cold.result.stats.cached} |`,
    `| warm (nothing changed) | ${(warm.seconds / count).toFixed(3)} | ${(warm.cpu / count).toFixed(3)} | ${warm.result.stats.encoded} | ${warm.result.stats.cached} |`,
    '',
    `Peak RSS: ${(peak / 1024 / 1024).toFixed(0)} MB sampled every 25 ms during the two runs, from ${(rssBefore / 1024 / 1024).toFixed(0)} MB before them (process maxRSS ${(maxRss / 1024 / 1024).toFixed(0)} MB, which includes generating the sources; MALLOC_ARENA_MAX ${process.env.MALLOC_ARENA_MAX ?? 'unset'}).`,
    '',
    'Mean bytes per format and width:',
    '',
    '| width | AVIF | WebP | JPEG |',
    '|--:|--:|--:|--:|',
    ...sizeRows,
    '',
    `Share card and crops of the first photo: ${extras.join('; ')}.`,
    '',
    `AVIF settings tried (first photo, one encode at a time; CPU time, so other load on the machine does not count; PSNR against the resized pixels):`,
    '',
    '| width | encoder | bytes | CPU | PSNR |',
    '|--:|---|--:|--:|--:|',
    ...avifRows,
    '',
    ...(concurrencyRows.length
      ? [
          `Concurrency (cold, ${sample.length} photos, each setting run twice in A B C C B A order): libvips threads per operation (\`sharp.concurrency\`) × photos encoded at once (p-limit); 1-minute load average after each run, to show how shared the machine was:`,
          '',
          '| threads | photos at once | wall s per photo | CPU s per photo | load |',
          '|--:|--:|--:|--:|--:|',
          ...concurrencyRows,
          '',
        ]
      : []),
    `Settings in use: AVIF quality ${ENCODE.avif.quality} / effort ${ENCODE.avif.effort} (effort ${ENCODE.avifWide.effort} from ${ENCODE.avifWide.minWidth} px wide), WebP quality ${ENCODE.webp.quality} / effort ${ENCODE.webp.effort}, JPEG quality ${ENCODE.jpeg.quality} (libjpeg, progressive, optimised Huffman tables).`,
    '',
  ].join('\n');
}
