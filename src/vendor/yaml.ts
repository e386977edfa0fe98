/** The yaml package behind one module, bundled by `npm run compile` like unified.ts. */
export { isMap, isScalar, isSeq, LineCounter, parse, parseDocument, stringify, YAMLSeq } from 'yaml';
