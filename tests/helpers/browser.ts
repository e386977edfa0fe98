import { existsSync } from 'node:fs';
import path from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { makeSite, removeSite, runCli } from './project.js';
import { serveSite } from './static-server.js';

/** Debian's Chromium (or CHROMIUM_PATH), started headless with no background networking. */
export async function launchChromium(): Promise<Browser> {
  const candidates = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'].filter((p): p is string => Boolean(p));
  const executablePath = candidates.find((p) => existsSync(p));
  if (!executablePath) {
    throw new Error('The browser tests need Chromium: install Debian\'s package (`apt-get install chromium`) or set CHROMIUM_PATH to its executable.');
  }
  return chromium.launch({
    executablePath,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

/** A generated site, built, served over HTTP and open to a headless Chromium. */
export interface SiteInBrowser {
  root: string;
  url: string;
  browser: Browser;
  /** Closes the browser and the server and removes the site. */
  close(): Promise<void>;
}

/** Writes `files` as a site, builds it with `buildArgs` (a failed build throws with its messages), serves `_site/` and starts Chromium. */
export async function siteInBrowser(files: Record<string, string | Uint8Array>, buildArgs: string[]): Promise<SiteInBrowser> {
  const root = await makeSite(files);
  const out = path.join(root, '_site');
  const r = await runCli(['build', '--out', out, ...buildArgs], { cwd: root });
  if (r.code !== 0) throw new Error(`build failed (exit ${r.code}):\n${r.stderr}`);
  const site = await serveSite(out);
  const browser = await launchChromium();
  return {
    root,
    url: site.url,
    browser,
    async close() {
      await browser.close();
      await site.close();
      await removeSite(root);
    },
  };
}
