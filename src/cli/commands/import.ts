import { promises as fs } from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import pc from 'picocolors';
import { parse } from '../../vendor/yaml.js';
import { readValidSiteConfig } from '../site-config.js';
import { UsageError } from '../../errors/types.js';
import { parseIsoWithOffset } from '../../util/dates.js';
import type { MediaMode, SourceResult } from '../../import/types.js';

interface ImportFlags {
  root: string;
  since?: string;
  limit?: string;
  sectionMap?: string;
  authorMap?: string;
  dryRun?: boolean;
  media: string;
}

const SOURCES = ['wordpress', 'hugo', 'jekyll', 'feed'] as const;

/** A YAML mapping file (`old name: new-id`) given to --section-map or --author-map. */
async function readMap(file: string | undefined, flag: string): Promise<Record<string, string>> {
  if (!file) return {};
  let data: unknown;
  try {
    data = parse(await fs.readFile(file, 'utf8'));
  } catch (err) {
    throw new UsageError(`${flag} ${file} cannot be read as YAML: ${(err as Error).message}`);
  }
  if (!data || typeof data !== 'object' || Array.isArray(data) || Object.values(data).some((v) => typeof v !== 'string')) {
    throw new UsageError(`${flag} ${file} must map old names to ids, one a line, e.g. \`World News: world\`.`);
  }
  return data as Record<string, string>;
}

async function readSource(source: string, input: string, timezone: string): Promise<SourceResult> {
  const options = { timezone };
  if (source === 'wordpress') return (await import('../../import/wordpress.js')).readWordpress(input, options);
  if (source === 'hugo') return (await import('../../import/hugo.js')).readHugo(input, options);
  if (source === 'jekyll') return (await import('../../import/jekyll.js')).readJekyll(input, options);
  return (await import('../../import/feed.js')).readFeed(input, options);
}

/** `dateline import <source> <path-or-url>`: brings an archive over, keeping every old URL. */
export function registerImport(program: Command): void {
  program
    .command('import')
    .description('import stories from WordPress (WXR), a Hugo or Jekyll site, or a feed; keeps every old URL; never overwrites')
    .argument('<source>', `one of ${SOURCES.join(', ')}`)
    .argument('<path-or-url>', 'the export file, site folder, or feed file or URL')
    .option('--since <date>', 'only stories published on or after this date (YYYY-MM-DD or ISO 8601)')
    .option('--limit <n>', 'import at most this many stories')
    .option('--section-map <file>', 'YAML file mapping old categories to section ids (`*` for stories without one)')
    .option('--author-map <file>', 'YAML file mapping old author logins or names to author ids')
    .option('--dry-run', 'print the report; write nothing')
    .option('--media <mode>', 'photos: download (copy into bundles), link (leave remote), skip (leave out)', 'download')
    .option('--root <dir>', 'project folder holding content/', '.')
    .action(async (source: string, input: string, flags: ImportFlags) => {
      if (!(SOURCES as readonly string[]).includes(source)) throw new UsageError(`Unknown source “${source}”: use one of ${SOURCES.join(', ')}.`);
      if (!['download', 'link', 'skip'].includes(flags.media)) throw new UsageError(`--media must be download, link or skip; received “${flags.media}”.`);
      const limit = flags.limit === undefined ? undefined : Number(flags.limit);
      if (limit !== undefined && (!Number.isInteger(limit) || limit < 0)) throw new UsageError(`--limit must be a whole number; received “${flags.limit}”.`);
      const [{ runImport }, { parseSourceDate }] = await Promise.all([import('../../import/index.js'), import('../../import/dates.js')]);
      const root = path.resolve(flags.root);
      const config = await readValidSiteConfig(root);
      if (!config) return;
      const site = { config };
      let since: number | undefined;
      if (flags.since !== undefined) {
        since = parseIsoWithOffset(flags.since) ?? parseSourceDate(flags.since, site.config.timezone);
        if (since === undefined) throw new UsageError(`--since must be a date such as 2020-01-31; received “${flags.since}”.`);
      }
      const isUrl = /^https?:\/\//i.test(input);
      const where = isUrl ? input : path.resolve(input);
      if (isUrl && source !== 'feed') throw new UsageError(`Only a feed can be imported from a URL; ${source} needs ${source === 'wordpress' ? 'the export file' : 'the site folder'}.`);
      if (!isUrl) await fs.access(where).catch(() => Promise.reject(new UsageError(`${input} does not exist.`)));
      const found = await readSource(source, where, site.config.timezone).catch((err: Error) => Promise.reject(err instanceof UsageError ? err : new UsageError(`${input}: ${err.message}`)));
      const report = await runImport(found, {
        root,
        site: site.config,
        sectionMap: await readMap(flags.sectionMap, '--section-map'),
        authorMap: await readMap(flags.authorMap, '--author-map'),
        dryRun: !!flags.dryRun,
        media: flags.media as MediaMode,
        ...(since !== undefined ? { since } : {}),
        ...(limit !== undefined ? { limit } : {}),
      });
      if (report.sections.length) process.stdout.write(`Added to content/site.yaml: section${report.sections.length === 1 ? '' : 's'} ${report.sections.join(', ')}\n`);
      process.stdout.write(report.text(!!flags.dryRun));
      if (flags.dryRun) {
        process.stdout.write('Dry run: nothing was written.\n');
        return;
      }
      process.stdout.write(`Old URLs: .dateline/imported-urls.txt\n\nChecking the imported site (dateline check --against .dateline/imported-urls.txt):\n`);
      const [{ build }, { toBuildOptions }, { reportDiagnostics }] = await Promise.all([import('../../pipeline/build.js'), import('../options.js'), import('./build.js')]);
      const result = await build(toBuildOptions({ root, against: path.join(root, '.dateline', 'imported-urls.txt') }, { write: false, preview: false }));
      const code = reportDiagnostics(result);
      if (code === 0) {
        const n = result.context.content?.articles.length ?? 0;
        process.stdout.write(pc.green(`Checked ${n.toLocaleString('en-US')} article${n === 1 ? '' : 's'}: ${result.context.diagnostics.length ? 'no errors' : 'no problems'}.`) + '\n');
      }
      process.exitCode = code;
    });
}
