import { promises as fs } from 'node:fs';
import sharp from 'sharp';
import { findLeaks } from './inspect.js';

/**
 * Rewrites source photos in place without EXIF, XMP or IPTC metadata: orientation is applied to
 * the pixels and the ICC colour profile kept. JPEGs are re-encoded at quality 92 (one
 * generation of loss, not visible); files are replaced atomically. Files without metadata are left alone.
 */
export async function scrubPhotos(paths: string[]): Promise<{ path: string; removed: string[] }[]> {
  const out: { path: string; removed: string[] }[] = [];
  for (const file of paths) {
    const bytes = await fs.readFile(file);
    const meta = await sharp(bytes).metadata();
    const removed = [...(await findLeaks(bytes))];
    if (meta.exif) removed.push('EXIF');
    if (meta.xmp) removed.push('XMP');
    if (meta.iptc) removed.push('IPTC');
    if (removed.length === 0) {
      out.push({ path: file, removed });
      continue;
    }
    let img = sharp(bytes).rotate().keepIccProfile();
    if (meta.format === 'png') img = img.png();
    else if (meta.format === 'webp') img = img.webp({ quality: 92 });
    else if (meta.format === 'heif') img = img.avif({ quality: 80 });
    else img = img.jpeg({ quality: 92 });
    const tmp = `${file}.scrub-${process.pid}`;
    await fs.writeFile(tmp, await img.toBuffer());
    await fs.rename(tmp, file);
    out.push({ path: file, removed });
  }
  return out;
}
