import path from 'node:path';
import { promises as fs } from 'node:fs';
import { z } from '../vendor/zod.js';
import { diagnose } from '../errors/diagnostics.js';
import type { Diagnostic } from '../errors/types.js';
import { parseYamlSource } from '../util/yaml-source.js';
import { issuesToDiagnostics } from '../validate/zod-issues.js';
import type { SiteConfig } from '../validate/types.js';
import { langPrefix } from './list-pages.js';
import type { GonePage, RedirectPage } from './types.js';

/** Where the list of URLs taken down on purpose lives, relative to the project. */
export const UNPUBLISHED_FILE = 'content/unpublished.yaml';

/** A URL taken down on purpose: it answers 410 Gone, or redirects to `redirect`. */
export interface UnpublishedEntry {
  url: string;
  /** When it was taken down (ISO 8601), for the record. */
  date: string;
  /** A site path or absolute URL readers are sent to instead of a 410 page. */
  redirect?: string;
  /** The headline of what was there, for the 410 page. */
  title?: string;
  section?: string;
  lang?: string;
  reason?: string;
  /** 1-based line of the entry, for messages. */
  line: number;
}

const sitePath = z.string().regex(/^\/(?!\/)\S*$/, 'must be a path on this site starting with `/`, such as `/conflict/2025/05/old-story/`');
const entrySchema = z.strictObject({
  url: sitePath,
  date: z.string().min(1),
  redirect: z.union([sitePath, z.url({ protocol: /^https?$/ })]).optional(),
  title: z.string().min(1).optional(),
  section: z.string().optional(),
  lang: z.string().optional(),
  reason: z.string().optional(),
});
const listSchema = z.array(entrySchema);

/** Reads and validates content/unpublished.yaml (absent means nothing was taken down). */
export async function readUnpublished(root: string, config: SiteConfig): Promise<{ entries: UnpublishedEntry[]; diagnostics: Diagnostic[] }> {
  const text = await fs.readFile(path.join(root, UNPUBLISHED_FILE), 'utf8').catch(() => undefined);
  if (text === undefined) return { entries: [], diagnostics: [] };
  const source = parseYamlSource(text);
  const diagnostics: Diagnostic[] = source.errors.map((e) => diagnose('unpublished:invalid', UNPUBLISHED_FILE, e.message, { position: e.position, hint: e.hint }));
  if (diagnostics.length) return { entries: [], diagnostics };
  const parsed = listSchema.safeParse(source.data ?? [], { reportInput: true });
  if (!parsed.success) {
    const found = issuesToDiagnostics(parsed.error.issues, UNPUBLISHED_FILE, source, { missing: 'unpublished:invalid', invalid: 'unpublished:invalid' });
    return { entries: [], diagnostics: found.map((d) => ({ ...d, hint: d.hint?.replace('the front matter', UNPUBLISHED_FILE) })) };
  }
  const entries: UnpublishedEntry[] = [];
  const seen = new Set<string>();
  parsed.data.forEach((e, i) => {
    const position = source.positionOf([i, 'url']);
    if (seen.has(e.url)) diagnostics.push(diagnose('unpublished:invalid', UNPUBLISHED_FILE, `${e.url} is listed twice.`, { position, hint: 'Keep one entry per URL.' }));
    else if (e.section !== undefined && !config.sections.some((s) => s.id === e.section)) {
      diagnostics.push(diagnose('unpublished:invalid', UNPUBLISHED_FILE, `\`section\` “${e.section}” is not listed in site.yaml.`, { position: source.positionOf([i, 'section']) }));
    } else entries.push({ ...stripUndefined(e), line: position.line });
    seen.add(e.url);
  });
  return { entries, diagnostics };
}

function stripUndefined<T extends object>(o: T): T {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;
}

/** The page each entry leaves behind: a redirect, or a 410 page linking to its section (or the front page). */
export function unpublishedPages(entries: UnpublishedEntry[], config: SiteConfig): (GonePage | RedirectPage)[] {
  return entries.map((e) => {
    const lang = e.lang ?? config.languages.find((l) => l.code !== config.language && e.url.startsWith(`/${l.code}/`))?.code ?? config.language;
    if (e.redirect) return { kind: 'redirect', url: e.url, lang, alternates: [], to: e.redirect };
    const section = config.sections.find((s) => s.id === e.section);
    const page: GonePage = { kind: 'gone', url: e.url, lang, alternates: [], title: e.title ?? (e.url.split('/').filter(Boolean).pop() ?? '').replace(/-/g, ' ') };
    if (section) page.section = section;
    else page.home = `${langPrefix(config, lang)}/`;
    return page;
  });
}

/** A YAML list item for `entry`, as `dateline unpublish` appends it. */
export function unpublishedYaml(entry: Omit<UnpublishedEntry, 'line'>): string {
  const q = (s: string) => JSON.stringify(s);
  const lines = [`- url: ${q(entry.url)}`, `  date: ${q(entry.date)}`];
  for (const key of ['redirect', 'title', 'section', 'lang', 'reason'] as const) if (entry[key] !== undefined) lines.push(`  ${key}: ${q(entry[key])}`);
  return lines.join('\n') + '\n';
}
