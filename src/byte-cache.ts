/**
 * A least-recently-used map of byte buffers, bounded in bytes rather than entries (one 1792x1024 PNG can
 * weigh as much as a hundred small ones): the rendered-image cache, and the uploads and edit outputs the
 * journal and edit URLs serve. An entry larger than the whole budget is not kept at all.
 */
export class ByteCache {
  readonly #maxBytes: number;
  readonly #entries = new Map<string, Buffer>();
  #bytes = 0;

  constructor(maxBytes: number) {
    this.#maxBytes = maxBytes;
  }

  /** The bytes under `key`, now the most recently used, or undefined when never kept or evicted since. */
  get(key: string): Buffer | undefined {
    const hit = this.#entries.get(key);
    if (hit === undefined) return undefined;
    this.#entries.delete(key);
    this.#entries.set(key, hit);
    return hit;
  }

  /** Keeps `bytes` under `key` (replacing what was there), evicting the least recently used past the budget. */
  set(key: string, bytes: Buffer): void {
    const previous = this.#entries.get(key);
    if (previous !== undefined) {
      this.#entries.delete(key);
      this.#bytes -= previous.length;
    }
    if (bytes.length > this.#maxBytes) return;
    this.#entries.set(key, bytes);
    this.#bytes += bytes.length;
    for (const [oldest, value] of this.#entries) {
      if (this.#bytes <= this.#maxBytes) break;
      this.#entries.delete(oldest);
      this.#bytes -= value.length;
    }
  }

  get size(): { entries: number; bytes: number } {
    return { entries: this.#entries.size, bytes: this.#bytes };
  }
}
