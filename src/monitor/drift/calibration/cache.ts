/** A small least-recently-used map: null distributions kept per reference column and window size. */

/** Keeps at most `limit` entries; the least recently read or written goes first. */
export class LruCache<V> {
  readonly #map = new Map<string, V>();

  constructor(readonly limit: number) {}

  /** The value for `key`, computed by `make` (and kept) when absent. */
  getOrMake(key: string, make: () => V): V {
    const hit = this.#map.get(key);
    if (hit !== undefined) {
      // Re-insert: a Map iterates in insertion order, so the first key is the least recently used.
      this.#map.delete(key);
      this.#map.set(key, hit);
      return hit;
    }
    const value = make();
    this.#map.set(key, value);
    if (this.#map.size > this.limit) this.#map.delete(this.#map.keys().next().value as string);
    return value;
  }

  /** Entries held (for tests). */
  get size(): number {
    return this.#map.size;
  }
}
