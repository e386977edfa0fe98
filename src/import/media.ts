import { existsSync, promises as fs } from 'node:fs';
import path from 'node:path';
import type { ImportNote, MediaMode } from './types.js';

const IMAGE_EXT = /\.(?:jpe?g|png|gif|webp|avif|tiff?)$/i;

/** Where a bundle's photos come from and go to. */
export interface BundleMediaOptions {
  mode: MediaMode;
  dryRun: boolean;
  /** The new bundle folder; photos are written into it. */
  bundleDir: string;
  baseDir?: string;
  assetDirs?: string[];
  baseUrl?: string;
  notes: ImportNote[];
  /** Counts photos copied or downloaded, over the whole import. */
  counter: { photos: number };
}

/** A file name safe in a bundle: `My Photo (1).JPG` → `my-photo-1.jpg`. */
export function safeFileName(name: string): string {
  const ext = path.extname(name).toLowerCase().replace(/[^.a-z0-9]/g, '') || '.jpg';
  const stem = path.basename(name, path.extname(name)).toLowerCase().normalize('NFKD').replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '') || 'photo';
  return stem.slice(0, 80) + ext;
}

async function download(url: string): Promise<Uint8Array | undefined> {
  try {
    const res = await fetch(url, { signal: AbortSignal.timeout(30_000), redirect: 'follow' });
    if (!res.ok) return undefined;
    const type = res.headers.get('content-type') ?? '';
    if (type && !type.startsWith('image/') && !type.startsWith('application/octet-stream')) return undefined;
    return new Uint8Array(await res.arrayBuffer());
  } catch {
    return undefined;
  }
}

/** Copies or downloads the photos one story names into its bundle, giving each a file name. */
export class BundleMedia {
  private readonly names = new Map<string, string | undefined>();
  private readonly used = new Set<string>();
  /** Files placed in the bundle, in order. */
  readonly files: string[] = [];

  constructor(private readonly o: BundleMediaOptions) {}

  private unique(name: string): string {
    let n = name;
    for (let i = 2; this.used.has(n); i++) n = name.replace(/(\.[a-z0-9]+)$/, `-${i}$1`);
    this.used.add(n);
    return n;
  }

  private localPath(src: string): string | undefined {
    const clean = decodeURIComponent(src.split(/[?#]/)[0]!);
    const candidates = clean.startsWith('/') ? (this.o.assetDirs ?? []).map((d) => path.join(d, clean)) : [this.o.baseDir, ...(this.o.assetDirs ?? [])].filter((d): d is string => !!d).map((d) => path.join(d, clean));
    return candidates.find((c) => existsSync(c));
  }

  private async place(name: string, bytes: Uint8Array | string): Promise<string> {
    const file = this.unique(name);
    if (!this.o.dryRun) {
      await fs.mkdir(this.o.bundleDir, { recursive: true });
      if (typeof bytes === 'string') await fs.copyFile(bytes, path.join(this.o.bundleDir, file));
      else await fs.writeFile(path.join(this.o.bundleDir, file), bytes);
    }
    this.files.push(file);
    this.o.counter.photos++;
    return file;
  }

  /** The reference to write for `src`: a file in the bundle, the URL itself, or undefined (left out). */
  async resolve(src: string): Promise<string | undefined> {
    const key = src.trim();
    if (this.names.has(key)) return this.names.get(key);
    const ref = await this.resolveNew(key);
    this.names.set(key, ref);
    return ref;
  }

  private async resolveNew(src: string): Promise<string | undefined> {
    if (/^data:/i.test(src)) return undefined;
    if (this.o.mode === 'skip') return undefined;
    const remote = /^(?:https?:)?\/\//i.test(src);
    if (!remote) {
      const local = this.localPath(src);
      if (local) return this.place(safeFileName(path.basename(local)), local);
      if (!this.o.baseUrl) {
        this.o.notes.push({ reason: `photo ${src} was not found; the reference was kept`, ruleId: 'import:media-missing' });
        return src;
      }
    }
    const url = new URL(src.replace(/^\/\//, 'https://'), this.o.baseUrl ?? 'https://invalid.invalid/').href;
    if (this.o.mode === 'link') return url;
    // WordPress links resized copies (`photo-300x200.jpg`); the original is the better source, and one file serves both.
    const original = url.replace(/-\d+x\d+(\.[a-z0-9]+)(?=$|\?)/i, '$1');
    if (original !== url && this.names.get(original)) return this.names.get(original);
    const name = safeFileName(decodeURIComponent(new URL(url).pathname.split('/').pop() || 'photo.jpg'));
    if (this.o.dryRun) return this.remember(original, await this.place(name.replace(/-\d+x\d+(\.[a-z0-9]+)$/, '$1'), new Uint8Array()));
    const bytes = (original !== url ? await download(original) : undefined) ?? (await download(url));
    if (!bytes) {
      this.o.notes.push({ reason: `photo ${url} could not be downloaded; the link was kept`, ruleId: 'import:media-missing' });
      return url;
    }
    return this.remember(original, await this.place(IMAGE_EXT.test(name) ? name.replace(/-\d+x\d+(\.[a-z0-9]+)$/, '$1') : name, bytes));
  }

  private remember(url: string, file: string): string {
    this.names.set(url, file);
    return file;
  }
}
