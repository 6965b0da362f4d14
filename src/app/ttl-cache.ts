/**
 * Values kept for `ttlMs` per key, as promises so that concurrent readers share one load; a failed
 * load is forgotten at once. For reads that every command makes (policies, settings).
 */
export class TtlCache<T> {
  readonly #ttlMs: number;
  readonly #now: () => number;
  readonly #entries = new Map<string, { at: number; value: Promise<T> }>();

  constructor(ttlMs: number, now: () => number = Date.now) {
    this.#ttlMs = ttlMs;
    this.#now = now;
  }

  get(key: string, load: () => Promise<T>): Promise<T> {
    const hit = this.#entries.get(key);
    if (hit !== undefined && this.#now() - hit.at < this.#ttlMs) return hit.value;
    const value = load();
    this.#entries.set(key, { at: this.#now(), value });
    value.catch(() => this.#entries.delete(key));
    return value;
  }

  set(key: string, value: T): void {
    this.#entries.set(key, { at: this.#now(), value: Promise.resolve(value) });
  }

  delete(key: string): void {
    this.#entries.delete(key);
  }

  clear(): void {
    this.#entries.clear();
  }
}
