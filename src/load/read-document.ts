import { promises as fs } from 'node:fs';
import matter from 'gray-matter';
import { diagnose } from '../errors/diagnostics.js';
import type { Diagnostic } from '../errors/types.js';
import { sha256 } from '../util/hash.js';
import { parseYamlSource, type YamlSource } from '../util/yaml-source.js';
import type { SourceDocument } from './types.js';
import type { FrontMatterCache } from './front-matter-cache.js';

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

/** Front matter from the cache: the data at once, positions from a parse made when first asked for. */
function cachedSource(data: unknown, text: string): YamlSource {
  let full: YamlSource | undefined;
  return {
    data,
    errors: [],
    warnings: [],
    positionOf(path, which) {
      full ??= splitAndParse(text).frontMatter!;
      return full.positionOf(path, which);
    },
  };
}

/** Reads a Markdown file and splits front matter from body, keeping positions (parsed front matter is reused from `cache` by file hash). */
export async function readDocument(absPath: string, file: string, cache?: FrontMatterCache): Promise<SourceDocument> {
  const diagnostics: Diagnostic[] = [];
  let bytes: Buffer;
  try {
    bytes = await fs.readFile(absPath);
  } catch (err) {
    diagnostics.push(diagnose('file:unreadable', file, `The file cannot be read: ${(err as Error).message}.`));
    return { file, absPath, hash: '', frontMatter: null, body: '', bodyLine: 1, diagnostics };
  }
  const hash = sha256(bytes);
  const decoded = decodeUtf8(bytes);
  if ('badOffset' in decoded) {
    const before = bytes.subarray(0, decoded.badOffset).toString('utf8');
    const lines = before.split('\n');
    diagnostics.push(
      diagnose('file:invalid-utf8', file, `The file is not valid UTF-8: byte ${decoded.badOffset + 1} starts an invalid sequence.`, {
        position: { line: lines.length, column: lines[lines.length - 1]!.length + 1 },
      }),
    );
    return { file, absPath, hash, frontMatter: null, body: '', bodyLine: 1, diagnostics };
  }
  const text = decoded.text.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
  const hit = cache?.get(hash);
  if (hit) return { file, absPath, hash, frontMatter: cachedSource(hit.data, text), body: text.slice(hit.bodyOffset), bodyLine: hit.bodyLine, diagnostics };
  const { frontMatter, body, bodyLine } = splitAndParse(text);
  if (frontMatter) diagnostics.push(...yamlDiagnostics(frontMatter, file, 'front-matter:yaml-syntax'));
  // Only clean parses are cached (a warning must be repeated on every run).
  if (frontMatter && frontMatter.errors.length === 0 && frontMatter.warnings.length === 0) cache?.set(hash, { data: frontMatter.data, bodyOffset: text.length - body.length, bodyLine });
  return { file, absPath, hash, frontMatter, body, bodyLine, diagnostics };
}

/** Reads a YAML data file (author) with positions. */
export async function readYamlFile(absPath: string, file: string): Promise<{ source: YamlSource | null; diagnostics: Diagnostic[] }> {
  const diagnostics: Diagnostic[] = [];
  let text: string;
  try {
    text = await fs.readFile(absPath, 'utf8');
  } catch (err) {
    diagnostics.push(diagnose('file:unreadable', file, `The file cannot be read: ${(err as Error).message}.`));
    return { source: null, diagnostics };
  }
  const source = parseYamlSource(text);
  diagnostics.push(...yamlDiagnostics(source, file, 'front-matter:yaml-syntax'));
  return { source, diagnostics };
}
