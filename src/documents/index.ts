import { promises as fs } from 'node:fs';
import path from 'node:path';
import { diagnose } from '../errors/diagnostics.js';
import type { Diagnostic, Position } from '../errors/types.js';
import { sha256 } from '../util/hash.js';
import { writeAtomic } from '../util/fs.js';
import { didYouMean } from '../util/suggest.js';
import { OFFICE, officeMetadata, scrubOffice } from './office.js';
import { writeMedia } from '../images/store.js';

export { DOCUMENT } from './kinds.js';

/** One link from a body to a file beside the story. */
export interface DocumentRequest {
  /** Absolute path of the file. */
  source: string;
  /** Project-relative path of the article, for messages. */
  file: string;
  position?: Position;
}

/** A published document: its URL in the site and what was removed from it. */
export interface PublishedDocument {
  url: string;
  bytes: number;
  /** Kinds of metadata the source carries (and the published copy does not). */
  metadata: string[];
}

/** Bumped when the cleaning changes; part of the cache key. */
const REVISION = 'documents-1';

/** What identifying metadata a document carries; empty for kinds that are published as they are (CSV, audio…). */
export async function documentMetadata(file: string, bytes: Uint8Array): Promise<string[]> {
  // pdf-lib is loaded on the first PDF, not at start-up.
  if (/\.pdf$/i.test(file)) return (await import('./pdf.js')).pdfMetadata(bytes);
  if (OFFICE.test(file)) return officeMetadata(bytes);
  return [];
}

/** The copy to publish: PDFs and office files without their metadata, anything else unchanged. */
export async function cleanDocument(file: string, bytes: Uint8Array): Promise<Uint8Array> {
  if (/\.pdf$/i.test(file)) return (await import('./pdf.js')).scrubPdf(bytes);
  if (OFFICE.test(file)) return scrubOffice(bytes);
  return bytes;
}

/** `Court Filing (final).pdf` → `court-filing-final`: a readable part for the published name. */
function readableName(file: string): string {
  const base = path.basename(file, path.extname(file)).normalize('NFKD').replace(/[\u0300-\u036f]/g, '');
  return base.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 60) || 'document';
}

/**
 * Publishes every document linked from a body: checks it exists (a did-you-mean from its folder
 * otherwise), warns when the source carries identifying metadata, and writes a cleaned copy to
 * `<outDir>/media/<hash>-<name>.<ext>` (the hash is of the published bytes, so the URL changes
 * with the content). Cleaned copies are cached by the source's hash. With `write: false` only
 * the checks run. A document that cannot be cleaned (encrypted, damaged) is an error.
 */
export async function processDocuments(
  requests: DocumentRequest[],
  options: { outDir: string; cacheDir: string; root: string; write: boolean },
): Promise<{ documents: Map<string, PublishedDocument>; diagnostics: Diagnostic[] }> {
  const documents = new Map<string, PublishedDocument>();
  const diagnostics: Diagnostic[] = [];
  const done = new Map<string, Promise<PublishedDocument | undefined>>();
  const rel = (p: string) => path.relative(options.root, p).split(path.sep).join('/');

  async function publish(req: DocumentRequest, bytes: Buffer): Promise<PublishedDocument | undefined> {
    const ext = path.extname(req.source).toLowerCase();
    const key = sha256(Buffer.concat([bytes, Buffer.from(REVISION + ext)])).slice(0, 24);
    const cached = path.join(options.cacheDir, `${key}${ext}`);
    const record = path.join(options.cacheDir, `${key}.json`);
    let clean: Uint8Array;
    let metadata: string[];
    try {
      metadata = (JSON.parse(await fs.readFile(record, 'utf8')) as { metadata: string[] }).metadata;
      clean = options.write ? await fs.readFile(cached) : bytes;
    } catch {
      try {
        metadata = await documentMetadata(req.source, bytes);
        clean = options.write ? await cleanDocument(req.source, bytes) : bytes;
      } catch (err) {
        diagnostics.push(
          diagnose('document:unreadable', req.file, `The document \`${rel(req.source)}\` could not be read to remove its metadata (${(err as Error).message}).`, {
            ...(req.position ? { position: req.position } : {}),
            hint: 'Save or export it again (without a password), then commit the new file.',
          }),
        );
        return undefined;
      }
      if (options.write) {
        // The record goes last: an entry counts only once its file is in place. A cache that cannot be written is only slower.
        await writeAtomic(cached, Buffer.from(clean))
          .then(() => writeAtomic(record, JSON.stringify({ metadata })))
          .catch(() => undefined);
      }
    }
    const name = `${sha256(Buffer.from(clean)).slice(0, 12)}-${readableName(req.source)}${ext}`;
    if (options.write) await writeMedia(path.join(options.outDir, 'media'), name, clean);
    return { url: `/media/${name}`, bytes: clean.byteLength, metadata };
  }

  for (const req of requests) {
    const source = path.resolve(req.source);
    let bytes: Buffer;
    try {
      bytes = await fs.readFile(source);
    } catch {
      const siblings = await fs.readdir(path.dirname(source)).catch(() => [] as string[]);
      const near = didYouMean(path.basename(source), siblings.filter((f) => f !== 'index.md' && !f.startsWith('.')));
      diagnostics.push(
        diagnose('document:not-found', req.file, `The linked document \`${rel(source)}\` does not exist.${near ? ` Did you mean \`${near}\`?` : ''}`, {
          ...(req.position ? { position: req.position } : {}),
          hint: near ? `Link to the file by its name in the folder: \`${near}\` (names are case-sensitive).` : 'Commit the file in the article’s folder, or fix the link.',
        }),
      );
      continue;
    }
    if (!done.has(source)) done.set(source, publish({ ...req, source }, bytes));
    const published = await done.get(source)!;
    if (!published) continue;
    if (published.metadata.length && !documents.has(source)) {
      const list = new Intl.ListFormat('en', { style: 'long', type: 'conjunction' }).format(published.metadata);
      diagnostics.push(
        diagnose('document:metadata', req.file, `The document \`${rel(source)}\` carries ${list} in its metadata. The published copy is cleaned, but the file in the repository is not.`, {
          ...(req.position ? { position: req.position } : {}),
        }),
      );
    }
    documents.set(source, published);
  }
  return { documents, diagnostics };
}
