import { promises as fs } from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import { processPhotos } from '../../src/images/index.js';
import type { PhotoRequest } from '../../src/images/types.js';

/** Photo benchmark: cold and warm seconds per photo, bytes per format and width, peak memory. */
export async function benchPhotos(options: { count?: number; workDir: string }): Promise<string> {
  const count = options.count ?? 20;
  const src = path.join(options.workDir, 'sources');
  await fs.mkdir(src, { recursive: true });
  const requests: PhotoRequest[] = [];
  for (let i = 0; i < count; i++) {
    const file = path.join(src, `photo-${i}.jpg`);
    const noise = await sharp({ create: { width: 3000, height: 2000, channels: 3, noise: { type: 'gaussian', mean: 100 + (i % 5) * 15, sigma: 25 } } } as never)
      .blur(1.2)
      .composite([{ input: Buffer.from(`<svg width="3000" height="2000"><rect width="3000" height="${800 + i * 20}" fill="#8ab"/><circle cx="${500 + i * 100}" cy="1200" r="400" fill="#a64"/></svg>`), blend: 'overlay' }])
      .jpeg({ quality: 88 })
      .toBuffer();
    await fs.writeFile(file, noise);
    requests.push({ source: file, file: 'bench', role: 'lead' });
  }
  const opts = (n: number) => ({ outDir: path.join(options.workDir, `site-${n}`), cacheDir: path.join(options.workDir, 'cache'), root: options.workDir, leadMinWidth: 800, write: true });
  let peak = 0;
  const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 50);
  const t0 = performance.now();
  const cold = await processPhotos(requests, opts(1));
  const coldS = (performance.now() - t0) / 1000;
  const t1 = performance.now();
  const warm = await processPhotos(requests, opts(2));
  const warmS = (performance.now() - t1) / 1000;
  clearInterval(timer);
  const set = cold.photos.get(requests[0]!.source)!;
  const rows = set.avif.map((a, i) => `| ${a.width} | ${(a.bytes / 1024).toFixed(0)} KB | ${(set.webp[i]!.bytes / 1024).toFixed(0)} KB | ${(set.jpeg[i]!.bytes / 1024).toFixed(0)} KB |`);
  return [
    `### Photos (${count} generated 3000×2000 JPEG lead photos, full set each: 5 widths × AVIF/WebP/JPEG, share card, 3 crops)`,
    '',
    '| run | seconds per photo | encodes |',
    '|---|--:|--:|',
    `| cold | ${(coldS / count).toFixed(2)} | ${cold.stats.encoded} |`,
    `| warm (nothing changed) | ${((warmS / count) * 1000).toFixed(1)} ms | ${warm.stats.encoded} |`,
    '',
    `Peak RSS during the photo benchmark: ${(peak / 1024 / 1024).toFixed(0)} MB.`,
    '',
    '| width | AVIF | WebP | JPEG |',
    '|--:|--:|--:|--:|',
    ...rows,
    '',
    'Settings: AVIF quality 50 / effort 3, WebP quality 74 / effort 4, JPEG quality 78 (mozjpeg); one libvips thread per encode, one photo per core.',
    '',
  ].join('\n');
}
