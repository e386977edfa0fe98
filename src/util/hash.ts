import { createHash } from 'node:crypto';

/** SHA-256 of bytes or text, as lower-case hex. */
export function sha256(data: string | Uint8Array): string {
  return createHash('sha256').update(data).digest('hex');
}

/** The last text hashed for each owner, with its hash. */
export type RepeatMemo<K> = { get(owner: K): { text: string; hash: string } | undefined; set(owner: K, value: { text: string; hash: string }): unknown };

/**
 * SHA-256 of a text that mostly repeats from one run to the next in one process (the preview's
 * rebuilds): the last text hashed for `owner` is compared with it rather than hashed again.
 */
export function sha256Repeated<K>(memo: RepeatMemo<K>, owner: K, text: string): string {
  const last = memo.get(owner);
  if (last?.text === text) return last.hash;
  const hash = sha256(text);
  memo.set(owner, { text, hash });
  return hash;
}
