import path from 'node:path';
import { promises as fs } from 'node:fs';
import type { Command } from 'commander';
import pc from 'picocolors';
import { UsageError } from '../../errors/types.js';
import { suggestion } from '../../util/suggest.js';
import { relativePath } from '../../util/paths.js';
import { parseNow } from '../options.js';
import { readValidSiteConfig } from '../site-config.js';


interface NewFlags {
  root: string;
  section: string;
  lang?: string;
  author?: string[];
  translationOf?: string;
  slug?: string;
  now?: string;
}

/** `now` as ISO 8601 in the time zone, to the minute, with its UTC offset: `2026-11-25T09:14:00+03:00`. */
export function localIsoMinute(now: number, timeZone: string): string {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-CA', { timeZone, timeZoneName: 'longOffset', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' })
      .formatToParts(now)
      .map((p) => [p.type, p.value]),
  );
  const offset = (parts.timeZoneName ?? 'GMT').replace('GMT', '') || '+00:00';
  return `${parts.year}-${parts.month}-${parts.day}T${parts.hour}:${parts.minute}:00${offset}`;
}

function check(ok: boolean, what: string, value: string, known: string[]): void {
  if (ok) return;
  throw new UsageError(`${what} “${value}” is not known.${suggestion(value, known)} Known: ${known.join(', ') || 'none'}.`);
}

/** The text of a new article's index.md: front matter the editor completes, and a body to replace. */
export async function scaffoldArticle(fields: { title: string; date: string; section: string; authors: string[]; lang?: string; translationOf?: string }): Promise<string> {
  const { stringify } = await import('yaml');
  const data: Record<string, unknown> = {
    title: fields.title,
    summary: 'Replace this line with a one-sentence summary of the story; it is the teaser on list pages and in feeds.',
    date: fields.date,
  };
  if (fields.authors.length) data.authors = fields.authors;
  else data.byline = 'Staff';
  data.section = fields.section;
  if (fields.lang) data.lang = fields.lang;
  if (fields.translationOf) data.translationOf = fields.translationOf;
  data.draft = true;
  const yaml = stringify(data, { lineWidth: 0 });
  return [
    '---',
    yaml.trimEnd(),
    '# dateline: AMMAN          (the place the report was filed from)',
    '# tags: [topic-one, topic-two]',
    '# image: { src: photo.jpg, alt: What the photo shows, caption: …, credit: … }',
    '# Remove `draft: true` when the story may go out; a future `date` holds it until then.',
    '---',
    '',
    'Write the story here. Put photos in this folder and show them with `![What it shows](photo.jpg)`.',
    '',
  ].join('\n');
}

/** `dateline new "Headline" --section <id>`: scaffolds a dated article bundle, never overwriting one. */
export function registerNew(program: Command): void {
  program
    .command('new')
    .description('start a new article: content/articles/YYYY/MM/<slug>/index.md, as a draft')
    .argument('<headline>', 'the headline; the slug is made from it unless --slug is given')
    .requiredOption('--section <id>', 'section id from site.yaml')
    .option('--lang <code>', 'language of the article (default: the site language)')
    .option('--author <id...>', 'author id(s) from content/authors/ (default: byline "Staff")')
    .option('--translation-of <slug>', 'slug of the same story in another language')
    .option('--slug <slug>', 'URL slug (default: from the headline)')
    .option('--now <iso>', 'date the article at this moment (ISO 8601 with offset)')
    .option('--root <dir>', 'project folder holding content/', '.')
    .action(async (headline: string, flags: NewFlags) => {
      // Loaded here, not at the top: `dateline --help` should not pay for them.
      const [{ loadContent }, { isValidSlug, slugFromHeadline }] = await Promise.all([import('../../load/index.js'), import('../../util/slug.js')]);
      const root = path.resolve(flags.root);
      const config = await readValidSiteConfig(root);
      if (!config) return;
      const title = headline.trim();
      if (!title) throw new UsageError('The headline is empty; write it in quotes: dateline new "Parliament passes the budget" --section politics.');
      const loaded = await loadContent(root, { slugs: config.slugs });

      const sections = config.sections.map((s) => s.id);
      check(sections.includes(flags.section), 'Section', flags.section, sections);
      const langs = config.languages.map((l) => l.code);
      if (flags.lang) check(langs.includes(flags.lang), 'Language', flags.lang, langs);
      const authorIds = loaded.authors.map((a) => a.id);
      for (const id of flags.author ?? []) check(authorIds.includes(id), 'Author', id, authorIds);
      if (flags.translationOf) check(loaded.articles.some((a) => a.slug === flags.translationOf), 'Article slug', flags.translationOf, loaded.articles.map((a) => a.slug));

      const slug = flags.slug ?? slugFromHeadline(title, config.slugs);
      if (!isValidSlug(slug, config.slugs)) {
        throw new UsageError(
          flags.slug
            ? `--slug “${flags.slug}” is not a valid slug: use lower-case letters, digits and hyphens, e.g. budget-vote${config.slugs === 'native' ? ' (or letters of any script, with `slugs: native`)' : ''}.`
            : `No slug could be made from the headline “${title}”; give one with --slug, e.g. --slug budget-vote.`,
        );
      }
      const date = localIsoMinute(parseNow(flags.now), config.timezone);
      const bundle = path.join(root, 'content', 'articles', date.slice(0, 4), date.slice(5, 7), slug);
      const file = path.join(bundle, 'index.md');
      const rel = path.relative(process.cwd(), file) || file;
      const lang = flags.lang && flags.lang !== config.language ? flags.lang : undefined;
      const text = await scaffoldArticle({ title, date, section: flags.section, authors: flags.author ?? [], ...(lang ? { lang } : {}), ...(flags.translationOf ? { translationOf: flags.translationOf } : {}) });
      await fs.mkdir(bundle, { recursive: true });
      try {
        await fs.writeFile(file, text, { flag: 'wx' });
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
        process.stderr.write(`${relativePath(root, file)} already exists; nothing was written. Choose another slug with --slug.\n`);
        process.exitCode = 1;
        return;
      }
      const sameSlug = loaded.articles.filter((a) => a.slug === slug);
      if (sameSlug.length) process.stderr.write(pc.yellow(`Note: ${sameSlug.map((a) => a.file).join(', ')} already uses the slug “${slug}”.`) + '\n');
      process.stdout.write(rel + '\n');
    });
}
