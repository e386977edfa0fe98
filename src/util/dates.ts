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

/** True when the string looks like a date but lacks the UTC offset. */
export function lacksOffset(value: string): boolean {
  return /^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?)?$/.test(value.trim());
}
