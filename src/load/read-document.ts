import { promises as fs, readFileSync } from 'node:fs';
import matter from 'gray-matter';
import { diagnose } from '../errors/diagnostics.js';
import type { Diagnostic } from '../errors/types.js';
import { sha256 } from '../util/hash.js';
import { parseYamlSource, type YamlSource } from '../util/yaml-source.js';
import type { SourceDocument } from './types.js';
import type { StoreEntry, StoredDocument } from '../store/types.js';
import { findInvisible } from './invisible.js';

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** Decodes UTF-8 strictly; returns the byte offset of the first bad sequence on failure. */
function decodeUtf8(bytes: Buffer): { text: string } | { badOffset: number } {
  try {
    return { text: utf8.decode(bytes) };
  } catch {
    let lo = 0;
    let hi = bytes.length;
    // Binary search for the shortest prefix that fails to decode.
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      try {
        new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(0, mid + 1), { stream: true });
        lo = mid + 1;
      } catch {
        hi = mid;
      }
    }
    return { badOffset: lo };
  }
}

/** The syntax errors and curly-quote warnings of a parsed YAML text, as diagnostics of `file`. */
export function yamlDiagnostics(source: YamlSource, file: string, syntaxRule: 'front-matter:yaml-syntax' | 'config:yaml-syntax'): Diagnostic[] {
  return [
    ...source.errors.map((e) => diagnose(syntaxRule, file, e.message, { position: e.position, hint: e.hint })),
    ...source.warnings.map((w) => diagnose('yaml:curly-quotes', file, w.message, { position: w.position, hint: w.hint })),
  ];
}

/** Splits front matter from body and parses it with positions. */
function splitAndParse(text: string): { frontMatter: YamlSource | null; body: string; bodyLine: number } {
  if (!/^---[ \t]*\n/.test(text)) return { frontMatter: null, body: text, bodyLine: 1 };
  // gray-matter only splits here; YAML is parsed by `yaml` so dates stay strings and nodes keep positions.
  const parsed = matter(text, { engines: { yaml: { parse: () => ({}), stringify: () => '' } } } as never);
  const body = parsed.content;
  const bodyOffset = text.length - body.length;
  const bodyLine = text.slice(0, bodyOffset).split('\n').length;
  return { frontMatter: parseYamlSource(parsed.matter.replace(/^\n/, ''), 1), body, bodyLine };
}

/** The normalised text of a file (BOM dropped, line ends made `\n`). */
function readTextSync(absPath: string): string {
  return readFileSync(absPath, 'utf8').replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
}

/**
 * Data as the store keeps it: JSON text with every character past U+00FF escaped, so the string is
 * one byte a character (V8 stores, and serialises, a string with any such character at two).
 */
function storedJson(data: unknown): string {
  return JSON.stringify(data).replace(/[\u0100-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** The data of stored front matter: parsed from its JSON text when first asked for. */
function storedData(doc: StoredDocument): () => unknown {
  let data = doc.data;
  return () => (data ??= doc.json === undefined ? undefined : (JSON.parse(doc.json) as unknown));
}

/** Front matter from the store: the data when first asked for, positions from a parse made when first asked for (reading the file then). */
function storedSource(data: () => unknown, text: () => string, parse: (text: string) => YamlSource | null): YamlSource {
  let full: YamlSource | undefined;
  return {
    get data() {
      return data();
    },
    errors: [],
    warnings: [],
    positionOf(path, which) {
      full ??= parse(text())!;
      return full.positionOf(path, which);
    },
  };
}

/** A document whose front matter comes from the store: the file is read only if its body or a position is asked for. */
function fromStore(absPath: string, file: string, entry: StoreEntry, doc: StoredDocument): SourceDocument {
  let text: string | undefined;
  const read = () => (text ??= readTextSync(absPath));
  const result = { file, absPath, hash: entry.digest, frontMatter: storedSource(storedData(doc), read, (t) => splitAndParse(t).frontMatter), bodyLine: doc.bodyLine, diagnostics: [] } as Omit<SourceDocument, 'body'>;
  return Object.defineProperty(result, 'body', { enumerable: true, get: () => read().slice(doc.bodyOffset) }) as SourceDocument;
}

/** Decodes a file's bytes; a diagnostic when they are not UTF-8. */
function decode(bytes: Buffer, file: string, diagnostics: Diagnostic[]): string | undefined {
  const decoded = decodeUtf8(bytes);
  if ('badOffset' in decoded) {
    const before = bytes.subarray(0, decoded.badOffset).toString('utf8');
    const lines = before.split('\n');
    diagnostics.push(
      diagnose('file:invalid-utf8', file, `The file is not valid UTF-8: byte ${decoded.badOffset + 1} starts an invalid sequence.`, {
        position: { line: lines.length, column: lines[lines.length - 1]!.length + 1 },
      }),
    );
    return undefined;
  }
  return decoded.text.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
}

/** The file's bytes: those the store's scan just read, else from disk (a diagnostic when it cannot be read). */
async function bytesOf(absPath: string, file: string, diagnostics: Diagnostic[], given?: Buffer): Promise<Buffer | undefined> {
  if (given) return given;
  try {
    return await fs.readFile(absPath);
  } catch (err) {
    diagnostics.push(diagnose('file:unreadable', file, `The file cannot be read: ${(err as Error).message}.`));
    return undefined;
  }
}

/**
 * Reads a Markdown file and splits front matter from body, keeping positions. With a store
 * entry whose front matter was parsed before (same digest), nothing is read or parsed; a clean
 * fresh parse is recorded in the entry.
 */
export async function readDocument(absPath: string, file: string, store?: { entry?: StoreEntry; bytes?: Buffer }): Promise<SourceDocument> {
  const entry = store?.entry;
  if (entry?.doc) return fromStore(absPath, file, entry, entry.doc);
  const diagnostics: Diagnostic[] = [];
  const bytes = await bytesOf(absPath, file, diagnostics, store?.bytes);
  if (!bytes) return { file, absPath, hash: '', frontMatter: null, body: '', bodyLine: 1, diagnostics };
  const hash = entry?.digest ?? sha256(bytes);
  const text = decode(bytes, file, diagnostics);
  if (text === undefined) return { file, absPath, hash, frontMatter: null, body: '', bodyLine: 1, diagnostics };
  const { frontMatter, body, bodyLine } = splitAndParse(text);
  const invisible = findInvisible(text, file, bodyLine);
  diagnostics.push(...invisible);
  if (frontMatter) diagnostics.push(...yamlDiagnostics(frontMatter, file, 'front-matter:yaml-syntax'));
  // Only clean parses are stored (a warning must be repeated on every run).
  if (entry && frontMatter && frontMatter.errors.length === 0 && frontMatter.warnings.length === 0 && invisible.length === 0 && jsonSafe(frontMatter.data)) entry.doc = { json: storedJson(frontMatter.data), bodyOffset: text.length - body.length, bodyLine };
  return { file, absPath, hash, frontMatter, body, bodyLine, diagnostics };
}

/** Reads a YAML data file (author) with positions; from the store when it was parsed before. */
export async function readYamlFile(absPath: string, file: string, store?: { entry?: StoreEntry; bytes?: Buffer }): Promise<{ source: YamlSource | null; diagnostics: Diagnostic[] }> {
  const entry = store?.entry;
  if (entry?.doc) {
    let text: string | undefined;
    return { source: storedSource(storedData(entry.doc), () => (text ??= readFileSync(absPath, 'utf8')), (t) => parseYamlSource(t)), diagnostics: [] };
  }
  const diagnostics: Diagnostic[] = [];
  const bytes = await bytesOf(absPath, file, diagnostics, store?.bytes);
  if (!bytes) return { source: null, diagnostics };
  const source = parseYamlSource(bytes.toString('utf8'));
  diagnostics.push(...yamlDiagnostics(source, file, 'front-matter:yaml-syntax'));
  if (entry && source.errors.length === 0 && source.warnings.length === 0 && jsonSafe(source.data)) entry.doc = { json: storedJson(source.data), bodyOffset: 0, bodyLine: 1 };
  return { source, diagnostics };
}

/** True when JSON keeps the value exactly (no infinities, NaN or undefined), so the stored copy equals a fresh parse. */
function jsonSafe(value: unknown): boolean {
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return true;
  if (typeof value === 'number') return Number.isFinite(value) && !Object.is(value, -0);
  if (Array.isArray(value)) return value.every(jsonSafe);
  if (typeof value === 'object') return Object.getPrototypeOf(value) === Object.prototype && Object.values(value as object).every(jsonSafe);
  return false;
}
