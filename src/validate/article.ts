import path from 'node:path';
import { existsSync } from 'node:fs';
import { diagnose } from '../errors/diagnostics.js';
import type { Diagnostic } from '../errors/types.js';
import type { SourceArticle } from '../load/types.js';
import { isInside } from '../util/paths.js';
import { expandPermalink } from '../util/permalink.js';
import { readSitePath } from './url-fields.js';
import { suggestion } from '../util/suggest.js';
import type { YamlSource } from '../util/yaml-source.js';
import { articleFields, articleSchema } from './article-schema.js';
import { isRtl } from './site.js';
import type { Article, ArticleImage, Author, Correction, SiteConfig } from './types.js';
import { describeValue, issuesToDiagnostics } from './zod-issues.js';
import { checkExpires, readDate } from './article-dates.js';
import { dropEmptyFields, readPathFields } from './article-forms.js';

/** Turns free tag text into a topic id: `Islamic State` → `islamic-state`. */
export function slugTag(tag: string): string {
  return tag
    .normalize('NFKC')
    .toLowerCase()
    .trim()
    .replace(/[^\p{L}\p{N}]+/gu, '-')
    .replace(/^-+|-+$/g, '');
}

/** Validates one article's front matter against the site; returns the typed article when it has no errors. */
export function validateArticle(
  src: SourceArticle,
  site: SiteConfig,
  authors: Map<string, Author>,
): { article?: Article; diagnostics: Diagnostic[] } {
  const out: Diagnostic[] = [...src.diagnostics];
  const fm = src.frontMatter;
  // A file that could not be read or parsed has nothing more to check; a bad folder name does not stop the rest.
  if (out.some((d) => d.severity === 'error' && d.ruleId !== 'bundle:bad-slug')) return { diagnostics: out };
  if (!fm) {
    out.push(
      diagnose('front-matter:missing-field', src.file, 'The article has no front matter, so it has no headline, date or section.', {
        position: { line: 1, column: 1 },
        hint: 'Start the file with a `---` block holding at least title, summary, date, section and authors.',
      }),
    );
    return { diagnostics: out };
  }
  if (fm.data !== null && (typeof fm.data !== 'object' || Array.isArray(fm.data))) {
    out.push(
      diagnose('front-matter:invalid-value', src.file, `The front matter must be a mapping of fields (\`title: …\` lines), but it is ${describeValue(fm.data)}.`, {
        position: fm.positionOf([]),
        hint: 'Write one `field: value` line per field between the `---` lines, starting with `title:`.',
      }),
    );
    return { diagnostics: out };
  }
  const data = dropEmptyFields((fm.data ?? {}) as Record<string, unknown>, src.file, fm, out);
  const parsed = articleSchema.safeParse(data, { reportInput: true });
  if (!parsed.success) {
    out.push(
      ...issuesToDiagnostics(parsed.error.issues, src.file, fm, { missing: 'front-matter:missing-field', invalid: 'front-matter:invalid-value' }, (n) => articleFields[n] ?? ''),
    );
  }
  for (const key of Object.keys(data)) {
    if (!(key in articleFields)) {
      out.push(
        diagnose('front-matter:unknown-key', src.file, `\`${key}\` is not a front-matter field dateline knows, so it is ignored.${suggestion(key, Object.keys(articleFields))}`, {
          position: fm.positionOf([key], 'key'),
        }),
      );
    }
  }
  const zone = site.timezone;
  const dated = 'date' in data ? readDate(data.date, 'date', ['date'], src.file, fm, zone, out) : undefined;
  const updated = data.updated !== undefined ? readDate(data.updated, 'updated', ['updated'], src.file, fm, zone, out) : undefined;
  const expires = data.expires !== undefined ? readDate(data.expires, 'expires', ['expires'], src.file, fm, zone, out) : undefined;
  const time = dated?.time;
  const updatedTime = updated?.time;
  if (dated && updated && updated.time < dated.time) {
    out.push(
      diagnose('front-matter:updated-before-date', src.file, `\`updated\` (${updated.iso}) is earlier than \`date\` (${dated.iso}).`, {
        position: fm.positionOf(['updated']),
      }),
    );
  }
  checkExpires(dated, expires, src.file, fm, out);
  if (!parsed.success) return { diagnostics: out };
  const f = parsed.data;

  if (!site.sections.some((s) => s.id === f.section)) {
    out.push(
      diagnose('front-matter:unknown-section', src.file, `Section “${f.section}” is not listed in site.yaml.${suggestion(f.section, site.sections.map((s) => s.id))}`, {
        position: fm.positionOf(['section']),
        hint: `Use one of: ${site.sections.map((s) => s.id).join(', ')}; or add the section to content/site.yaml.`,
      }),
    );
  }
  const authorIds = f.authors ?? [];
  if (authorIds.length === 0 && !f.byline) {
    out.push(diagnose('front-matter:missing-author', src.file, 'The article names no author: neither `authors` nor `byline` is given.', { position: { line: 1, column: 1 } }));
  }
  authorIds.forEach((id, i) => {
    if (!authors.has(id)) {
      out.push(
        diagnose('front-matter:unknown-author', src.file, `Author “${id}” has no file content/authors/${id}.yaml.${suggestion(id, authors.keys())}`, {
          position: fm.positionOf(Array.isArray(data.authors) ? ['authors', i] : ['authors']),
          hint: `Create content/authors/${id}.yaml with at least a name, or use \`byline\` for a free-text credit.`,
        }),
      );
    }
  });
  const lang = f.lang ?? site.language;
  const langConfig = site.languages.find((l) => l.code === lang);
  if (!langConfig) {
    out.push(
      diagnose('front-matter:unknown-language', src.file, `Language “${lang}” is not offered in site.yaml.${suggestion(lang, site.languages.map((l) => l.code))}`, {
        position: fm.positionOf(['lang']),
        hint: 'Add it under `languages` in content/site.yaml, or use one of the languages listed there.',
      }),
    );
  }

  let image: ArticleImage | undefined;
  if (f.image) {
    const alt = typeof f.image.alt === 'string' ? f.image.alt.trim() : '';
    if (!alt) {
      out.push(
        diagnose('front-matter:missing-alt', src.file, `The lead photo \`${f.image.src}\` has no alt text.`, {
          position: f.image.alt === undefined ? fm.positionOf(['image'], 'key') : fm.positionOf(['image', 'alt']),
        }),
      );
    }
    const photo = checkPhotoPath(f.image.src, src, fm, ['image', 'src'], out);
    if (photo && alt) {
      image = { path: photo, src: f.image.src, alt, line: 0 };
      // The line is found when a message needs it (front matter from the store is parsed again for
      // it); not enumerable, so page keys and copies do not ask for it.
      let line: number | undefined;
      Object.defineProperty(image, 'line', { enumerable: false, get: () => (line ??= fm.positionOf(['image', 'src']).line) });
      if (f.image.caption) image.caption = f.image.caption;
      if (f.image.credit) image.credit = f.image.credit;
      if (f.image.focus) image.focus = f.image.focus;
    }
  }

  const corrections: Correction[] = [];
  (f.corrections ?? []).forEach((c, i) => {
    const cd = readDate(c.date, `corrections[${i}].date`, ['corrections', i, 'date'], src.file, fm, zone, out);
    if (cd === undefined) return;
    if (dated && cd.time < dated.time) {
      out.push(
        diagnose('front-matter:correction-before-date', src.file, `Correction ${i + 1} is dated ${cd.iso}, before the article was published (${dated.iso}).`, {
          position: fm.positionOf(['corrections', i, 'date']),
        }),
      );
    }
    corrections.push({ date: cd.iso, time: cd.time, text: c.text });
  });
  corrections.sort((a, b) => a.time - b.time);
  if (updatedTime !== undefined && time !== undefined && updatedTime > time && !f.updateNote && !corrections.some((c) => c.time >= updatedTime)) {
    out.push(
      diagnose('front-matter:updated-without-note', src.file, '`updated` is later than every correction, and there is no `updateNote`: readers are not told what changed.', {
        position: fm.positionOf(['updated']),
      }),
    );
  }

  const permalink = dated ? expandPermalink(site.permalink, { section: f.section, slug: src.slug, date: dated.iso, langPrefix: lang === site.language ? '' : lang }) : undefined;
  const paths = readPathFields({ url: f.url, redirectFrom: f.redirectFrom, redirectIsList: Array.isArray(data.redirectFrom), permalink }, src.file, fm, site, out);
  if (out.some((d) => d.severity === 'error') || !dated || time === undefined) return { diagnostics: out };

  const date = dated.iso;
  const article: Article = {
    file: src.file,
    bundleDir: src.bundleDir,
    slug: src.slug,
    title: f.title,
    summary: f.summary,
    date,
    time,
    authors: authorIds,
    section: f.section,
    tags: [...new Set((f.tags ?? []).map(slugTag).filter(Boolean))],
    type: f.type ?? 'report',
    lang,
    dir: langConfig?.dir ?? (isRtl(lang) ? 'rtl' : 'ltr'),
    draft: f.draft ?? false,
    corrections,
    redirectFrom: paths.redirectFrom,
    body: '',
    bodyLine: src.bodyLine,
    url: paths.url ?? permalink!,
    hash: src.hash,
  };
  // Read only when the Markdown is rendered (the store may hold its result); not part of the article's identity (`hash` is).
  Object.defineProperty(article, 'body', { get: () => src.body, enumerable: false });
  if (f.id) article.id = f.id;
  if (updated) {
    article.updated = updated.iso;
    article.updatedTime = updated.time;
  }
  if (f.updateNote) article.updateNote = f.updateNote;
  if (f.byline) article.byline = f.byline;
  if (f.dateline) article.dateline = f.dateline;
  if (image) article.image = image;
  if (f.translationOf) article.translationOf = f.translationOf;
  if (expires) {
    article.expires = expires.iso;
    article.expiresTime = expires.time;
  }
  return { article, diagnostics: out };
}

/** Resolves a photo path inside the bundle, reporting paths that leave it or do not exist. */
export function checkPhotoPath(src: string, article: SourceArticle, fm: YamlSource, at: (string | number)[], out: Diagnostic[]): string | undefined {
  // Positions are looked up only for a message (front matter from the store is parsed again to find one).
  let found: ReturnType<YamlSource['positionOf']> | undefined;
  const where = () => (found ??= fm.positionOf(at));
  if (/^[a-z]+:/i.test(src) || path.isAbsolute(src) || src.startsWith('/')) {
    out.push(diagnose('photo:outside-bundle', article.file, `The photo path \`${src}\` is not a file in the article’s folder.`, { position: where() }));
    return undefined;
  }
  const abs = path.resolve(article.bundleDir, src);
  if (!isInside(article.bundleDir, abs)) {
    out.push(diagnose('photo:outside-bundle', article.file, `The photo path \`${src}\` points outside the article’s folder.`, { position: where() }));
    return undefined;
  }
  if (!existsSync(abs)) {
    out.push(
      diagnose('photo:not-found', article.file, `The photo \`${src}\` does not exist in ${path.basename(article.bundleDir)}/.`, {
        position: where(),
        hint: 'Check the file name’s spelling and case, and that the photo is committed next to index.md.',
      }),
    );
    return undefined;
  }
  return abs;
}

/** Where an article with errors would have been published, and its headline, as far as its front matter tells. */
export function articleUrlGuess(src: SourceArticle, site: SiteConfig): { title?: string; url?: string; lang?: string } {
  const data = src.frontMatter?.data;
  if (!data || typeof data !== 'object') return {};
  const d = data as Record<string, unknown>;
  const out: { title?: string; url?: string; lang?: string } = {};
  if (typeof d.title === 'string' && d.title.trim()) out.title = d.title.trim();
  const date = typeof d.date === 'string' ? d.date : undefined;
  const lang = typeof d.lang === 'string' && site.languages.some((l) => l.code === d.lang) ? d.lang : site.language;
  out.lang = lang;
  const own = typeof d.url === 'string' ? readSitePath(d.url, 'url', site) : undefined;
  if (own && 'path' in own) out.url = own.path;
  else if (typeof d.section === 'string' && date && /^\d{4}-\d{2}-\d{2}/.test(date)) {
    out.url = expandPermalink(site.permalink, { section: d.section, slug: src.slug, date, langPrefix: lang === site.language ? '' : lang });
  }
  return out;
}
