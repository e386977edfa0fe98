import type { PhotoFile, PhotoSet } from './types.js';

const attr = (s: string) => s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const srcset = (files: PhotoFile[]) => attr(files.map((f) => `${f.url} ${f.width}w`).join(', '));
/** Where motion is unwelcome, a `<source>` with this media query shows the still poster. */
export const REDUCED_MOTION = '(prefers-reduced-motion: reduce)';

/**
 * The `<picture>` for a photo set: AVIF and WebP sources, a JPEG `<img>` with width and height
 * (so nothing shifts), a blurred placeholder and dominant colour as its background (no
 * JavaScript), lazy loading below the fold, high fetch priority for the lead photo. An SVG is a
 * plain `<img>` of its sanitised file (never inlined). An animated GIF plays as an animated WebP,
 * except where the reader asked for reduced motion, where the poster (its first frame) is shown.
 */
export function renderPicture(set: PhotoSet, options: { alt: string; sizes: string; priority: boolean; className?: string }): string {
  const sizes = attr(options.sizes);
  const loading = options.priority ? ' fetchpriority="high"' : ' loading="lazy"';
  const cls = options.className ? ` class="${attr(options.className)}"` : '';
  const alt = attr(options.alt);
  if (set.svg) {
    return `<img${cls} src="${attr(set.svg.url)}" width="${set.svg.width}" height="${set.svg.height}" alt="${alt}" decoding="async"${loading}>`;
  }
  const fallback = set.jpeg.filter((f) => f.width <= 800).pop() ?? set.jpeg[0]!;
  const largest = set.jpeg[set.jpeg.length - 1]!;
  const style = attr(`background:${set.color} url(${set.placeholder}) center/cover no-repeat`);
  const still = (media: string) =>
    `<source${media} type="image/avif" srcset="${srcset(set.avif)}" sizes="${sizes}">` + `<source${media} type="image/webp" srcset="${srcset(set.webp)}" sizes="${sizes}">`;
  // The first matching source wins: reduced motion gets the poster, everyone else the loop.
  const sources = set.animation ? still(` media="${REDUCED_MOTION}"`) + `<source type="image/webp" srcset="${attr(set.animation.url)} ${set.animation.width}w" sizes="${sizes}">` : still('');
  return (
    `<picture${cls}>` +
    sources +
    `<img src="${attr(fallback.url)}" srcset="${srcset(set.jpeg)}" sizes="${sizes}" width="${largest.width}" height="${largest.height}" alt="${alt}" decoding="async"${loading} style="${style}">` +
    `</picture>`
  );
}
