import type { PhotoFile, PhotoSet } from './types.js';

const attr = (s: string) => s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const srcset = (files: PhotoFile[]) => attr(files.map((f) => `${f.url} ${f.width}w`).join(', '));

/**
 * The `<picture>` for a photo set: AVIF and WebP sources, a JPEG `<img>` with width and height
 * (so nothing shifts), a blurred placeholder and dominant colour as its background (no
 * JavaScript), lazy loading below the fold, high fetch priority for the lead photo.
 */
export function renderPicture(set: PhotoSet, options: { alt: string; sizes: string; priority: boolean; className?: string }): string {
  const fallback = set.jpeg.filter((f) => f.width <= 800).pop() ?? set.jpeg[0]!;
  const largest = set.jpeg[set.jpeg.length - 1]!;
  const sizes = attr(options.sizes);
  const loading = options.priority ? ' fetchpriority="high"' : ' loading="lazy"';
  const cls = options.className ? ` class="${attr(options.className)}"` : '';
  const style = attr(`background:${set.color} url(${set.placeholder}) center/cover no-repeat`);
  return (
    `<picture${cls}>` +
    `<source type="image/avif" srcset="${srcset(set.avif)}" sizes="${sizes}">` +
    `<source type="image/webp" srcset="${srcset(set.webp)}" sizes="${sizes}">` +
    `<img src="${attr(fallback.url)}" srcset="${srcset(set.jpeg)}" sizes="${sizes}" width="${largest.width}" height="${largest.height}" alt="${attr(options.alt)}" decoding="async"${loading} style="${style}">` +
    `</picture>`
  );
}
