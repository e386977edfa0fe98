import { z } from '../vendor/zod.js';
import { diagnose } from '../errors/diagnostics.js';
import type { Diagnostic } from '../errors/types.js';
import type { SourcePage } from '../load/types.js';
import { isRtl } from './site.js';
import type { SiteConfig, StaticPage } from './types.js';
import { issuesToDiagnostics } from './zod-issues.js';
import { readPathFields } from './article-forms.js';

const pageSchema = z.looseObject({
  title: z.string().trim().min(1),
  summary: z.string().trim().min(1).optional(),
  lang: z.string().min(2).optional(),
  redirectFrom: z.union([z.string(), z.array(z.string())]).optional(),
});

/** Validates static pages from content/pages/. */
export function validatePages(sources: SourcePage[], site: SiteConfig): { pages: StaticPage[]; diagnostics: Diagnostic[] } {
  const pages: StaticPage[] = [];
  const diagnostics: Diagnostic[] = [];
  for (const src of sources) {
    diagnostics.push(...src.diagnostics);
    if (src.diagnostics.some((d) => d.severity === 'error')) continue;
    const parsed = pageSchema.safeParse(src.frontMatter?.data ?? {}, { reportInput: true });
    if (!parsed.success) {
      diagnostics.push(...issuesToDiagnostics(parsed.error.issues, src.file, src.frontMatter, { missing: 'page:invalid', invalid: 'page:invalid' }));
      continue;
    }
    const lang = parsed.data.lang ?? site.language;
    if (!site.languages.some((l) => l.code === lang)) {
      diagnostics.push(
        diagnose('front-matter:unknown-language', src.file, `Language “${lang}” is not offered in site.yaml.`, {
          position: src.frontMatter?.positionOf(['lang']),
        }),
      );
      continue;
    }
    const prefix = lang === site.language ? '' : `/${lang}`;
    const url = `${prefix}/${src.slug}/`;
    // Old addresses of the page (an imported site's nested pages, a renamed page) keep working.
    const raw = parsed.data.redirectFrom;
    const paths = src.frontMatter
      ? readPathFields({ redirectFrom: raw === undefined ? undefined : [raw].flat(), redirectIsList: Array.isArray(raw), permalink: url }, src.file, src.frontMatter, site, diagnostics)
      : { redirectFrom: [] };
    const page: StaticPage = {
      file: src.file,
      slug: src.slug,
      title: parsed.data.title,
      lang,
      dir: isRtl(lang) ? 'rtl' : 'ltr',
      body: '',
      bodyLine: src.bodyLine,
      url,
      redirectFrom: paths.redirectFrom,
      hash: src.hash,
    };
    if (parsed.data.summary) page.summary = parsed.data.summary;
    Object.defineProperty(page, 'body', { get: () => src.body, enumerable: false });
    pages.push(page);
  }
  return { pages, diagnostics };
}
