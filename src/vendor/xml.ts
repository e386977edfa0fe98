/** fast-xml-parser behind one module, bundled by `npm run compile` like unified.ts. */
export { XMLBuilder, XMLParser } from 'fast-xml-parser';
