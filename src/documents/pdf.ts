import { PDFDict, PDFDocument, PDFName, PDFRef, PDFStream, type PDFObject } from 'pdf-lib';

/** The document-information keys that say who made a PDF and with what. */
const INFO_KEYS: [string, string][] = [
  ['Author', 'author'],
  ['Creator', 'creator tool'],
  ['Producer', 'creator tool'],
  ['Title', 'title'],
  ['Subject', 'subject'],
  ['Keywords', 'keywords'],
];

/** How many times a PDF was saved incrementally: each save leaves an `%%EOF` and the previous text behind. */
function revisions(bytes: Uint8Array): number {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1').split('%%EOF').length - 1;
}

async function load(bytes: Uint8Array): Promise<PDFDocument> {
  return PDFDocument.load(bytes, { updateMetadata: false, throwOnInvalidObject: false });
}

/** What identifying metadata a PDF carries: author, creator tool, embedded XMP, earlier saved revisions. */
export async function pdfMetadata(bytes: Uint8Array): Promise<string[]> {
  const doc = await load(bytes);
  const found = new Set<string>();
  const info = doc.context.lookup(doc.context.trailerInfo.Info);
  if (info instanceof PDFDict) {
    for (const [key, label] of INFO_KEYS) if (info.get(PDFName.of(key)) !== undefined) found.add(label);
    if (info.get(PDFName.of('ModDate')) !== undefined || info.get(PDFName.of('CreationDate')) !== undefined) found.add('dates');
  }
  if (doc.catalog.get(PDFName.of('Metadata')) !== undefined) found.add('embedded XMP');
  if (doc.getPages().some((p) => p.node.get(PDFName.of('PieceInfo')) !== undefined)) found.add('editing application data');
  const saves = revisions(bytes);
  if (saves > 1) found.add(`edit history (${saves} saved versions)`);
  return [...found];
}

/** Removes an object and, when it is a reference, the object it points to. */
function drop(doc: PDFDocument, holder: PDFDict, key: string): void {
  const value: PDFObject | undefined = holder.get(PDFName.of(key));
  if (value instanceof PDFRef) doc.context.delete(value);
  holder.delete(PDFName.of(key));
}

/**
 * A copy of a PDF without its document information (author, creator tool, title, dates), its
 * XMP metadata (document and pages), editing-application data, and earlier revisions: pdf-lib
 * writes the document anew from its current objects, so text deleted in an incremental save is
 * gone too. Throws for encrypted or unreadable files.
 */
export async function scrubPdf(bytes: Uint8Array): Promise<Uint8Array> {
  const doc = await load(bytes);
  const infoRef = doc.context.trailerInfo.Info;
  if (infoRef instanceof PDFRef) doc.context.delete(infoRef);
  doc.context.trailerInfo.Info = undefined;
  drop(doc, doc.catalog, 'Metadata');
  drop(doc, doc.catalog, 'PieceInfo');
  for (const page of doc.getPages()) {
    drop(doc, page.node, 'Metadata');
    drop(doc, page.node, 'PieceInfo');
  }
  // XMP streams hanging off other objects (images, fonts) are found by their type.
  for (const [ref, obj] of doc.context.enumerateIndirectObjects()) {
    if (obj instanceof PDFStream && obj.dict.get(PDFName.of('Type'))?.toString() === '/Metadata') doc.context.delete(ref);
  }
  return doc.save({ updateFieldAppearances: false });
}
