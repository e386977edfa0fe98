import sharp from 'sharp';
import type { PhotoFile, PhotoRole, PhotoSet } from './types.js';
import { CROPS, cropSize, focusBox, planWidths } from './plan.js';

/** Encoder settings; part of the cache key. AVIF at quality 50/effort 3 stays below WebP's size at the same width. */
export const ENCODE = {
  avif: { quality: 50, effort: 3 },
  webp: { quality: 74, effort: 4 },
  jpeg: { quality: 78, mozjpeg: true, progressive: true },
  share: { width: 1200, height: 630, quality: 82 },
} as const;

/** An encoded file before it is stored: its name, bytes and size. */
export interface EncodedFile extends Omit<PhotoFile, 'url' | 'bytes'> {
  name: string;
  data: Buffer;
}

const TYPES = { avif: 'image/avif', webp: 'image/webp', jpeg: 'image/jpeg' } as const;

/**
 * Encodes a photo set: decodes once (orientation applied, sRGB, no metadata), then every width
 * in AVIF, WebP and JPEG, a placeholder, and for lead photos and logos a 1200×630 share card and
 * the 16:9, 4:3 and 1:1 crops structured data asks for.
 */
export async function encodePhoto(bytes: Buffer, id: string, role: PhotoRole, focus?: [number, number]): Promise<{ files: EncodedFile[]; set: Omit<PhotoSet, 'source' | 'hash' | 'avif' | 'webp' | 'jpeg' | 'share' | 'crops' | 'leaks'> & { shareName?: string; cropNames?: Record<keyof typeof CROPS, string> } }> {
  const { data, info } = await sharp(bytes, { failOn: 'truncated' }).rotate().toColourspace('srgb').removeAlpha().raw().toBuffer({ resolveWithObject: true });
  const raw = { raw: { width: info.width, height: info.height, channels: info.channels } } as const;
  const from = () => sharp(data, raw);
  const files: EncodedFile[] = [];
  for (const width of planWidths(info.width)) {
    const resized = await from().resize({ width, withoutEnlargement: true }).raw().toBuffer({ resolveWithObject: true });
    const src = () => sharp(resized.data, { raw: { width: resized.info.width, height: resized.info.height, channels: resized.info.channels } });
    const [avif, webp, jpeg] = await Promise.all([src().avif(ENCODE.avif).toBuffer(), src().webp(ENCODE.webp).toBuffer(), src().jpeg(ENCODE.jpeg).toBuffer()]);
    for (const [format, buf] of [['avif', avif], ['webp', webp], ['jpeg', jpeg]] as const) {
      files.push({ name: `${id}-${width}.${format === 'jpeg' ? 'jpg' : format}`, data: buf, width: resized.info.width, height: resized.info.height, type: TYPES[format] });
    }
  }
  const tiny = await from().resize({ width: 16 }).blur(0.6).webp({ quality: 40 }).toBuffer();
  const { dominant } = await from().stats();
  const hex = (n: number) => n.toString(16).padStart(2, '0');
  const set = {
    width: info.width,
    height: info.height,
    placeholder: `data:image/webp;base64,${tiny.toString('base64')}`,
    color: `#${hex(dominant.r)}${hex(dominant.g)}${hex(dominant.b)}`,
  } as Awaited<ReturnType<typeof encodePhoto>>['set'];
  if (role === 'lead' || role === 'logo') {
    const { width, height, quality } = ENCODE.share;
    const card =
      role === 'logo'
        ? from().resize({ width, height, fit: 'contain', background: '#ffffff' })
        : focus
          ? from().extract(focusBox(info.width, info.height, width / height, focus)).resize({ width, height })
          : from().resize({ width, height, fit: 'cover', position: sharp.strategy.attention });
    const name = `${id}-share.jpg`;
    files.push({ name, data: await card.jpeg({ quality, mozjpeg: true }).toBuffer(), width, height, type: 'image/jpeg' });
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
      files.push({ name, data: await pipeline.jpeg(ENCODE.jpeg).toBuffer(), ...size, type: 'image/jpeg' });
      names[key] = name;
    }
    set.cropNames = names;
  }
  return { files, set };
}
