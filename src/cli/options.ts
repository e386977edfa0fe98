import os from 'node:os';
import path from 'node:path';
import { UsageError } from '../errors/types.js';
import { parseIsoWithOffset } from '../util/dates.js';
import type { BuildOptions } from '../pipeline/build.js';

/** Flags shared by build, check and dev. */
export interface CommonFlags {
  root?: string;
  out?: string;
  cacheDir?: string;
  drafts?: boolean;
  now?: string;
  baseUrl?: string;
  strict?: boolean;
  threads?: string;
  against?: string;
  external?: boolean;
}

/** Parses `--now`: ISO 8601 with an offset; bad values are usage errors. */
export function parseNow(value: string | undefined): number {
  const now = value ?? process.env.DATELINE_NOW;
  if (now === undefined) return Date.now();
  const t = parseIsoWithOffset(now);
  if (t === undefined) throw new UsageError(`--now must be an ISO 8601 date with a UTC offset, such as 2025-05-05T09:00:00+03:00; received "${now}".`);
  return t;
}

/** Turns CLI flags into pipeline options. */
export function toBuildOptions(flags: CommonFlags, mode: { write: boolean; preview: boolean }): BuildOptions {
  const root = path.resolve(flags.root ?? process.cwd());
  if (flags.baseUrl !== undefined) {
    try {
      new URL(flags.baseUrl);
    } catch {
      throw new UsageError(`--base-url must be an absolute URL such as https://news.example; received "${flags.baseUrl}".`);
    }
  }
  let threads: number | undefined;
  if (flags.threads !== undefined) {
    threads = Number(flags.threads);
    if (!Number.isInteger(threads) || threads < 1) throw new UsageError(`--threads must be a whole number of at least 1; received "${flags.threads}".`);
  }
  const options: BuildOptions = {
    root,
    outDir: path.resolve(root, flags.out ?? '_site'),
    cacheDir: path.resolve(root, flags.cacheDir ?? '.cache'),
    now: parseNow(flags.now),
    drafts: flags.drafts ?? false,
    preview: mode.preview,
    strict: flags.strict ?? false,
    write: mode.write,
    threads: threads ?? Math.max(1, os.availableParallelism()),
  };
  if (flags.baseUrl) options.baseUrl = flags.baseUrl;
  if (flags.against) options.against = flags.against;
  if (flags.external) options.external = true;
  return options;
}
