import { promises as fs } from 'node:fs';
import { cleanDocument, documentMetadata } from './index.js';
import { writeAtomic } from '../util/fs.js';

/** What scrubbing one document did: the metadata removed, or why the file was left alone. */
export interface DocumentScrubResult {
  path: string;
  removed: string[];
  error?: string;
}

/** PDFs and office files, the documents whose metadata `dateline scrub` removes. */
export const SCRUBBABLE = /\.(pdf|docx|docm|xlsx|xlsm|pptx|pptm|odt|ods|odp)$/i;

/**
 * Rewrites source documents in place without their metadata (PDF: information dictionary, XMP,
 * earlier revisions; office files: docProps, reviewers, OpenDocument meta.xml). Each file is
 * replaced atomically; files without such metadata are left as they are, unreadable ones reported.
 */
export async function scrubDocuments(paths: string[]): Promise<DocumentScrubResult[]> {
  const out: DocumentScrubResult[] = [];
  for (const file of paths) {
    try {
      const bytes = await fs.readFile(file);
      const removed = await documentMetadata(file, bytes);
      if (removed.length) {
        await writeAtomic(file, await cleanDocument(file, bytes));
      }
      out.push({ path: file, removed });
    } catch (err) {
      out.push({ path: file, removed: [], error: (err as Error).message });
    }
  }
  return out;
}
