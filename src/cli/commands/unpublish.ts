import path from 'node:path';
import { promises as fs } from 'node:fs';
import type { Command } from 'commander';
import pc from 'picocolors';
import { UsageError } from '../../errors/types.js';
import { formatDiagnostics } from '../reporter.js';
import { parseNow } from '../options.js';

interface UnpublishFlags {
  redirect?: string;
  reason?: string;
  now?: string;
  root: string;
}

/** `dateline unpublish <slug-or-path>`: removes a story on purpose, leaving a 410 page or a redirect, recorded in content/unpublished.yaml. */
export function registerUnpublish(program: Command): void {
  program
    .command('unpublish')
    .description('take a story down on purpose: delete its folder and record its URLs in content/unpublished.yaml (a 410 page, or a redirect)')
    .argument('<slug-or-path>', 'the story\'s slug, or a URL path the previous build published (for a story already deleted)')
    .option('--redirect <url>', 'send readers to this site path or URL instead of a 410 page')
    .option('--reason <text>', 'why it was taken down (kept in the record, never shown)')
    .option('--now <iso>', 'date the record at this moment (ISO 8601 with offset)')
    .option('--root <dir>', 'project folder holding content/', '.')
    .action(async (target: string, flags: UnpublishFlags) => {
      const [{ readSiteConfig }, { loadContent }, { validateContent }, unpublished] = await Promise.all([
        import('../../config/index.js'),
        import('../../load/index.js'),
        import('../../validate/index.js'),
        import('../../collections/unpublished.js'),
      ]);
      const root = path.resolve(flags.root);
      if (flags.redirect !== undefined && !/^(\/(?!\/)\S*|https?:\/\/\S+)$/.test(flags.redirect)) {
        throw new UsageError(`--redirect must be a path on this site such as /conflict/, or an absolute URL; received "${flags.redirect}".`);
      }
      const raw = await readSiteConfig(root);
      const content = validateContent(raw.file, raw.source, await loadContent(root));
      if (!content.config) {
        process.stderr.write(formatDiagnostics(content.diagnostics) + '\n');
        process.exitCode = 2;
        return;
      }
      const config = content.config;
      const { entries, diagnostics } = await unpublished.readUnpublished(root, config);
      if (diagnostics.length) {
        process.stderr.write(formatDiagnostics(diagnostics) + '\nFix content/unpublished.yaml first; nothing was changed.\n');
        process.exitCode = 1;
        return;
      }
      const matches = content.articles.filter((a) => a.slug === target || a.url === target || a.file === target || path.dirname(a.file) === target.replace(/\/+$/, ''));
      if (matches.length > 1) throw new UsageError(`“${target}” names ${matches.length} stories: ${matches.map((a) => a.url).join(', ')}. Pass the URL path of the one to take down.`);
      const article = matches[0];
      if (!article && !target.startsWith('/')) throw new UsageError(`No story has the slug “${target}”. Pass a slug, or the URL path of a story already deleted (such as /conflict/2025/05/old-story/).`);
      const date = new Date(parseNow(flags.now)).toISOString();
      const urls = article ? [article.url, ...article.redirectFrom] : [target.endsWith('/') || /\.[a-z]+$/.test(target) ? target : `${target}/`];
      const listed = urls.filter((u) => entries.some((e) => e.url === u));
      if (listed.length) throw new UsageError(`${listed.join(', ')} ${listed.length === 1 ? 'is' : 'are'} already in ${unpublished.UNPUBLISHED_FILE}; nothing was changed.`);
      const records = urls.map((url) => ({
        url,
        date,
        ...(flags.redirect ? { redirect: flags.redirect } : {}),
        ...(article ? { title: article.title, section: article.section, ...(article.lang !== config.language ? { lang: article.lang } : {}) } : {}),
        ...(flags.reason ? { reason: flags.reason } : {}),
      }));
      const file = path.join(root, unpublished.UNPUBLISHED_FILE);
      const existing = await fs.readFile(file, 'utf8').catch(() => '# URLs taken down on purpose (`dateline unpublish`): each answers 410 Gone, or redirects.\n');
      const text = (existing.endsWith('\n') || existing === '' ? existing : existing + '\n') + records.map((r) => unpublished.unpublishedYaml(r)).join('');
      await fs.writeFile(file, text);
      if (article) await fs.rm(path.join(root, path.dirname(article.file)), { recursive: true, force: true });
      const what = flags.redirect ? `redirects to ${flags.redirect}` : 'answers 410 Gone';
      for (const url of urls) process.stdout.write(pc.green(`Unpublished ${url}: it now ${what}.`) + '\n');
      if (article) process.stdout.write(`Removed ${path.dirname(article.file)}/ and recorded the removal in ${unpublished.UNPUBLISHED_FILE}; commit both.\n`);
      for (const t of content.articles.filter((a) => article && a.translationOf === article.slug)) {
        process.stderr.write(pc.yellow(`Note: ${t.file} is a translation of this story (translationOf: ${article!.slug}); unpublish it too, or remove its translationOf.`) + '\n');
      }
    });
}
