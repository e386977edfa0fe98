import type { SiteConfig } from '../src/validate/types.js';

/** Formats dates, numbers and reading times for one page's language and the site's time zone. */
export interface Formatter {
  locale: string;
  date(iso: string | number): string;
  dateTime(iso: string | number): string;
  number(n: number): string;
  /** The dates a list of stories (newest first) covers, as a range: "1 – 7 March 2024". */
  dateSpan(items: { date: string }[]): string;
}

const cache = new Map<string, Formatter>();

/** A formatter for `lang` (cached: Intl objects are costly to build per page). */
export function formatterFor(config: SiteConfig, lang: string): Formatter {
  const key = `${lang}|${config.timezone}`;
  const hit = cache.get(key);
  if (hit) return hit;
  const locale = config.languages.find((l) => l.code === lang)?.locale ?? lang;
  // Arabic pages use Arabic-Indic digits, as Arabic newspapers in the Levant do.
  const loc = locale.startsWith('ar') && !locale.includes('-u-nu-') ? `${locale}-u-nu-arab` : locale;
  const d = new Intl.DateTimeFormat(loc, { dateStyle: 'long', timeZone: config.timezone });
  const dt = new Intl.DateTimeFormat(loc, { dateStyle: 'long', timeStyle: 'short', timeZone: config.timezone });
  const n = new Intl.NumberFormat(loc);
  const f: Formatter = {
    locale: loc,
    date: (v) => d.format(new Date(v)),
    dateTime: (v) => dt.format(new Date(v)),
    number: (v) => n.format(v),
    dateSpan: (items) => (items.length ? d.formatRange(new Date(items[items.length - 1]!.date), new Date(items[0]!.date)) : ''),
  };
  cache.set(key, f);
  return f;
}
