import type { Command } from 'commander';
import pc from 'picocolors';
import type { BuildContext } from '../../pipeline/context.js';
import { hasBlocking } from '../../errors/diagnostics.js';
import type { Article } from '../../validate/types.js';
import { formatDiagnostics } from '../reporter.js';
import { toBuildOptions, type CommonFlags } from '../options.js';

/** One thing that will happen to the site at a given time. */
export interface ScheduledEvent {
  time: number;
  kind: 'publish' | 'expire' | 'draft';
  article: Article;
}

/** `2027-01-15 06:00 (UTC+03:00)` in the site's time zone. */
export function formatLocal(time: number, timeZone: string): string {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-CA', { timeZone, timeZoneName: 'longOffset', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' })
      .formatToParts(time)
      .map((p) => [p.type, p.value]),
  );
  return `${parts.year}-${parts.month}-${parts.day} ${parts.hour}:${parts.minute} (${(parts.timeZoneName ?? 'GMT').replace('GMT', 'UTC') || 'UTC'})`;
}

/** `2027-01-15T03:00:00Z`: the machine-readable form, without milliseconds. */
export function isoUtc(time: number): string {
  return new Date(time).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** What goes out (embargoes lifting) and comes down (`expires`) after `now`, in time order; drafts last. */
export function upcomingEvents(articles: Article[], now: number): ScheduledEvent[] {
  const events: ScheduledEvent[] = [];
  for (const a of articles) {
    if (a.draft) {
      if (a.time > now || a.expiresTime === undefined || a.expiresTime > now) events.push({ time: a.time, kind: 'draft', article: a });
      continue;
    }
    if (a.time > now) events.push({ time: a.time, kind: 'publish', article: a });
    if (a.expiresTime !== undefined && a.expiresTime > now) events.push({ time: a.expiresTime, kind: 'expire', article: a });
  }
  return events.sort((x, y) => Number(x.kind === 'draft') - Number(y.kind === 'draft') || x.time - y.time || x.article.url.localeCompare(y.article.url));
}

/** The next moment a build changes what is published, or undefined when nothing is scheduled. */
export function nextDue(events: ScheduledEvent[]): number | undefined {
  return events.find((e) => e.kind !== 'draft')?.time;
}

/** `dateline scheduled`: what will go out (and come down) when, and `next: <ISO>` for CI. */
export function registerScheduled(program: Command): void {
  program
    .command('scheduled')
    .description('list embargoed articles and expiries with their times; the last line is `next: <ISO time>` (or `next: none`)')
    .option('--root <dir>', 'project folder holding content/', '.')
    .option('--now <iso>', 'treat this moment as now (ISO 8601 with offset)')
    .action(printScheduled);
}

/** Prints the schedule (also `dateline build --list-scheduled`) and sets the exit code. */
export async function printScheduled(flags: CommonFlags): Promise<void> {
      const { loadStep, readConfigStep, validateStep } = await import('../../pipeline/steps.js');
      const options = toBuildOptions(flags, { write: false, preview: false });
      const ctx: BuildContext = { options, diagnostics: [] };
      await readConfigStep.run(ctx);
      if (ctx.raw?.source) {
        await loadStep.run(ctx);
        await validateStep.run(ctx);
      }
      const config = ctx.content?.config;
      if (ctx.diagnostics.length) process.stderr.write(formatDiagnostics(ctx.diagnostics) + '\n');
      if (!config) {
        process.exitCode = 2;
        return;
      }
      const events = upcomingEvents(ctx.content!.articles, options.now);
      const lines: string[] = [];
      const label = { publish: 'publishes', expire: 'comes down', draft: 'draft' } as const;
      if (events.length === 0) lines.push('Nothing is scheduled: every article is out, and none expires.');
      else lines.push(`Times in ${config.timezone}, then UTC:`);
      for (const e of events) {
        const when = e.kind === 'draft' ? `${'held: draft: true'.padEnd(30)}${''.padEnd(22)}` : `${formatLocal(e.time, config.timezone).padEnd(30)}${isoUtc(e.time).padEnd(22)}`;
        lines.push(`  ${when}${label[e.kind].padEnd(12)}${e.article.url}  ${pc.dim(e.article.title)}`);
      }
      const next = nextDue(events);
      lines.push(`next: ${next === undefined ? 'none' : isoUtc(next)}`);
      process.stdout.write(lines.join('\n') + '\n');
      process.exitCode = hasBlocking(ctx.diagnostics) ? 1 : 0;
}
