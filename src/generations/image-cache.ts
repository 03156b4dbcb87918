/**
 * A least-recently-used cache of rendered images, bounded in bytes rather than entries, since one
 * 1792x1024 PNG can weigh as much as a hundred small ones.
 */
export class ImageCache {
  readonly #maxBytes: number;
  readonly #entries = new Map<string, Buffer>();
  #bytes = 0;

  constructor(maxBytes: number) {
    this.#maxBytes = maxBytes;
  }

  /** The cached bytes for `key`, now the most recently used, or undefined. */
  get(key: string): Buffer | undefined {
    const hit = this.#entries.get(key);
    if (hit) {
      this.#entries.delete(key);
      this.#entries.set(key, hit);
    }
    return hit;
  }

  /** Keeps `value` under `key`, evicting the least recently used; a value larger than the budget is not kept. */
  set(key: string, value: Buffer): void {
    if (value.length > this.#maxBytes) return;
    const previous = this.#entries.get(key);
    if (previous) {
      this.#entries.delete(key);
      this.#bytes -= previous.length;
    }
    this.#entries.set(key, value);
    this.#bytes += value.length;
    this.#evict();
  }

  get size(): { entries: number; bytes: number } {
    return { entries: this.#entries.size, bytes: this.#bytes };
  }

  #evict(): void {
    for (const [key, value] of this.#entries) {
      if (this.#bytes <= this.#maxBytes) return;
      this.#entries.delete(key);
      this.#bytes -= value.length;
    }
  }
}
