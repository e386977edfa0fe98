const ISO_WITH_OFFSET = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/;

/** Parses ISO 8601 with a UTC offset; returns epoch ms, or undefined when it is not such a date. */
export function parseIsoWithOffset(value: string): number | undefined {
  const m = ISO_WITH_OFFSET.exec(value.trim());
  if (!m) return undefined;
  const [, y, mo, d, h, mi, s] = m;
  if (+mo! < 1 || +mo! > 12 || +d! < 1 || +d! > 31 || +h! > 23 || +mi! > 59 || +(s ?? 0) > 59) return undefined;
  const t = Date.parse(value.trim());
  if (Number.isNaN(t)) return undefined;
  // Date.parse rolls 2025-02-30 over to March; reject dates that do not exist.
  const check = new Date(Date.UTC(+y!, +mo! - 1, +d!));
  if (check.getUTCDate() !== +d!) return undefined;
  return t;
}

const LOCAL = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?)?$/;

/** Minutes east of UTC of `timeZone` at the instant `time`. */
function zoneOffsetMinutes(time: number, timeZone: string): number {
  const name = new Intl.DateTimeFormat('en', { timeZone, timeZoneName: 'longOffset' }).formatToParts(time).find((p) => p.type === 'timeZoneName')?.value ?? 'GMT';
  const m = /GMT([+-])(\d{2}):(\d{2})/.exec(name);
  return m ? (m[1] === '-' ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3])) : 0;
}

/**
 * Reads a date written without a UTC offset (`2025-05-05T09:00`, `2025-05-05 09:00:00`, or only
 * a day, `2025-05-05`, taken as midnight) as local time in `timeZone`. Returns the instant and
 * the same moment written with its offset (`2025-05-05T09:00:00+03:00`), or undefined when the
 * text is not such a date or names a day that does not exist.
 */
export function parseInZone(value: string, timeZone: string): { time: number; iso: string } | undefined {
  const m = LOCAL.exec(value.trim());
  if (!m) return undefined;
  const [y, mo, d, h = 0, mi = 0, s = 0] = m.slice(1).map((x) => (x === undefined ? undefined : Number(x))) as number[];
  if (mo! < 1 || mo! > 12 || d! < 1 || h > 23 || mi > 59 || s > 59) return undefined;
  const local = Date.UTC(y!, mo! - 1, d!, h, mi, s);
  if (new Date(local).getUTCDate() !== d) return undefined;
  // The offset at the guessed instant, checked once more at the result (a DST change in between).
  let offset = zoneOffsetMinutes(local, timeZone);
  const again = zoneOffsetMinutes(local - offset * 60_000, timeZone);
  if (again !== offset) offset = again;
  const pad = (n: number) => String(n).padStart(2, '0');
  const sign = offset < 0 ? '-' : '+';
  const abs = Math.abs(offset);
  const iso = `${m[1]}-${m[2]}-${m[3]}T${pad(h)}:${pad(mi)}:${pad(s)}${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
  return { time: local - offset * 60_000, iso };
}
