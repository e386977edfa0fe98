/** Offset of `timeZone` from UTC at instant `t`, in minutes. */
function offsetMinutes(t: number, timeZone: string): number {
  const name = new Intl.DateTimeFormat('en-US', { timeZone, timeZoneName: 'longOffset' }).formatToParts(t).find((p) => p.type === 'timeZoneName')?.value ?? 'GMT';
  const m = /GMT([+-])(\d{2}):?(\d{2})?/.exec(name);
  if (!m) return 0;
  return (m[1] === '-' ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3] ?? 0));
}

/** The instant `t` as ISO 8601 in the time zone, to the second, with its UTC offset. */
export function siteIso(t: number, timeZone: string): string {
  const off = offsetMinutes(t, timeZone);
  const local = new Date(t + off * 60_000).toISOString().slice(0, 19);
  const sign = off < 0 ? '-' : '+';
  const abs = Math.abs(off);
  return `${local}${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
}

const LOCAL = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ](\d{1,2}):(\d{2})(?::(\d{2}))?(?:\.\d+)?)?\s*(Z|[+-]\d{2}:?\d{2})?$/i;

/**
 * Parses a date as sources write it: ISO 8601 or `YYYY-MM-DD HH:MM:SS`, with an offset or `Z`
 * (an instant) or without one (wall-clock time in `timeZone`); RFC 822 dates of RSS too.
 * Returns epoch ms, or undefined for an empty, zero or unreadable date.
 */
export function parseSourceDate(value: unknown, timeZone: string): number | undefined {
  // TOML dates without an offset print without `Z` (wall-clock time); JavaScript dates with it.
  if (typeof value === 'object' && value !== null && 'toISOString' in value) {
    try {
      return parseSourceDate((value as Date).toISOString(), timeZone);
    } catch {
      return undefined;
    }
  }
  if (typeof value !== 'string' && typeof value !== 'number') return undefined;
  const s = String(value).trim();
  if (!s || s.startsWith('0000-00-00')) return undefined;
  const m = LOCAL.exec(s);
  if (m) {
    const [, y, mo, d, h, mi, sec, zone] = m;
    const wall = Date.UTC(+y!, +mo! - 1, +d!, +(h ?? 0), +(mi ?? 0), +(sec ?? 0));
    if (Number.isNaN(wall)) return undefined;
    if (zone) {
      if (/^z$/i.test(zone)) return wall;
      const zm = /([+-])(\d{2}):?(\d{2})/.exec(zone)!;
      return wall - (zm[1] === '-' ? -1 : 1) * (Number(zm[2]) * 60 + Number(zm[3])) * 60_000;
    }
    // Wall-clock time in the zone: correct by the offset, twice to settle across a DST change.
    let t = wall - offsetMinutes(wall, timeZone) * 60_000;
    t = wall - offsetMinutes(t, timeZone) * 60_000;
    return t;
  }
  const t = Date.parse(s);
  return Number.isNaN(t) ? undefined : t;
}
