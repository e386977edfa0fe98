import { promises as fs } from 'node:fs';
import path from 'node:path';
import sharp, { type Metadata } from 'sharp';
import exifr from 'exifr';
import { diagnose } from '../errors/diagnostics.js';
import type { Diagnostic } from '../errors/types.js';
import type { PhotoRequest } from './types.js';

/** Formats accepted as sources. */
export const SUPPORTED = new Set(['jpeg', 'png', 'webp', 'avif', 'heif']);
/** A decompression-bomb guard: sources over this many pixels are refused before decoding. */
export const MAX_PIXELS = 100_000_000;

/** A source photo that passed the checks. */
export interface Inspected {
  bytes: Buffer;
  /** Size after EXIF orientation is applied. */
  width: number;
  height: number;
  leaks: string[];
}

function label(req: PhotoRequest, root: string): string {
  return path.relative(root, req.source).split(path.sep).join('/');
}

/** Metadata in a source that identifies a place or a device. */
export async function findLeaks(bytes: Buffer): Promise<string[]> {
  const leaks: string[] = [];
  try {
    const tags = (await exifr.parse(bytes, { tiff: true, exif: true, gps: true, xmp: false, iptc: false, ifd1: false })) as Record<string, unknown> | undefined;
    if (!tags) return leaks;
    if (tags.latitude !== undefined || tags.GPSLatitude !== undefined) leaks.push('GPS position');
    if (tags.BodySerialNumber || tags.SerialNumber || tags.LensSerialNumber || tags.InternalSerialNumber) leaks.push('camera serial number');
    if (tags.OwnerName || tags.CameraOwnerName || tags.Artist) leaks.push('owner name');
  } catch {
    // Unreadable metadata is not a leak we can report; the photo check decides the rest.
  }
  return leaks;
}

/** Reads and checks one source photo: exists, is a supported image, decodes fully, is big enough. */
export async function inspectPhoto(req: PhotoRequest, options: { root: string; leadMinWidth: number }, bytes: Buffer): Promise<{ photo?: Inspected; diagnostics: Diagnostic[] }> {
  const name = label(req, options.root);
  const at = { position: req.position };
  let meta: Metadata;
  try {
    meta = await sharp(bytes, { limitInputPixels: MAX_PIXELS }).metadata();
  } catch (err) {
    const msg = (err as Error).message;
    if (/pixel limit/i.test(msg)) return { diagnostics: [diagnose('photo:too-large', req.file, `The photo \`${name}\` has more than ${MAX_PIXELS / 1e6} megapixels, too many to process safely.`, { ...at, hint: 'Export it at a smaller size (for example 3000 px wide) and commit that.' })] };
    return { diagnostics: [diagnose('photo:not-an-image', req.file, `The file \`${name}\` is not an image dateline can read.`, { ...at, hint: 'Use a JPEG, PNG, WebP or AVIF photo.' })] };
  }
  const format = meta.format ?? 'unknown';
  if (!SUPPORTED.has(format) || (format === 'heif' && meta.compression !== 'av1')) {
    return { diagnostics: [diagnose('photo:unsupported-format', req.file, `The photo \`${name}\` is a ${format.toUpperCase()} file; dateline publishes JPEG, PNG, WebP and AVIF sources.`, { ...at, hint: 'Convert it to JPEG (photos) or PNG (graphics).' })] };
  }
  if ((meta.width ?? 0) * (meta.height ?? 0) > MAX_PIXELS) {
    return { diagnostics: [diagnose('photo:too-large', req.file, `The photo \`${name}\` has more than ${MAX_PIXELS / 1e6} megapixels, too many to process safely.`, at)] };
  }
  try {
    // Decoding every scanline (cheaply, to a thumbnail) finds truncated and corrupt files.
    await sharp(bytes, { failOn: 'truncated', limitInputPixels: MAX_PIXELS }).resize(32).raw().toBuffer();
  } catch {
    return { diagnostics: [diagnose('photo:corrupt', req.file, `The photo \`${name}\` is truncated or corrupt and cannot be decoded.`, { ...at, hint: 'Export or download it again, then commit the new file.' })] };
  }
  const rotated = (meta.orientation ?? 1) >= 5;
  const width = rotated ? meta.height! : meta.width!;
  const height = rotated ? meta.width! : meta.height!;
  const leaks = await findLeaks(bytes);
  const photo = { bytes, width, height, leaks };
  return { photo, diagnostics: photoWarnings(req, photo, options) };
}

/** Problems of a photo that passed decoding: too narrow for a lead photo, metadata that leaks. */
export function photoWarnings(req: PhotoRequest, photo: { width: number; leaks: string[] }, options: { root: string; leadMinWidth: number }): Diagnostic[] {
  const name = label(req, options.root);
  const at = { position: req.position };
  if (req.role === 'lead' && photo.width < options.leadMinWidth) {
    return [
      diagnose('photo:too-small', req.file, `The lead photo \`${name}\` is ${photo.width} px wide; lead photos must be at least ${options.leadMinWidth} px wide to look sharp on large screens.`, {
        ...at,
        hint: 'Use a larger version of the photo, or put it in the body as a figure instead.',
      }),
    ];
  }
  return photo.leaks.length
    ? [diagnose('photo:gps-metadata', req.file, `The source photo \`${name}\` carries ${photo.leaks.join(' and ')} in its metadata. Published copies are stripped, but the file in the repository is not.`, at)]
    : [];
}

/** Reads a source photo, or says it is missing. */
export async function readSource(req: PhotoRequest, root: string): Promise<{ bytes?: Buffer; diagnostics: Diagnostic[] }> {
  try {
    return { bytes: await fs.readFile(req.source), diagnostics: [] };
  } catch {
    return { diagnostics: [diagnose('photo:not-found', req.file, `The photo \`${label(req, root)}\` does not exist.`, { position: req.position })] };
  }
}
