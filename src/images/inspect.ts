import { promises as fs } from 'node:fs';
import path from 'node:path';
import sharp, { type Metadata } from 'sharp';
import exifr from 'exifr';
import { diagnose } from '../errors/diagnostics.js';
import type { Diagnostic } from '../errors/types.js';
import type { PhotoRequest } from './types.js';

/**
 * Formats accepted as sources: JPEG, PNG, WebP and AVIF (sharp reports AVIF as `heif` with AV1
 * compression). Refused: HEIC (HEVC; sharp's prebuilt libvips cannot decode it), GIF (animation
 * would be lost silently), TIFF (print masters, often CMYK and huge) and SVG (not a photo, and
 * may carry scripts); editors export those to JPEG or PNG.
 */
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
    // XMP too: editing software copies GPS there (exif:GPSLatitude), and exifr reads it under the same name.
    const tags = (await exifr.parse(bytes, { tiff: true, exif: true, gps: true, xmp: true, iptc: false, ifd1: false })) as Record<string, unknown> | undefined;
    if (!tags) return leaks;
    if (tags.latitude !== undefined || tags.GPSLatitude !== undefined || tags.GPSLongitude !== undefined) leaks.push('GPS position');
    // exifr names EXIF BodySerialNumber `SerialNumber` and CameraOwnerName `OwnerName`.
    if (tags.BodySerialNumber || tags.SerialNumber || tags.LensSerialNumber || tags.InternalSerialNumber) leaks.push('camera serial number');
    if (tags.OwnerName || tags.CameraOwnerName) leaks.push('owner name');
    // A photographer's name can identify a source who sent a photo in confidence.
    if (tags.Artist) leaks.push('photographer name');
  } catch {
    // Unreadable metadata is not a leak we can report; the photo check decides the rest.
  }
  return leaks;
}

/** Decoder warnings that mean damaged image data; others (extraneous bytes, odd SOS parameters, sRGB-profile notes) are harmless. */
const DAMAGE = /premature end|truncat|bad huffman|corrupt jpeg data: (?!\d+ extraneous bytes)|read error|crc error|unexpected end/i;

/**
 * Decodes every scanline (cheaply, to a thumbnail). A truncated file fails sharp's `truncated`
 * level; damage inside a JPEG (a scrambled data segment) only raises a decoder warning, so warnings
 * are caught too and judged by what they say.
 */
async function decodesCleanly(bytes: Buffer): Promise<boolean> {
  const decode = (failOn: 'warning' | 'truncated') => sharp(bytes, { failOn, limitInputPixels: MAX_PIXELS }).resize(32).raw().toBuffer();
  try {
    await decode('warning');
    return true;
  } catch (err) {
    if (DAMAGE.test((err as Error).message)) return false;
  }
  try {
    await decode('truncated');
    return true;
  } catch {
    return false;
  }
}

function tooLarge(req: PhotoRequest, name: string): Diagnostic {
  return diagnose('photo:too-large', req.file, `The photo \`${name}\` has more than ${MAX_PIXELS / 1e6} megapixels, too many to process safely.`, {
    position: req.position,
    hint: 'Export it at a smaller size (for example 3000 px wide) and commit that.',
  });
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
    if (/pixel limit/i.test(msg)) return { diagnostics: [tooLarge(req, name)] };
    return { diagnostics: [diagnose('photo:not-an-image', req.file, `The file \`${name}\` is not an image dateline can read.`, { ...at, hint: 'Use a JPEG, PNG, WebP or AVIF photo.' })] };
  }
  const format = meta.format ?? 'unknown';
  if (!SUPPORTED.has(format) || (format === 'heif' && meta.compression !== 'av1')) {
    return { diagnostics: [diagnose('photo:unsupported-format', req.file, `The photo \`${name}\` is a ${format === 'heif' ? 'HEIC' : format.toUpperCase()} file; dateline publishes JPEG, PNG, WebP and AVIF sources.`, { ...at, hint: 'Convert it to JPEG (photos) or PNG (graphics).' })] };
  }
  if ((meta.width ?? 0) * (meta.height ?? 0) > MAX_PIXELS) {
    return { diagnostics: [tooLarge(req, name)] };
  }
  if (!(await decodesCleanly(bytes))) {
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
  const found: Diagnostic[] = [];
  if (req.role === 'lead' && photo.width < options.leadMinWidth) {
    found.push(
      diagnose('photo:too-small', req.file, `The lead photo \`${name}\` is ${photo.width} px wide; lead photos must be at least ${options.leadMinWidth} px wide to look sharp on large screens.`, {
        ...at,
        hint: 'Use a larger version of the photo, or put it in the body as a figure instead.',
      }),
    );
  }
  // Reported even for a photo refused for another reason: the repository leaks all the same.
  if (photo.leaks.length) {
    const list = new Intl.ListFormat('en', { style: 'long', type: 'conjunction' }).format(photo.leaks);
    found.push(diagnose('photo:gps-metadata', req.file, `The source photo \`${name}\` carries ${list} in its metadata. Published copies are stripped, but the file in the repository is not.`, at));
  }
  return found;
}

/** Reads a source photo, or says it is missing. */
export async function readSource(req: PhotoRequest, root: string): Promise<{ bytes?: Buffer; diagnostics: Diagnostic[] }> {
  try {
    return { bytes: await fs.readFile(req.source), diagnostics: [] };
  } catch {
    return {
      diagnostics: [
        diagnose('photo:not-found', req.file, `The photo \`${label(req, root)}\` does not exist.`, {
          position: req.position,
          hint: 'Check the file name (it is case-sensitive) and that the photo is committed in the article’s folder.',
        }),
      ],
    };
  }
}
