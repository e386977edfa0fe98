import type { Sharp } from 'sharp';
import { loadSharp } from './sharp.js';
import type { PhotoFile, PhotoRole, PhotoSet } from './types.js';
import { CROPS, cropSize, focusBox, planWidths } from './plan.js';
import { MAX_PIXELS } from './inspect.js';

/**
 * Encoder settings; part of the cache key. Measured on textured 3000×2000 photos
 * (tests/bench/photos.ts, CPU time and PSNR): AVIF effort 1 gains 1–1.7 dB over effort 0 at equal
 * bytes for ~3× its CPU; effort 2 adds under 0.1 dB for twice the CPU, effort 3 saves ~5 % bytes
 * for 3–4×, and either would push a full set past 2.5 s per photo on two cores. Quality 50 /
 * effort 1 gives about half of WebP's bytes at every width (800 px ≈ 50 KB). JPEG, the fallback
 * few browsers still take, uses plain libjpeg with optimised Huffman tables: mozjpeg's trellis
 * saves ~15 % but costs 4×.
 */
export const ENCODE = {
  avif: { quality: 50, effort: 1 },
  /** The widest AVIF files (2400 px, for large high-density screens) at effort 0: a third of the CPU of effort 1 there. */
  avifWide: { minWidth: 2000, effort: 0 },
  avifRetryStep: 15,
  webp: { quality: 74, effort: 4 },
  jpeg: { quality: 78, progressive: true, optimiseCoding: true, mozjpeg: false },
  share: { width: 1200, height: 630, quality: 82 },
  placeholder: { width: 16, sigma: 0.6, quality: 40 },
} as const;

/**
 * Settings for animated GIFs (an animated WebP loop at most 1200 px wide) and SVG graphics (a JPEG
 * rendering for feeds and share cards, at least 1200 px wide). Part of the cache key of those
 * sources only, so changing them leaves photo caches alone.
 */
export const MOTION = {
  animation: { maxWidth: 1200, quality: 70, effort: 4 },
  svg: { minWidth: 1200, maxWidth: 2400 },
} as const;

/** An encoded file before it is stored: its name, bytes and size. */
export interface EncodedFile extends Omit<PhotoFile, 'url' | 'bytes'> {
  name: string;
  data: Buffer;
}

/** What an encode knows about the set besides its files: size, placeholder, colour, and which files are the card and crops. */
export type EncodedSet = Pick<PhotoSet, 'width' | 'height' | 'placeholder' | 'color' | 'svg' | 'animation'> & {
  shareName?: string;
  cropNames?: Record<keyof typeof CROPS, string>;
};

const TYPES = { avif: 'image/avif', webp: 'image/webp', jpeg: 'image/jpeg' } as const;
const EXT = { avif: 'avif', webp: 'webp', jpeg: 'jpg' } as const;

/** AVIF settings for one width. */
function avifOptions(width: number): { quality: number; effort: number } {
  return width >= ENCODE.avifWide.minWidth ? { ...ENCODE.avif, effort: ENCODE.avifWide.effort } : ENCODE.avif;
}

const hex = (n: number) => Math.round(n).toString(16).padStart(2, '0');

/**
 * Encodes a photo set: decodes once (orientation applied, sRGB, no metadata), then every width
 * in AVIF, WebP and JPEG, a placeholder, and for lead photos and logos a 1200×630 share card and
 * for lead photos the 16:9, 4:3 and 1:1 crops structured data asks for.
 */
export async function encodePhoto(
  source: Buffer,
  id: string,
  role: PhotoRole,
  focus?: [number, number],
  kind: { format?: string; frames?: number } = {},
): Promise<{ files: EncodedFile[]; set: EncodedSet }> {
  const sharp = await loadSharp();
  const vector = kind.format === 'svg' ? await vectorFile(source, id) : undefined;
  // An SVG (already sanitised) is rendered once to pixels for the JPEG copies feeds and cards use.
  const bytes = vector ? await rasterise(source, vector.width) : source;
  // Decoded once: orientation applied, colours converted to sRGB (ICC profiles honoured), no
  // metadata (sharp keeps none unless asked), and the pixel limit repeated so a bomb is refused here too.
  const { data, info } = await sharp(bytes, { failOn: 'truncated', limitInputPixels: MAX_PIXELS })
    .rotate()
    .toColourspace('srgb')
    .raw()
    .toBuffer({ resolveWithObject: true });
  const from = () => sharp(data, { raw: { width: info.width, height: info.height, channels: info.channels } });
  // JPEG has no transparency: transparent areas (logos) go white rather than whatever colour hides under them.
  const opaque = (img: Sharp) => (info.channels === 4 ? img.flatten({ background: '#ffffff' }) : img);
  const files: EncodedFile[] = [];

  for (const width of planWidths(info.width)) {
    const resized = await from().resize({ width, withoutEnlargement: true }).raw().toBuffer({ resolveWithObject: true });
    const size = { width: resized.info.width, height: resized.info.height };
    const src = () => sharp(resized.data, { raw: { ...size, channels: resized.info.channels } });
    if (vector) {
      files.push({ name: `${id}-${width}.jpg`, data: await opaque(src()).jpeg(ENCODE.jpeg).toBuffer(), ...size, type: TYPES.jpeg });
      continue;
    }
    const encoded = await Promise.all([
      src().avif(avifOptions(width)).toBuffer(),
      src().webp(ENCODE.webp).toBuffer(),
      opaque(src()).jpeg(ENCODE.jpeg).toBuffer(),
    ]);
    // Grainy photos (high ISO, night) are where AV1 spends bits keeping grain WebP smooths away;
    // browsers take AVIF first, so it must not be the heavier file: one retry at a lower quality.
    if (encoded[0].length > encoded[1].length) {
      const retry = await src().avif({ ...avifOptions(width), quality: ENCODE.avif.quality - ENCODE.avifRetryStep }).toBuffer();
      if (retry.length < encoded[0].length) encoded[0] = retry;
    }
    (['avif', 'webp', 'jpeg'] as const).forEach((format, i) => {
      files.push({ name: `${id}-${width}.${EXT[format]}`, data: encoded[i]!, ...size, type: TYPES[format] });
    });
  }

  const { placeholder: p } = ENCODE;
  const tiny = await from().resize({ width: p.width }).blur(p.sigma).webp({ quality: p.quality }).toBuffer();
  const set: EncodedSet = {
    width: info.width,
    height: info.height,
    placeholder: `data:image/webp;base64,${tiny.toString('base64')}`,
    color: await backgroundColour(from(), info.width, info.channels),
  };
  if (vector) {
    files.push(vector.file);
    set.svg = { url: '', width: vector.width, height: vector.height, bytes: vector.file.data.length, type: 'image/svg+xml' };
  }
  if ((kind.frames ?? 1) > 1) {
    const animation = await animate(source, id);
    files.push(animation);
    set.animation = { url: '', width: animation.width, height: animation.height, bytes: animation.data.length, type: animation.type };
  }

  if (role === 'lead' || role === 'logo') {
    const { width, height, quality } = ENCODE.share;
    const card =
      role === 'logo'
        ? from().resize({ width, height, fit: 'contain', background: '#ffffff' })
        : focus
          ? from().extract(focusBox(info.width, info.height, width / height, focus)).resize({ width, height })
          : from().resize({ width, height, fit: 'cover', position: sharp.strategy.attention });
    const name = `${id}-share.jpg`;
    files.push({ name, data: await opaque(card).jpeg({ ...ENCODE.jpeg, quality }).toBuffer(), width, height, type: 'image/jpeg' });
    set.shareName = name;
  }

  if (role === 'lead') {
    const names = {} as Record<keyof typeof CROPS, string>;
    for (const [key, ratio] of Object.entries(CROPS) as [keyof typeof CROPS, number][]) {
      const size = cropSize(info.width, info.height, ratio);
      const pipeline = focus
        ? from().extract(focusBox(info.width, info.height, ratio, focus)).resize(size)
        : from().resize({ ...size, fit: 'cover', position: sharp.strategy.attention });
      const name = `${id}-${key}.jpg`;
      files.push({ name, data: await opaque(pipeline).jpeg(ENCODE.jpeg).toBuffer(), ...size, type: 'image/jpeg' });
      names[key] = name;
    }
    set.cropNames = names;
  }
  return { files, set };
}

/**
 * The colour shown while a photo loads: the dominant colour of a 200 px copy (the same as the full
 * photo's, at a fraction of the cost), or for a photo with transparency the average of its visible
 * pixels weighted by their opacity (transparent pixels are often black underneath).
 */
async function backgroundColour(img: Sharp, width: number, channels: number): Promise<string> {
  const small = img.resize({ width: Math.min(200, width) });
  if (channels !== 4) {
    const { dominant } = await small.stats();
    return `#${hex(dominant.r)}${hex(dominant.g)}${hex(dominant.b)}`;
  }
  const { data } = await small.raw().toBuffer({ resolveWithObject: true });
  let r = 0, g = 0, b = 0, weight = 0;
  for (let i = 0; i < data.length; i += 4) {
    const a = data[i + 3]!;
    r += data[i]! * a;
    g += data[i + 1]! * a;
    b += data[i + 2]! * a;
    weight += a;
  }
  if (weight === 0) return '#ffffff';
  return `#${hex(r / weight)}${hex(g / weight)}${hex(b / weight)}`;
}

/** The published copy of a sanitised SVG and its intrinsic size. */
async function vectorFile(svg: Buffer, id: string): Promise<{ file: EncodedFile; width: number; height: number }> {
  const sharp = await loadSharp();
  const meta = await sharp(svg).metadata();
  const width = meta.width ?? 300;
  const height = meta.height ?? 150;
  return { file: { name: `${id}-vector.svg`, data: svg, width, height, type: 'image/svg+xml' }, width, height };
}

/** An SVG rendered by librsvg at a width between MOTION.svg's bounds, as lossless PNG bytes. */
async function rasterise(svg: Buffer, width: number): Promise<Buffer> {
  const sharp = await loadSharp();
  const target = Math.min(MOTION.svg.maxWidth, Math.max(MOTION.svg.minWidth, width));
  return sharp(svg, { density: (72 * target) / width, limitInputPixels: MAX_PIXELS }).png().toBuffer();
}

/** Every frame of an animated source as an animated WebP (timing and loop count kept), at most MOTION.animation.maxWidth wide. */
async function animate(source: Buffer, id: string): Promise<EncodedFile> {
  const sharp = await loadSharp();
  const { animation: a } = MOTION;
  const { data, info } = await sharp(source, { animated: true, limitInputPixels: MAX_PIXELS })
    .resize({ width: a.maxWidth, withoutEnlargement: true })
    .webp({ quality: a.quality, effort: a.effort })
    .toBuffer({ resolveWithObject: true });
  return { name: `${id}-loop.webp`, data, width: info.width, height: info.pageHeight ?? info.height, type: 'image/webp' };
}
