import type { ImportNote } from './types.js';

const n = (x: number): string => x.toLocaleString('en-US');
const plural = (x: number, one: string, many = one + 's'): string => `${n(x)} ${x === 1 ? one : many}`;

/** How many skipped stories the summary line names; the rest are in the report lines. */
const SUMMARY_NAMED = 5;

/** What an import did, for the report and the summary line. */
export class ImportReport {
  /** `ref  skipped: reason  rule-id` lines, in source order. */
  readonly skippedLines: string[] = [];
  /** `path  reason  rule-id` lines of imported stories. */
  readonly lines: string[] = [];
  stories = 0;
  storiesWithWarnings = 0;
  pages = 0;
  authors = 0;
  sections: string[] = [];
  readonly counter = { photos: 0 };
  /** Stories already imported by an earlier run (their bundle exists). */
  existing = 0;
  readonly skipped: { ref: string; reason: string }[] = [];

  /** Records a story (or page) written with its notes. */
  story(file: string, notes: ImportNote[], kind: 'article' | 'page'): void {
    if (kind === 'article') this.stories++;
    else this.pages++;
    const unique = [...new Map(notes.map((x) => [`${x.reason}|${x.ruleId}`, x])).values()];
    if (unique.length && kind === 'article') this.storiesWithWarnings++;
    for (const note of unique) this.lines.push(`${file}  ${note.reason}  ${note.ruleId}`);
  }

  /** Records a story that was not imported, and why. */
  skip(ref: string, note: ImportNote): void {
    this.skipped.push({ ref, reason: note.reason });
    this.skippedLines.push(`${ref}  skipped: ${note.reason}  ${note.ruleId}`);
  }

  /** `Imported 2,789 stories (2,701 clean, 88 with warnings), 14 pages, 31 authors, 6 sections; 1,202 photos; 3 stories skipped: …`. */
  summary(dryRun: boolean): string {
    const clean = this.stories - this.storiesWithWarnings;
    let line = `${dryRun ? 'Would import' : 'Imported'} ${plural(this.stories, 'story', 'stories')} (${n(clean)} clean, ${n(this.storiesWithWarnings)} with warnings), ${plural(this.pages, 'page')}, ${plural(this.authors, 'author')}, ${plural(this.sections.length, 'section')}; ${plural(this.counter.photos, 'photo')}`;
    if (this.existing) line += `; ${n(this.existing)} already imported (left as they are)`;
    if (this.skipped.length) {
      // Every skipped story has its own line above; the summary names the first few.
      const named = this.skipped.slice(0, SUMMARY_NAMED).map((s) => `${s.ref} (${s.reason})`);
      const more = this.skipped.length - named.length;
      line += `; ${plural(this.skipped.length, 'story', 'stories')} skipped: ${named.join('; ')}${more ? `; and ${more} more (listed above)` : ''}`;
    }
    return line + '.';
  }

  /** The whole report: one line per story that needs attention, then the summary. */
  text(dryRun: boolean): string {
    // Stories are converted in parallel: sort by path (stable, so one story's lines keep their order).
    const stories = [...this.lines].sort((a, b) => (a.split('  ')[0]! < b.split('  ')[0]! ? -1 : a.split('  ')[0]! > b.split('  ')[0]! ? 1 : 0));
    return [...this.skippedLines, ...stories, '', this.summary(dryRun)].join('\n').replace(/^\n/, '') + '\n';
  }
}
