import { spawn } from 'node:child_process';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { cliPath } from '../helpers/project.js';

/** Save-to-reload times of `dateline dev` on a corpus, as the server reports them. */
export interface DevTimes {
  /** The first preview build (warm markdown and photo caches, no previous preview output). */
  firstBuild: number;
  /** Seconds from saving an article to the browser reload (its page shown), one per edit. */
  reloads: number[];
  /** Seconds from saving an article to the end of the rebuild (list pages, feeds, every page up to date), one per edit. */
  settled: number[];
  /** Seconds from writing a new (newest) article's bundle to the reload (the story listed on the home and section pages): the median of `adds`. */
  added: number;
  /** Each new story's time, in the order they were added. */
  adds: number[];
}

/**
 * Starts `dateline dev` in `work`, waits for the preview, then saves `file` `edits` times (a
 * changed sentence each time) and reads the server's own "save → reload" line after each.
 */
export async function devReloadTimes(work: string, file: string, now: string, edits = 3, additions = 3): Promise<DevTimes> {
  const child = spawn(process.execPath, [cliPath, 'dev', '--port', '0', '--now', now], { cwd: work, env: { ...process.env, NO_COLOR: '1' } });
  let log = '';
  const waiters: { re: RegExp; from: number; resolve: (m: RegExpExecArray) => void }[] = [];
  const check = () => {
    for (const w of [...waiters]) {
      const m = w.re.exec(log.slice(w.from));
      if (m) {
        waiters.splice(waiters.indexOf(w), 1);
        w.resolve(m);
      }
    }
  };
  child.stdout.on('data', (d) => ((log += d), check()));
  child.stderr.on('data', (d) => ((log += d), check()));
  const waitFor = (re: RegExp, from: number, ms = 600_000) =>
    new Promise<RegExpExecArray>((resolve, reject) => {
      const t = setTimeout(() => reject(new Error(`dateline dev: no ${re} within ${ms / 1000} s:\n${log.slice(-2000)}`)), ms);
      waiters.push({ re, from, resolve: (m) => (clearTimeout(t), resolve(m)) });
      check();
    });
  /** Resolves once the server has printed nothing for `ms`. */
  const quiet = async (ms: number) => {
    for (let seen = -1; seen !== log.length; ) {
      seen = log.length;
      await new Promise((r) => setTimeout(r, ms));
    }
  };
  try {
    const started = performance.now();
    await waitFor(/Preview at /, 0);
    const firstBuild = (performance.now() - started) / 1000;
    const original = await fs.readFile(file, 'utf8');
    const reloads: number[] = [];
    const settled: number[] = [];
    // The page is shown first ("save → reload"); the rebuild's own line ends each save.
    const rebuilt = /Rebuilt after .*(?:save → reload|site up to date) ([\d.]+) s/;
    for (let i = 0; i < edits; i++) {
      const from = log.length;
      await fs.writeFile(file, original.replace(/\n\n([A-Z])/, `\n\nA sentence added for reload ${i + 1}. $1`));
      const m = await waitFor(/save → reload ([\d.]+) s/, from);
      reloads.push(Number(m[1]));
      settled.push(Number((await waitFor(rebuilt, from))[1]));
    }
    await fs.writeFile(file, original);
    await waitFor(rebuilt, log.length);
    // New stories, each added, listed, then removed again before the next (one reading on this machine moves 10–30 %).
    const adds: number[] = [];
    for (let i = 0; i < additions; i++) {
      const from = log.length;
      const bundle = path.join(path.dirname(path.dirname(file)), `a-story-added-in-dev-${i + 1}`);
      await fs.mkdir(bundle, { recursive: true });
      // The newest story of the site (as a new story is), so it is listed on the home and section pages.
      await fs.writeFile(path.join(bundle, 'index.md'), original.replace(/^title: .*$/m, `title: A story added while the preview runs (${i + 1})`).replace(/^date: .*$/m, `date: 2025-12-31T1${i}:00:00+03:00`));
      adds.push(Number((await waitFor(/save → reload ([\d.]+) s/, from))[1]));
      await waitFor(rebuilt, from);
      const removed = log.length;
      await fs.rm(bundle, { recursive: true, force: true });
      await waitFor(/Rebuilt after /, removed);
      // A removal comes as two watcher events (the folder, then its file), each rebuilt: the next
      // story waits until the preview has been quiet for a while.
      await quiet(2000);
    }
    const added = [...adds].sort((a, b) => a - b)[Math.floor(adds.length / 2)]!;
    return { firstBuild, reloads, settled, added, adds };
  } finally {
    child.kill('SIGTERM');
  }
}
