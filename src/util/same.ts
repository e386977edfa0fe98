/**
 * Keeping the previous object while it is the same: a long-lived process (the preview) remembers
 * what it derived from an object (article views, page keys) by identity, so an input rebuilt equal
 * to the last one is replaced by the last one.
 */

/** True when both lists hold the same items (by identity) in the same order. */
export function sameItems<T>(a: readonly T[], b: readonly T[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

/** What `keepEqual` remembers: the last value under each key and its JSON. */
export type EqualMemo<K, V> = Map<K, { json: string; value: V }>;

/** The value last given under `key` when its JSON is the same as `value`'s, else `value` (remembered). */
export function keepEqual<K, V>(memo: EqualMemo<K, V>, key: K, value: V): V {
  const json = JSON.stringify(value);
  const before = memo.get(key);
  if (before?.json === json) return before.value;
  memo.set(key, { json, value });
  return value;
}
