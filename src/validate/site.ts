import { z } from '../vendor/zod.js';
import type { Diagnostic } from '../errors/types.js';
import type { YamlSource } from '../util/yaml-source.js';
import { diagnose } from '../errors/diagnostics.js';
import type { SiteConfig } from './types.js';
import { issuesToDiagnostics } from './zod-issues.js';

const localized = z.union([z.string().min(1), z.record(z.string(), z.string())]);
const id = z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'must be lower-case letters, digits and hyphens');

const siteSchema = z.strictObject({
  name: localized,
  description: localized.optional(),
  baseUrl: z.url({ protocol: /^https?$/ }),
  language: z.string().min(2),
  languages: z
    .array(
      z.strictObject({
        code: z.string().min(2),
        name: z.string().min(1),
        locale: z.string().optional(),
        dir: z.enum(['ltr', 'rtl']).optional(),
      }),
    )
    .optional(),
  timezone: z.string().default('UTC'),
  permalink: z.string().regex(/^\/.*:slug.*\/$/, 'must start and end with `/` and contain `:slug`').default('/:section/:year/:month/:slug/'),
  slugs: z.enum(['latin', 'native']).default('latin'),
  pageSize: z.number().int().min(1).max(500).default(20),
  wordsPerMinute: z.number().int().min(50).max(1000).default(230),
  leadPhotoMinWidth: z.number().int().min(1).default(800),
  expired: z.enum(['gone', 'redirect-section']).default('gone'),
  logo: z.strictObject({ src: z.string().min(1), alt: z.string().min(1) }).optional(),
  colors: z
    .strictObject({
      background: z.string().regex(/^#[0-9a-fA-F]{6}$/, 'must be a colour like `#16181d`').optional(),
      text: z.string().regex(/^#[0-9a-fA-F]{6}$/, 'must be a colour like `#ffffff`').optional(),
      accent: z.string().regex(/^#[0-9a-fA-F]{6}$/, 'must be a colour like `#a3161a`').optional(),
    })
    .optional(),
  tags: z.record(id, localized).default({}),
  sections: z
    .array(z.strictObject({ id, title: localized, description: localized.optional() }))
    .min(1, 'must list at least one section'),
  social: z
    .strictObject({
      x: z.string().optional(),
      facebook: z.string().optional(),
      instagram: z.string().optional(),
      youtube: z.string().optional(),
      telegram: z.string().optional(),
    })
    .default({}),
  policies: z
    .strictObject({
      corrections: z.string().optional(),
      ethics: z.string().optional(),
      masthead: z.string().optional(),
      about: z.string().optional(),
      contact: z.string().optional(),
      diversity: z.string().optional(),
      ownership: z.string().optional(),
    })
    .default({}),
});

/** The keys a strict object schema accepts at `path` (for did-you-mean on unknown keys). */
function knownKeys(schema: z.ZodType, path: readonly PropertyKey[]): string[] {
  let cur: unknown = schema;
  for (const key of path) {
    if (typeof key === 'number') cur = (cur as { element?: unknown }).element;
    else cur = (cur as { shape?: Record<string, unknown> }).shape?.[String(key)];
    while (cur && (cur as { unwrap?: () => unknown }).unwrap) cur = (cur as { unwrap: () => unknown }).unwrap();
  }
  return Object.keys((cur as { shape?: object } | undefined)?.shape ?? {});
}

const RTL = new Set(['ar', 'fa', 'he', 'ur', 'ps', 'sd', 'yi', 'dv', 'ckb']);

/** True for languages written right to left. */
export function isRtl(lang: string): boolean {
  return RTL.has(lang.split('-')[0]!.toLowerCase());
}

function localize(value: string | Record<string, string> | undefined, lang: string): Record<string, string> {
  if (value === undefined) return {};
  return typeof value === 'string' ? { [lang]: value } : value;
}

/** Validates content/site.yaml; problems use `config:*` rule ids (the CLI exits 2 for them). */
export function validateSite(file: string, source: YamlSource): { config?: SiteConfig; diagnostics: Diagnostic[] } {
  const parsed = siteSchema.safeParse(source.data ?? {}, { reportInput: true });
  if (!parsed.success) {
    return {
      diagnostics: issuesToDiagnostics(parsed.error.issues, file, source, { missing: 'config:invalid', invalid: 'config:invalid' }, undefined, (p) => knownKeys(siteSchema, p)).map(
        (d) => ({ ...d, message: d.message.replace('to the front matter', 'to site.yaml') }),
      ),
    };
  }
  const s = parsed.data;
  const diagnostics: Diagnostic[] = [];
  const lang = s.language;
  const languages = (s.languages ?? [{ code: lang, name: lang }]).map((l) => ({
    code: l.code,
    name: l.name,
    locale: l.locale ?? l.code,
    dir: l.dir ?? (isRtl(l.code) ? 'rtl' : 'ltr'),
  }));
  if (!languages.some((l) => l.code === lang)) {
    diagnostics.push(
      diagnose('config:invalid', file, `\`language\` is “${lang}”, but \`languages\` does not list it.`, {
        position: source.positionOf(['language']),
      }),
    );
  }
  try {
    new Intl.DateTimeFormat('en', { timeZone: s.timezone });
  } catch {
    diagnostics.push(
      diagnose('config:invalid', file, `\`timezone\` “${s.timezone}” is not an IANA time zone.`, {
        position: source.positionOf(['timezone']),
        hint: 'Use a name such as `Asia/Amman` or `Europe/London`.',
      }),
    );
  }
  const seen = new Set<string>();
  s.sections.forEach((sec, i) => {
    if (seen.has(sec.id)) {
      diagnostics.push(diagnose('config:invalid', file, `Section \`${sec.id}\` is listed twice.`, { position: source.positionOf(['sections', i, 'id']) }));
    }
    seen.add(sec.id);
  });
  if (diagnostics.length) return { diagnostics };
  const config: SiteConfig = {
    name: localize(s.name, lang),
    description: localize(s.description, lang),
    baseUrl: s.baseUrl.replace(/\/+$/, ''),
    language: lang,
    languages,
    timezone: s.timezone,
    sections: s.sections.map((sec) => ({ id: sec.id, title: localize(sec.title, lang), description: localize(sec.description, lang) })),
    permalink: s.permalink,
    slugs: s.slugs,
    pageSize: s.pageSize,
    logo: s.logo,
    ...(s.colors ? { colors: s.colors } : {}),
    social: s.social,
    policies: s.policies,
    wordsPerMinute: s.wordsPerMinute,
    leadPhotoMinWidth: s.leadPhotoMinWidth,
    expired: s.expired,
    tags: Object.fromEntries(Object.entries(s.tags).map(([tag, name]) => [tag, localize(name, lang)])),
  };
  return { config, diagnostics };
}
