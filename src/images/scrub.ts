import { promises as fs } from 'node:fs';
import type { Sharp } from 'sharp';
import { loadSharp } from './sharp.js';
import { findLeaks } from './inspect.js';
import { writeAtomic } from '../util/fs.js';

/** What scrubbing one photo did: the metadata removed, or why the file was left alone. */
export interface ScrubResult {
  path: string;
  /** Kinds of metadata removed, e.g. `GPS position`, `EXIF`, `XMP`; empty when there was none. */
  removed: string[];
  /** Set when the file could not be read or decoded; it is left untouched. */
  error?: string;
}

/** The encoder for a scrubbed copy: the source's own format at a quality that hides one generation of loss. */
function encodeLike(img: Sharp, format: string | undefined): Sharp {
  if (format === 'png') return img.png();
  if (format === 'webp') return img.webp({ quality: 92 });
  if (format === 'heif') return img.avif({ quality: 80 });
  return img.jpeg({ quality: 92, mozjpeg: false, chromaSubsampling: '4:4:4' });
}

/**
 * Rewrites source photos in place without EXIF, XMP or IPTC metadata (GPS, camera serials,
 * owner): orientation is applied to the pixels and the ICC colour profile kept. JPEGs are
 * re-encoded with libjpeg at quality 92 and 4:4:4 chroma, mozjpeg off (one generation of loss, not
 * visible); WebP at 92, PNG losslessly. Each file is replaced atomically (temporary file +
 * rename); files without such metadata are left as they are, unreadable ones are reported.
 */
export async function scrubPhotos(paths: string[]): Promise<ScrubResult[]> {
  const sharp = await loadSharp();
  const out: ScrubResult[] = [];
  for (const file of paths) {
    try {
      const bytes = await fs.readFile(file);
      const meta = await sharp(bytes).metadata();
      const removed = await findLeaks(bytes);
      if (meta.exif) removed.push('EXIF');
      if (meta.xmp) removed.push('XMP');
      if (meta.iptc) removed.push('IPTC');
      if (removed.length === 0) {
        out.push({ path: file, removed });
        continue;
      }
      const data = await encodeLike(sharp(bytes).rotate().keepIccProfile(), meta.format).toBuffer();
      await writeAtomic(file, data);
      out.push({ path: file, removed });
    } catch (err) {
      out.push({ path: file, removed: [], error: (err as Error).message });
    }
  }
  return out;
}
