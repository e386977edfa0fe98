import * as chromeLauncher from 'chrome-launcher';
import lighthouse from 'lighthouse';
import { serveSite } from '../helpers/static-server.js';

const PAGES: Record<string, string> = {
  'article (English)': '/conflict/2017/10/hama-rebels-fight-to-retake-villages/',
  'article (Arabic)': '/ar/conflict/2017/10/hama-rebels-fight-to-retake-villages-ar/',
};

/** Lighthouse scores (mobile settings, Debian's Chromium) of the sample articles, as a Markdown section. */
export async function lighthouseScores(site: string): Promise<string> {
  const server = await serveSite(site);
  const chrome = await chromeLauncher.launch({
    chromePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    chromeFlags: ['--headless=new', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-sync'],
  });
  const rows: string[] = [];
  try {
    for (const [name, url] of Object.entries(PAGES)) {
      const result = await lighthouse(server.url + url, { port: chrome.port, output: 'json', logLevel: 'error', onlyCategories: ['performance', 'accessibility', 'best-practices', 'seo'] });
      const c = result!.lhr.categories;
      const score = (k: string) => Math.round((c[k]?.score ?? 0) * 100);
      const failing = Object.values(result!.lhr.audits).filter((a) => a.score !== null && a.score < 0.9 && a.scoreDisplayMode === 'binary').map((a) => a.id);
      rows.push(`| ${name} | ${score('performance')} | ${score('accessibility')} | ${score('best-practices')} | ${score('seo')} | ${failing.join(', ') || '—'} |`);
    }
  } finally {
    chrome.kill();
    await server.close();
  }
  return ['### Lighthouse (mobile settings, local static server)', '', '| page | performance | accessibility | best practices | SEO | failing audits |', '|---|--:|--:|--:|--:|---|', ...rows, ''].join('\n');
}
