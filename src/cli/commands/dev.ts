import path from 'node:path';
import type { Command } from 'commander';
import pc from 'picocolors';
import { UsageError } from '../../errors/types.js';
import { formatDiagnostics } from '../reporter.js';
import { toBuildOptions, type CommonFlags } from '../options.js';
import { addCommonFlags, formatTimings } from './build.js';
import { createProgress } from '../progress.js';
import type { BuildContext } from '../../pipeline/context.js';

interface DevFlags extends CommonFlags {
  port: string;
  host: string;
  timings?: boolean;
}

/** `dateline dev`: a preview of the site (drafts and embargoed stories shown) that rebuilds and reloads on save. */
export function registerDev(program: Command): void {
  addCommonFlags(program.command('dev').description('preview the site with drafts and embargoed articles, rebuilding and reloading the browser on every save'))
    .option('--port <n>', 'port to listen on', '8080')
    .option('--host <host>', 'interface to listen on (0.0.0.0 to share on the network)', '127.0.0.1')
    .option('--out <dir>', 'preview output folder', '.cache/preview')
    .option('--timings', 'print the time of every step of each rebuild')
    .action(async (flags: DevFlags) => {
      const [{ build }, { startDevServer }, { searchSettled }, { ContentStore }, { renderSavedArticle }] = await Promise.all([
        import('../../pipeline/build.js'),
        import('../../render/dev-server.js'),
        import('../../pipeline/search-step.js'),
        import('../../store/content-store.js'),
        import('../../pipeline/saved-page.js'),
      ]);
      // The last build's site model: a saved article's page is rendered from it before the rebuild.
      let last: Awaited<ReturnType<typeof build>>['context'] | undefined;
      // The hash of each page the preview wrote, by output file.
      const served = new Map<string, string>();
      const port = Number(flags.port);
      if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UsageError(`--port must be a whole number from 0 to 65535; received "${flags.port}".`);
      // The preview never goes out: it writes to its own folder and shows what a build would hold back.
      // It is written in place: a save rewrites only the files it changes.
      const options = { ...toBuildOptions(flags, { write: true, preview: true }), inPlace: true, saveStoreLater: true };
      // A slow rebuild (a large photo) shows its progress on the terminal like a build.
      const progress = createProgress();
      if (progress) options.progress = progress;
      const log = (line: string) => process.stderr.write(line + '\n');
      const server = await startDevServer({
        dir: options.outDir,
        port,
        host: flags.host,
        watch: ['content', 'templates', 'public'].map((d) => path.join(options.root, d)),
        content: path.join(options.root, 'content'),
        log,
        report: (diagnostics) => log(formatDiagnostics(diagnostics)),
        rebuild: async (changed, pagesWritten) => {
          // A clock that moves: an embargo lifting while the preview runs shows on the next save. The
          // content store stays in memory between saves; only the files the watcher saw change are looked at.
          // The browser is reloaded early only when the rebuild rendered a page (a rebuild of a file saved again unchanged renders none).
          const written = pagesWritten && ((ctx: BuildContext) => ((ctx.written?.rendered ?? 0) > 0 ? pagesWritten() : undefined));
          const result = await build({ ...options, now: flags.now ? options.now : Date.now(), ...(changed ? { changed } : {}), ...(written ? { pagesWritten: written } : {}) });
          last = result.ok ? result.context : undefined;
          if (flags.timings) log(formatTimings(result, true));
          // The pages whose bytes this rebuild changed (a list page rendered again may come out the same).
          const pages = new Map<string, string>();
          for (const [file, { hash }] of result.context.fileHashes ?? []) {
            if (!file.endsWith('.html') || served.get(file) === hash) continue;
            served.set(file, hash);
            pages.set(file, hash);
          }
          return { ok: result.ok, diagnostics: result.context.diagnostics, pages };
        },
        quick: async (changed) => (last ? await renderSavedArticle(last, changed) : undefined),
      });
      process.stdout.write(pc.green(`Preview at ${server.url}`) + ' (drafts and embargoed articles shown; Ctrl+C to stop)\n');
      let stopping = false;
      const stop = () => {
        // A second Ctrl+C, or a server that does not close in time (an open browser keeps its
        // reload connection), must not leave the port held.
        if (stopping) process.exit(0);
        stopping = true;
        setTimeout(() => process.exit(0), 2000).unref();
        // A search index still being written in the background is let finish (Pagefind's own process would complain if cut off),
        // and the content store is written once a rebuild under way (after a page shown early) has finished.
        void server
          .close()
          .catch(() => undefined)
          .then(() => Promise.allSettled([searchSettled(), ContentStore.flushAll()]))
          .then(() => process.exit(0));
      };
      process.on('SIGINT', stop);
      process.on('SIGTERM', stop);
      process.on('SIGHUP', stop);
      // Launched through `npx` or `npm run`, the preview is a grandchild of the terminal's process;
      // when that launcher ends without passing a signal on, the preview would run on alone.
      const parent = process.ppid;
      setInterval(() => {
        if (process.ppid !== parent) stop();
      }, 500).unref();
      await new Promise(() => undefined);
    });
}
