/** How long a deferred save waits for the preview to be idle. */
const SAVE_DELAY_MS = 1000;

/**
 * Saves put off until the preview is idle: a store asks for one (`request`) after each rebuild,
 * and it is written a second after the last request, never while a build holds the saves
 * (`hold`/`release`). A run of saves in the preview writes the store once, between rebuilds,
 * after the pages are served. The store is a cache: a process that ends before the write only
 * makes the next start read the changed files again.
 */
export class DeferredSaves<K> {
  private readonly pending = new Map<K, { timer?: NodeJS.Timeout; flush: () => Promise<void> }>();
  /** Builds running that asked for pending writes to wait. */
  private held = 0;

  /** Asks for `save` of `key` a second after the last request, once no build holds the saves. */
  request(key: K, save: () => Promise<void>): void {
    const known = this.pending.get(key);
    if (known?.timer) clearTimeout(known.timer);
    const flush = () => {
      const entry = this.pending.get(key);
      if (entry?.timer) clearTimeout(entry.timer);
      this.pending.delete(key);
      return save();
    };
    this.pending.set(key, { flush });
    if (this.held === 0) this.arm(key);
  }

  private arm(key: K): void {
    const entry = this.pending.get(key);
    if (!entry) return;
    if (entry.timer) clearTimeout(entry.timer);
    entry.timer = setTimeout(() => void entry.flush(), SAVE_DELAY_MS);
    entry.timer.unref();
  }

  /** A build starts: pending writes wait until it ends (`release`). */
  hold(): void {
    this.held++;
    for (const entry of this.pending.values()) if (entry.timer) clearTimeout(entry.timer);
  }

  /** A build ended: pending writes are due a second after the last one ends. */
  release(): void {
    this.held = Math.max(0, this.held - 1);
    if (this.held === 0) for (const key of this.pending.keys()) this.arm(key);
  }

  /** Runs every pending save now (the preview on its way out). */
  async flushAll(): Promise<void> {
    await Promise.all([...this.pending.values()].map((p) => p.flush()));
  }
}
