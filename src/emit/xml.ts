import { XMLBuilder, XMLParser } from '../vendor/xml.js';

/** The XML declaration every file starts with. */
export const XML_DECLARATION = '<?xml version="1.0" encoding="UTF-8"?>\n';

/** Namespaces used by the files this stage writes. */
export const NS = {
  sitemap: 'http://www.sitemaps.org/schemas/sitemap/0.9',
  xhtml: 'http://www.w3.org/1999/xhtml',
  news: 'http://www.google.com/schemas/sitemap-news/0.9',
  media: 'http://search.yahoo.com/mrss/',
} as const;

const builder = new XMLBuilder({ ignoreAttributes: false, attributeNamePrefix: '@_', format: true, suppressEmptyNode: true });

/** Serializes a fast-xml-parser object (`@_` attributes) as an XML document. */
export function buildXml(doc: Record<string, unknown>): string {
  return XML_DECLARATION + builder.build(doc);
}

// Order- and entity-preserving round trip, so that only the root element's attributes change.
const roundTrip = {
  ignoreAttributes: false,
  attributeNamePrefix: '@_',
  preserveOrder: true,
  cdataPropName: '#cdata',
  commentPropName: '#comment',
  processEntities: false,
  trimValues: false,
  parseTagValue: false,
  parseAttributeValue: false,
  suppressEmptyNode: true,
} as const;
const orderedParser = new XMLParser(roundTrip);
const orderedBuilder = new XMLBuilder(roundTrip);

/** Adds `xmlns:<prefix>` declarations to the root element of an XML document. */
export function addRootNamespaces(xml: string, namespaces: Record<string, string>): string {
  const nodes = orderedParser.parse(xml) as Record<string, unknown>[];
  const root = nodes.find((n) => Object.keys(n).some((k) => !k.startsWith('?') && !k.startsWith('#') && k !== ':@'));
  if (!root) return xml;
  const attrs = (root[':@'] as Record<string, string> | undefined) ?? {};
  for (const [prefix, uri] of Object.entries(namespaces)) attrs[`@_xmlns:${prefix}`] = uri;
  root[':@'] = attrs;
  return orderedBuilder.build(nodes) as string;
}

// Characters XML 1.0 cannot carry at all, even escaped (C0 controls but tab and line breaks, lone surrogates, U+FFFE/F).
const NOT_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** Text as an XML element or attribute may hold it (the builder escapes `<`, `&` and quotes). */
export function xmlText(text: string): string {
  return text.replace(NOT_XML, '');
}

/** Plain text as HTML that shows exactly that text (for fields a format defines as HTML, such as RSS `description`). */
export function textAsHtml(text: string): string {
  return xmlText(text).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}
