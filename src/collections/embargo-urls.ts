import path from 'node:path';
import { promises as fs } from 'node:fs';
import { diagnose } from '../errors/diagnostics.js';
import type { Diagnostic } from '../errors/types.js';
import { writeAtomic } from '../util/fs.js';
import type { Article } from '../validate/types.js';

/** The record of each embargoed story's first URL, in the cache folder (never published: it names held stories). */
export const EMBARGO_RECORD = 'embargo-urls.json';

type Record_ = Record<string, { url: string }>;

/** What identifies a story across edits of its date: its `id`, else its language and slug. */
const keyOf = (a: Article) => a.id ?? `${a.lang}/${a.slug}`;
const month = (url: string) => /\/(\d{4})\/(\d{2})\//.exec(url)?.slice(1).join('-');

/**
 * Compares each embargoed story's URL with the first one recorded for it: a `date` moved to
 * another month moves the URL, and links shared before the embargo lifts would break.
 * Records new embargoes, forgets stories that are out; returns a warning per moved URL.
 */
export async function checkEmbargoUrls(cacheDir: string, embargoed: Article[]): Promise<Diagnostic[]> {
  const file = path.join(cacheDir, EMBARGO_RECORD);
  const before = (await fs
    .readFile(file, 'utf8')
    .then((t) => JSON.parse(t) as Record_)
    .catch(() => ({}))) as Record_;
  const after: Record_ = {};
  const diagnostics: Diagnostic[] = [];
  for (const a of embargoed) {
    const first = before[keyOf(a)]?.url ?? a.url;
    after[keyOf(a)] = { url: first };
    if (first === a.url || a.redirectFrom.includes(first)) continue;
    const from = month(first);
    const to = month(a.url);
    const why = from && to && from !== to ? ` because its \`date\` moved from ${from} to ${to}` : '';
    diagnostics.push(
      diagnose('schedule:embargo-url-changed', a.file, `This embargoed story's URL changed from ${first} to ${a.url}${why}; links to the old URL shared before the embargo lifts would find nothing.`, {
        position: { line: 1, column: 1 },
        hint: `Add \`redirectFrom: [${[...a.redirectFrom, first].join(', ')}]\` so they keep working${why ? `, or keep the date in ${from}` : ''}.`,
      }),
    );
  }
  if (JSON.stringify(after) !== JSON.stringify(before)) {
    await fs.mkdir(cacheDir, { recursive: true }).catch(() => undefined);
    await writeAtomic(file, JSON.stringify(after, null, 1)).catch(() => undefined);
  }
  return diagnostics;
}
