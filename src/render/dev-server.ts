import path from 'node:path';
import { existsSync, promises as fs } from 'node:fs';
import { createRequire } from 'node:module';
import type { IncomingMessage, ServerResponse } from 'node:http';
import chokidar, { type FSWatcher } from 'chokidar';
import type { Diagnostic } from '../errors/types.js';
import { diagnosticItem, warningsOverlay } from './dev-overlay.js';

/** The part of @11ty/eleventy-dev-server dateline uses (the package ships no types). */
interface EleventyServer {
  serve(port: number): void;
  ready(): Promise<void>;
  close(): Promise<void>;
  reload(event: { files: string[]; subtype?: 'css'; build: { templates: unknown[] } }): void;
  server: { listen(options: { port: number; host: string }): void; address(): { port: number } | string | null };
  _serverListen(port: number): void;
  /** The WebSocket server of the reload clients (one connection per open page), once one has connected. */
  updateServer?: { clients?: Set<unknown> };
}
const require = createRequire(import.meta.url);
const EleventyDevServer = require('@11ty/eleventy-dev-server') as { getServer(name: string, dir: string, options: object): EleventyServer };

/** The outcome of one preview build, as the server needs it. */
export interface PreviewResult {
  ok: boolean;
  diagnostics: Diagnostic[];
  /** The HTML pages the rebuild wrote, by output file, with their hashes (when known). */
  pages?: Map<string, string>;
}

/** How to run the preview server. */
export interface DevServerOptions {
  /** Folder the preview build writes and the server serves. */
  dir: string;
  port: number;
  host: string;
  /** Folders whose changes trigger a rebuild (missing ones are skipped). */
  watch: string[];
  /** The content folder: a change there that altered no page and no message needs no reload. */
  content?: string;
  /**
   * Builds the preview into `dir`; called once at start (no change set) and after each batch of
   * changes (the files the watcher saw change). `pagesWritten` is called when its pages are
   * written, before the rest of the site (feeds, sitemaps): the browser can reload then.
   */
  rebuild: (changed?: string[], pagesWritten?: () => void) => Promise<PreviewResult>;
  /**
   * Shows one saved file's page before the rebuild, when it can (see pipeline/saved-page.ts):
   * the output file written and its hash, or undefined. The browser reloads at once; the rebuild
   * follows, and reloads it again only when it changed any page otherwise.
   */
  quick?: (changed: string) => Promise<{ file: string; hash: string } | undefined>;
  /** Where progress lines go (the terminal). */
  log: (line: string) => void;
  /** Prints a failed build's diagnostics in the usual positioned form. */
  report: (diagnostics: Diagnostic[]) => void;
  /** Quiet time after the last change before rebuilding, in ms. */
  debounceMs?: number;
}

/** A running preview server. */
export interface DevServer {
  url: string;
  /** Milliseconds from each change to the browser reload, most recent last. */
  reloadTimes: number[];
  close(): Promise<void>;
}

/** The page shown instead of every page while the content has errors; it reloads itself once they are fixed. */
export function renderErrorPage(diagnostics: Diagnostic[]): string {
  const errors = diagnostics.filter((d) => d.severity === 'error');
  const items = errors.map(diagnosticItem).join('\n');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Preview build failed · dateline</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<style>body{font:16px/1.5 system-ui,sans-serif;margin:2rem auto;max-width:52rem;padding:0 1rem;color:#222}h1{color:#b00020;font-size:1.4rem}li{margin:0 0 1.2rem;padding:.6rem .9rem;border-left:4px solid #b00020;background:#fff5f5;list-style:none}ul{padding:0}p{margin:.2rem 0}.rule{color:#666;font-size:.85em}.hint{color:#555}</style>
</head><body data-dateline-error>
<h1>The preview could not be rebuilt: ${errors.length} error${errors.length === 1 ? '' : 's'}</h1>
<p>Fix the file${errors.length === 1 ? '' : 's'} below and save; this page reloads by itself. The same list is in the terminal.</p>
<ul>
${items}
</ul>
</body></html>`;
}

/** True for requests that want a page rather than an asset. */
function wantsPage(req: IncomingMessage): boolean {
  if (req.method !== 'GET' && req.method !== 'HEAD') return false;
  const pathname = (req.url ?? '/').split('?')[0]!;
  if (pathname.startsWith('/.11ty/')) return false;
  return pathname.endsWith('/') || pathname.endsWith('.html') || !/\.[a-z0-9]+$/i.test(pathname);
}

/** Serves a page of the preview with the warnings panel added before `</body>` (other requests pass on). */
function serveWithWarnings(dir: string, req: IncomingMessage, res: ServerResponse, warnings: Diagnostic[], next: () => void): void {
  let pathname: string;
  try {
    pathname = decodeURIComponent((req.url ?? '/').split('?')[0]!);
  } catch {
    return next();
  }
  const base = path.resolve(dir);
  const file = path.join(base, pathname.endsWith('/') ? `${pathname}index.html` : pathname.endsWith('.html') ? pathname : `${pathname}/index.html`);
  if (!file.startsWith(base + path.sep)) return next();
  fs.readFile(file, 'utf8').then(
    (html) => {
      res.statusCode = 200;
      res.setHeader('Content-Type', 'text/html; charset=utf-8');
      res.setHeader('Cache-Control', 'no-store');
      const panel = warningsOverlay(warnings);
      res.end(html.includes('</body>') ? html.replace('</body>', `${panel}</body>`) : html + panel);
    },
    () => next(),
  );
}

/**
 * Serves the preview build with Eleventy's dev server and keeps it current: content/, templates/
 * and public/ are watched, a change rebuilds (debounced, one build at a time) and reloads the
 * browser. While the content has errors every page shows them; the server keeps running.
 */
export async function startDevServer(options: DevServerOptions): Promise<DevServer> {
  const debounceMs = options.debounceMs ?? 80;
  let failed: Diagnostic[] | undefined;
  /** The last successful build's warnings, shown on every page. */
  let warned: Diagnostic[] = [];
  const reloadTimes: number[] = [];

  await fs.mkdir(options.dir, { recursive: true });
  const first = await options.rebuild();
  if (first.ok) warned = first.diagnostics;
  if (!first.ok) {
    failed = first.diagnostics;
    options.report(first.diagnostics);
  } else if (first.diagnostics.length) options.report(first.diagnostics);

  const errorMiddleware = (req: IncomingMessage, res: ServerResponse, next: () => void) => {
    if (!failed && wantsPage(req) && warned.some((d) => d.severity === 'warning')) return serveWithWarnings(options.dir, req, res, warned, next);
    if (!failed || !wantsPage(req)) return next();
    res.statusCode = 500;
    res.setHeader('Content-Type', 'text/html; charset=utf-8');
    res.setHeader('Cache-Control', 'no-store');
    res.end(renderErrorPage(failed));
  };
  const server = EleventyDevServer.getServer('dateline', options.dir, {
    port: options.port,
    portReassignmentRetryCount: 0,
    domDiff: false,
    middleware: [errorMiddleware],
    headers: { 'Cache-Control': 'no-store' },
    messageOnStart: () => false,
    logger: { info: () => undefined, log: () => undefined, error: (s: string) => (/HTTP 404/.test(s) ? undefined : options.log(s)) },
  });
  // The dev server listens on every interface; bind to the host asked for instead.
  server._serverListen = (port: number) => server.server.listen({ port, host: options.host });
  server.serve(options.port);
  await server.ready();
  const address = server.server.address();
  const port = typeof address === 'object' && address ? address.port : options.port;
  const url = `http://${options.host.includes(':') ? `[${options.host}]` : options.host}:${port}/`;

  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> | undefined;
  let changed: string[] = [];
  let since = 0;
  const run = async () => {
    const files = changed;
    const started = since;
    changed = [];
    since = 0;
    const what = files.length === 1 ? path.relative(process.cwd(), files[0]!) : `${files.length} files`;
    // The browser reloads before the rebuild ends: at once for one saved article whose page can be
    // shown from the last build (`quick`), else as soon as the rebuild has written its pages (a new
    // story listed on the home page); the rest of the site (feeds, sitemaps, search) follows.
    let shown: { file: string; hash: string } | undefined;
    let early = false;
    let open = 0;
    const reloadEarly = (pages: string, rest: string) => {
      early = true;
      open = connected();
      server.reload({ files: [], build: { templates: [] } });
      const total = Date.now() - started;
      reloadTimes.push(total);
      options.log(`Rendered ${pages} of ${what}: save → reload ${(total / 1000).toFixed(2)} s; ${rest}`);
    };
    if (options.quick && files.length === 1 && failed === undefined) {
      shown = await options.quick(files[0]!).catch(() => undefined);
      if (shown) reloadEarly('the page', 'rebuilding the rest');
    }
    const t0 = performance.now();
    let result: PreviewResult;
    const pagesWritten = () => {
      if (!early && failed === undefined) reloadEarly('the pages', 'finishing feeds, sitemaps and search');
    };
    try {
      result = await options.rebuild(files, pagesWritten);
    } catch (err) {
      options.log(`Internal error while rebuilding: ${(err as Error).message}`);
      result = { ok: false, diagnostics: [] };
    }
    const buildMs = performance.now() - t0;
    const wasFailing = failed !== undefined;
    const before = JSON.stringify(warned);
    failed = result.ok ? undefined : result.diagnostics;
    if (result.ok) warned = result.diagnostics;
    if (result.diagnostics.length) options.report(result.diagnostics);
    const total = Date.now() - started;
    const cssOnly = result.ok && !wasFailing && files.length > 0 && files.every((f) => f.endsWith('.css'));
    // After an early reload, the browser reloads again only for a failure, or for a page the rebuild
    // made otherwise than the one shown from the last build.
    const sameAsShown = early && result.ok && (shown === undefined || (result.pages !== undefined && [...result.pages].every(([file, hash]) => file === shown.file && hash === shown.hash)));
    // Content files saved again as they were (an editor's second write event, a touch): no page
    // changed, nor any message, and nothing was removed: the open pages are as they should be.
    const content = options.content;
    const unchanged =
      !early && result.ok && !wasFailing && result.pages?.size === 0 && content !== undefined && files.length > 0 && files.every((f) => !path.relative(content, f).startsWith('..') && existsSync(f)) && JSON.stringify(result.diagnostics) === before;
    if (!sameAsShown && !unchanged) {
      // Pages reloading after the early one hear no message until they are connected again.
      if (early) await reconnected(open);
      server.reload({ files: cssOnly ? files : [], ...(cssOnly ? { subtype: 'css' as const } : {}), build: { templates: [] } });
    }
    if (!early && !unchanged) reloadTimes.push(total);
    const seconds = (ms: number) => (ms / 1000).toFixed(2);
    if (!result.ok) options.log(`Rebuild failed after ${what} changed; the errors above are shown in the browser too.`);
    else if (early) options.log(`Rebuilt after ${what} changed: build ${seconds(buildMs)} s, site up to date ${seconds(total)} s after the save${sameAsShown ? '' : ', reloaded again'}`);
    else if (unchanged) options.log(`Rebuilt after ${what} changed: build ${seconds(buildMs)} s, no page changed (not reloaded)`);
    else options.log(`Rebuilt after ${what} changed: build ${seconds(buildMs)} s, save → reload ${seconds(total)} s`);
  };
  /** Pages with a live reload connection. */
  const connected = () => server.updateServer?.clients?.size ?? 0;
  /** Waits (2 s at most) until as many pages are connected as were before a reload. */
  const reconnected = async (count: number) => {
    for (let waited = 0; connected() < count && waited < 2000; waited += 25) await new Promise((r) => setTimeout(r, 25));
  };
  const schedule = (file: string) => {
    if (/(^|[/\\])(\.#|#|~)|\.(swp|swx|tmp)$|~$/.test(file)) return;
    changed.push(file);
    if (!since) since = Date.now();
    clearTimeout(timer);
    timer = setTimeout(function fire() {
      if (running) {
        timer = setTimeout(fire, debounceMs);
        return;
      }
      running = run().finally(() => (running = undefined));
    }, debounceMs);
  };

  const watcher: FSWatcher = chokidar.watch(
    options.watch.filter((d) => existsSync(d)),
    { ignoreInitial: true, ignored: (p: string) => /(^|[/\\])\.(git|cache|DS_Store)/.test(p) },
  );
  for (const event of ['add', 'change', 'unlink', 'addDir', 'unlinkDir'] as const) watcher.on(event, schedule);
  await new Promise<void>((resolve) => watcher.once('ready', () => resolve()));

  return {
    url,
    reloadTimes,
    async close() {
      clearTimeout(timer);
      await watcher.close();
      await running;
      await server.close();
    },
  };
}
