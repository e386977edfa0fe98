import { strFromU8, strToU8, unzipSync, zipSync, type Zippable } from 'fflate';

/** Office Open XML (Word, Excel, PowerPoint) and OpenDocument extensions: ZIP packages with metadata parts. */
export const OFFICE = /\.(docx|docm|xlsx|xlsm|pptx|pptm|odt|ods|odp)$/i;

const EMPTY_CORE =
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"></cp:coreProperties>';
const EMPTY_APP = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"></Properties>';
const EMPTY_CUSTOM =
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/custom-properties" xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes"></Properties>';
const EMPTY_ODF_META =
  '<?xml version="1.0" encoding="UTF-8"?>\n<office:document-meta xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" office:version="1.2"><office:meta/></office:document-meta>';

/** Text of an element in an XML part, or undefined when absent or empty. */
function field(xml: string | undefined, tag: string): string | undefined {
  if (!xml) return undefined;
  const m = new RegExp(`<${tag}(?:\\s[^>]*)?>([^<]*)</${tag}>`).exec(xml);
  return m && m[1]!.trim() ? m[1]!.trim() : undefined;
}

/** The package's parts; throws when the file is not a ZIP. */
function parts(bytes: Uint8Array): Record<string, Uint8Array> {
  return unzipSync(bytes);
}

/** What identifying metadata an office file carries: author, last editor, creator tool, company, edit history, custom properties. */
export function officeMetadata(bytes: Uint8Array): string[] {
  const files = parts(bytes);
  const text = (name: string) => (files[name] ? strFromU8(files[name]!) : undefined);
  const found = new Set<string>();
  const core = text('docProps/core.xml');
  const app = text('docProps/app.xml');
  const odf = text('meta.xml');
  if (field(core, 'dc:creator') || field(odf, 'meta:initial-creator') || field(odf, 'dc:creator')) found.add('author');
  if (field(core, 'cp:lastModifiedBy')) found.add('last editor');
  if (field(app, 'Application') || field(odf, 'meta:generator')) found.add('creator tool');
  if (field(app, 'Company') || field(app, 'Manager')) found.add('company');
  const revision = Number(field(core, 'cp:revision') ?? field(odf, 'meta:editing-cycles') ?? 0);
  if (revision > 1 || Number(field(app, 'TotalTime') ?? 0) > 0 || field(odf, 'meta:editing-duration')) found.add('edit history');
  if (files['docProps/custom.xml'] && /<property\s/.test(text('docProps/custom.xml')!)) found.add('custom properties');
  if (files['word/people.xml']) found.add('names of reviewers');
  return [...found];
}

/**
 * A copy of an office file whose metadata parts are emptied: `docProps/core.xml` (author, last
 * editor, dates, revision), `docProps/app.xml` (application, company, template, editing time),
 * `docProps/custom.xml`, Word's `people.xml` (names of reviewers), and OpenDocument's `meta.xml`.
 * Every other part, the document itself, is copied unchanged; the package stays valid.
 */
export function scrubOffice(bytes: Uint8Array): Uint8Array {
  const files = parts(bytes);
  const out: Zippable = {};
  for (const [name, data] of Object.entries(files)) {
    if (name === 'docProps/core.xml') out[name] = strToU8(EMPTY_CORE);
    else if (name === 'docProps/app.xml') out[name] = strToU8(EMPTY_APP);
    else if (name === 'docProps/custom.xml') out[name] = strToU8(EMPTY_CUSTOM);
    else if (name === 'meta.xml') out[name] = strToU8(EMPTY_ODF_META);
    else if (name === 'word/people.xml') out[name] = strToU8('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w15:people xmlns:w15="http://schemas.microsoft.com/office/word/2012/wordml"></w15:people>');
    // OpenDocument requires `mimetype` first and stored uncompressed.
    else if (name === 'mimetype') out[name] = [data, { level: 0 }];
    else out[name] = data;
  }
  // Entries keep their order (`mimetype` first in OpenDocument, `[Content_Types].xml` where it was).
  return zipSync(out, { level: 6, mtime: new Date('1980-01-01T00:00:00Z') });
}
