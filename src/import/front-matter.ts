import { parse as parseToml } from 'smol-toml';
import { parse as parseYaml } from '../vendor/yaml.js';

/** Front matter and body of a Hugo or Jekyll file. */
export interface SplitDocument {
  data: Record<string, unknown>;
  body: string;
  format: 'toml' | 'yaml' | 'json' | 'none';
}

/** Splits TOML (`+++`), YAML (`---`) or JSON (`{…}`) front matter from the body; throws with the parser's message when it is invalid. */
export function splitFrontMatter(text: string): SplitDocument {
  const src = text.replace(/^\uFEFF/, '');
  const toml = /^\+\+\+[ \t]*\r?\n([\s\S]*?)\r?\n\+\+\+[ \t]*(?:\r?\n|$)/.exec(src);
  if (toml) return { data: parseToml(toml[1]!) as Record<string, unknown>, body: src.slice(toml[0].length), format: 'toml' };
  const yaml = /^---[ \t]*\r?\n([\s\S]*?)\r?\n?---[ \t]*(?:\r?\n|$)/.exec(src);
  if (yaml) {
    const data = (yaml[1]!.trim() ? parseYaml(yaml[1]!) : {}) as Record<string, unknown> | null;
    return { data: data ?? {}, body: src.slice(yaml[0].length), format: 'yaml' };
  }
  if (src.startsWith('{')) {
    // JSON front matter ends where its object does: find the closing brace by depth.
    let depth = 0;
    let inString = false;
    for (let i = 0; i < src.length; i++) {
      const c = src[i];
      if (inString) {
        if (c === '\\') i++;
        else if (c === '"') inString = false;
      } else if (c === '"') inString = true;
      else if (c === '{') depth++;
      else if (c === '}' && --depth === 0) return { data: JSON.parse(src.slice(0, i + 1)) as Record<string, unknown>, body: src.slice(i + 1).replace(/^\r?\n/, ''), format: 'json' };
    }
  }
  return { data: {}, body: src, format: 'none' };
}

/** A front-matter value as a list of strings (`tags: a` or `tags: [a, b]`). */
export function stringList(value: unknown): string[] {
  if (value === undefined || value === null || value === '') return [];
  if (Array.isArray(value)) return value.flatMap((v) => stringList(v));
  if (typeof value === 'object') return [];
  return [String(value)];
}

/** A front-matter value as one string, or undefined. */
export function str(value: unknown): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'object' && !('toISOString' in value)) return undefined;
  const s = String(value).trim();
  return s || undefined;
}
