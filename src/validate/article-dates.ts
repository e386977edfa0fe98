import { diagnose } from '../errors/diagnostics.js';
import type { Diagnostic } from '../errors/types.js';
import { parseInZone, parseIsoWithOffset } from '../util/dates.js';
import type { YamlSource } from '../util/yaml-source.js';
import { describeValue } from './zod-issues.js';

/** A date field as read: its instant and its ISO 8601 text with an offset. */
export interface ReadDate {
  time: number;
  iso: string;
}

/**
 * Reads one date field. ISO 8601 with an offset is taken as written; without one
 * (`2025-05-05T09:00`, `2025-05-05`) it is read in the site's time zone. Anything else is a
 * positioned `front-matter:invalid-date` error.
 */
export function readDate(value: unknown, name: string, at: (string | number)[], file: string, fm: YamlSource, timeZone: string, out: Diagnostic[]): ReadDate | undefined {
  const written = typeof value === 'string' ? value.trim() : value instanceof Date ? value.toISOString() : undefined;
  if (written !== undefined) {
    const time = parseIsoWithOffset(written);
    if (time !== undefined) return { time, iso: written };
    const local = parseInZone(written, timeZone);
    if (local) return local;
  }
  const field = name.split(/[.[]/)[0] === 'corrections' ? 'date' : name;
  out.push(
    diagnose('front-matter:invalid-date', file, `\`${name}\` must be an ISO 8601 date such as 2025-05-05T09:00:00+03:00 or 2025-05-05, received ${describeValue(value)}.`, {
      position: fm.positionOf(at),
      hint: `Write it as \`${field}: 2025-05-05T09:00:00+03:00\`; a date or time without an offset is read in site.yaml's timezone (${timeZone}).`,
    }),
  );
  return undefined;
}

/** `expires` must come after `date`: a story cannot be taken down before it is published. */
export function checkExpires(date: ReadDate | undefined, expires: ReadDate | undefined, file: string, fm: YamlSource, out: Diagnostic[]): void {
  if (!date || !expires || expires.time > date.time) return;
  out.push(
    diagnose('front-matter:expires-before-date', file, `\`expires\` (${expires.iso}) is not after \`date\` (${date.iso}), so the story would be taken down before it is published.`, {
      position: fm.positionOf(['expires']),
    }),
  );
}
