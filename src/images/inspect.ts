import { promises as fs } from 'node:fs';
import path from 'node:path';
import type { Metadata } from 'sharp';
import { loadSharp } from './sharp.js';
import { diagnose } from '../errors/diagnostics.js';
import type { Diagnostic } from '../errors/types.js';
import type { PhotoRequest } from './types.js';
import { looksLikeSvg, sanitiseSvg } from './svg.js';
import { didYouMean } from '../util/suggest.js';

/**
 * Formats accepted as sources: JPEG, PNG, WebP and AVIF (sharp reports AVIF as `heif` with AV1
 * compression), GIF (still or animated) and SVG (sanitised first). Refused: HEIC (HEVC; sharp's
 * prebuilt libvips cannot decode it) and TIFF (print masters, often CMYK and huge); editors
 * export those to JPEG or PNG.
 */
export const SUPPORTED = new Set(['jpeg', 'png', 'webp', 'avif', 'heif', 'gif', 'svg']);
/** A source heavier than this bloats the repository: a warning suggests a smaller copy. */
export const HEAVY_BYTES = 20 * 1024 * 1024;
/** A source with a longer side than this is more than any screen uses. */
export const HEAVY_SIDE = 6000;
/** The long side suggested for a copy to commit instead of a heavy source. */
export const COMMIT_SIDE = 3000;
/** A decompression-bomb guard: sources over this many pixels are refused before decoding. */
export const MAX_PIXELS = 100_000_000;

/** A source photo that passed the checks. */
export interface Inspected {
  bytes: Buffer;
  /** Size after EXIF orientation is applied. */
  width: number;
  height: number;
  leaks: string[];
  /** `gif`, `svg`, `png`… as sharp names it. */
  format?: string;
  /** Frames of an animated GIF or WebP (1 for a still). */
  frames?: number;
  /** Whether some pixels are transparent (they go white in JPEG copies). */
  transparent?: boolean;
  /** Unsafe parts removed from an SVG source, in words. */
  removed?: string[];
  /** Size of the source file in bytes. */
  size?: number;
}

function label(req: PhotoRequest, root: string): string {
  return path.relative(root, req.source).split(path.sep).join('/');
}

/** Metadata in a source that identifies a place or a device. */
export async function findLeaks(bytes: Buffer): Promise<string[]> {
  const leaks: string[] = [];
  // Loaded on first use, as sharp is: a build with every photo cached reads no metadata.
  const { default: exifr } = await import('exifr');
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
  const sharp = await loadSharp();
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

/** How to convert a HEIC photo on each system, for the message that refuses it. */
export const HEIC_HINT =
  'Convert it to JPEG, then commit the JPEG: on macOS open it in Preview and choose File → Export → JPEG (or run `sips -s format jpeg photo.heic --out photo.jpg`); ' +
  'on Windows open it in Photos and choose Save as → .jpg (or set the iPhone’s Settings → Camera → Formats → Most Compatible); ' +
  'on Linux run `heif-convert photo.heic photo.jpg` (Debian/Ubuntu package `libheif-examples`).';

/** An HEVC-coded HEIF file (`ftyp` box of an HEVC brand), known from its first bytes even when it cannot be decoded. */
function isHeic(bytes: Buffer): boolean {
  return bytes.subarray(4, 8).toString('latin1') === 'ftyp' && /^(heic|heix|hevc|hevx|heim|heis)$/.test(bytes.subarray(8, 12).toString('latin1'));
}

/** Reads and checks one source photo: exists, is a supported image, decodes fully, is big enough. */
export async function inspectPhoto(req: PhotoRequest, options: { root: string; leadMinWidth: number }, source: Buffer): Promise<{ photo?: Inspected; diagnostics: Diagnostic[] }> {
  const sharp = await loadSharp();
  const name = label(req, options.root);
  const at = { position: req.position };
  let bytes = source;
  let removed: string[] | undefined;
  // An SVG is cleaned before anything reads it, so no later step ever sees its scripts or references.
  if (looksLikeSvg(source)) {
    const clean = sanitiseSvg(source);
    if (!clean.svg) return { diagnostics: [diagnose('photo:not-an-image', req.file, `The file \`${name}\` looks like SVG but is not a valid SVG drawing.`, { ...at, hint: 'Export the graphic again as SVG, or as PNG.' })] };
    bytes = clean.svg;
    removed = clean.removed;
  }
  const heic = () => diagnose('photo:unsupported-format', req.file, `The photo \`${name}\` is a HEIC file (the iPhone’s default); browsers and dateline need JPEG, PNG, WebP, AVIF, GIF or SVG.`, { ...at, hint: HEIC_HINT });
  if (isHeic(bytes)) return { diagnostics: [heic()] };
  let meta: Metadata;
  try {
    meta = await sharp(bytes, { limitInputPixels: MAX_PIXELS }).metadata();
  } catch (err) {
    const msg = (err as Error).message;
    if (/pixel limit/i.test(msg)) return { diagnostics: [tooLarge(req, name)] };
    return { diagnostics: [diagnose('photo:not-an-image', req.file, `The file \`${name}\` is not an image dateline can read.`, { ...at, hint: 'Use a JPEG, PNG, WebP, AVIF, GIF or SVG file.' })] };
  }
  const format = meta.format ?? 'unknown';
  if (format === 'heif' && meta.compression !== 'av1') return { diagnostics: [heic()] };
  if (!SUPPORTED.has(format)) {
    return { diagnostics: [diagnose('photo:unsupported-format', req.file, `The photo \`${name}\` is a ${format.toUpperCase()} file; dateline publishes JPEG, PNG, WebP, AVIF, GIF and SVG sources.`, { ...at, hint: 'Convert it to JPEG (photos) or PNG (graphics).' })] };
  }
  if ((meta.width ?? 0) * (meta.height ?? 0) > MAX_PIXELS) {
    return { diagnostics: [tooLarge(req, name)] };
  }
  if (format !== 'svg' && !(await decodesCleanly(bytes))) {
    return { diagnostics: [diagnose('photo:corrupt', req.file, `The photo \`${name}\` is truncated or corrupt and cannot be decoded.`, { ...at, hint: 'Export or download it again, then commit the new file.' })] };
  }
  const rotated = (meta.orientation ?? 1) >= 5;
  const width = rotated ? meta.height! : meta.width!;
  const height = rotated ? meta.width! : meta.height!;
  const leaks = format === 'svg' ? [] : await findLeaks(bytes);
  const transparent = meta.hasAlpha ? !(await sharp(bytes, { limitInputPixels: MAX_PIXELS }).stats()).isOpaque : false;
  const photo: Inspected = { bytes, width, height, leaks, format, frames: meta.pages ?? 1, transparent, size: source.length };
  if (removed) photo.removed = removed;
  return { photo, diagnostics: photoWarnings(req, photo, options) };
}

/** What the warnings need to know of a checked photo (also kept in the cache, so a cached set repeats them). */
export type PhotoFacts = Pick<Inspected, 'width' | 'height' | 'leaks' | 'format' | 'transparent' | 'removed' | 'size'>;

/** Megabytes with one decimal, for messages. */
const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;

/**
 * Problems of a photo that passed decoding: too narrow for a lead photo, metadata that leaks, a
 * source far heavier than the site needs, transparency that JPEG copies flatten onto white, and
 * unsafe parts removed from an SVG.
 */
export function photoWarnings(req: PhotoRequest, photo: PhotoFacts, options: { root: string; leadMinWidth: number }): Diagnostic[] {
  const name = label(req, options.root);
  // Looked up when a message is made (a lead photo's position costs a parse of its front matter).
  const at = {
    get position() {
      return req.position;
    },
  };
  const found: Diagnostic[] = [];
  const vector = photo.format === 'svg';
  if (req.role === 'lead' && !vector && photo.width < options.leadMinWidth) {
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
  const side = Math.max(photo.width, photo.height);
  if (!vector && photo.format !== 'gif' && ((photo.size ?? 0) > HEAVY_BYTES || side > HEAVY_SIDE)) {
    const scale = Math.min(1, COMMIT_SIDE / side);
    const w = Math.round(photo.width * scale);
    const h = Math.round(photo.height * scale);
    const what = [photo.size && photo.size > HEAVY_BYTES ? mb(photo.size) : '', side > HEAVY_SIDE ? `${photo.width} × ${photo.height} px` : ''].filter(Boolean).join(', ');
    found.push(
      diagnose('photo:heavy-source', req.file, `The photo \`${name}\` is ${what}: far more than any screen shows, and every copy stays in the repository’s history.`, {
        ...at,
        hint: `Commit a copy ${w} × ${h} px (${COMMIT_SIDE.toLocaleString('en-US')} px on the long side; about ${Math.max(1, Math.round((w * h * 0.3) / 1e6))} MB as a JPEG at quality 85) instead; the site never shows more than 2,400 px.`,
      }),
    );
  }
  if (photo.transparent && (req.role === 'body' || req.role === 'lead') && !vector) {
    found.push(
      diagnose('photo:transparent', req.file, `The photo \`${name}\` has transparent areas; AVIF and WebP copies keep them, but the JPEG copy (for older browsers)${req.role === 'lead' ? ', the share card and the crops' : ''} put them on white.`, {
        ...at,
        hint: 'If the graphic is meant for a dark background or has white parts that would vanish, export it on the background you want.',
      }),
    );
  }
  if (photo.removed?.length) {
    const list = new Intl.ListFormat('en', { style: 'long', type: 'conjunction' }).format(photo.removed);
    found.push(diagnose('photo:svg-unsafe', req.file, `The SVG \`${name}\` contained ${list}; the published copy leaves them out.`, at));
  }
  return found;
}

/** Reads a source photo, or says it is missing (with the closest file of its folder, when one is near). */
export async function readSource(req: PhotoRequest, root: string): Promise<{ bytes?: Buffer; diagnostics: Diagnostic[] }> {
  try {
    return { bytes: await fs.readFile(req.source), diagnostics: [] };
  } catch {
    const siblings = await fs.readdir(path.dirname(req.source)).catch(() => [] as string[]);
    const near = didYouMean(path.basename(req.source), siblings.filter((f) => f !== 'index.md' && !f.startsWith('.')));
    return {
      diagnostics: [
        diagnose('photo:not-found', req.file, `The photo \`${label(req, root)}\` does not exist.${near ? ` Did you mean \`${near}\`?` : ''}`, {
          position: req.position,
          hint: near ? `Write the name as it is in the folder: \`${near}\` (names are case-sensitive).` : 'Check the file name (it is case-sensitive) and that the photo is committed in the article’s folder.',
        }),
      ],
    };
  }
}
