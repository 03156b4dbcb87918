/** The most bits one `put` may write; every deflate code plus its extra bits fits. */
export const MAX_PUT_BITS = 25;

/** Bits already written to a stream: whole bytes, then fewer than 8 pending bits. */
export interface BitPrefix {
  readonly bytes: Uint8Array;
  readonly pending: number;
  readonly pendingCount: number;
}

/**
 * Packs bits LSB first into a 32-bit accumulator and stores whole 32-bit words, so the buffer
 * bounds are checked once per word rather than once per code.
 */
export class BitWriter {
  private out: Uint8Array<ArrayBuffer>;
  private position: number;
  /** Bits not yet stored, LSB first; always fewer than 32. */
  private pending: number;
  private pendingCount: number;

  constructor(capacity: number, prefix?: BitPrefix) {
    this.out = new Uint8Array(Math.max(capacity, (prefix?.bytes.length ?? 0) + 8));
    if (prefix !== undefined) this.out.set(prefix.bytes);
    this.position = prefix?.bytes.length ?? 0;
    this.pending = prefix?.pending ?? 0;
    this.pendingCount = prefix?.pendingCount ?? 0;
  }

  /** Appends the low `count` (<= MAX_PUT_BITS) bits of `bits`, LSB first; higher bits must be 0. */
  put(bits: number, count: number): void {
    const used = this.pendingCount;
    const total = used + count;
    if (total < 32) {
      this.pending |= bits << used;
      this.pendingCount = total;
      return;
    }
    // total >= 32 with count <= 25 means used >= 7, so the shift below is in 7..25.
    this.storeWord(this.pending | (bits << used));
    this.pending = bits >>> (32 - used);
    this.pendingCount = total - 32;
  }

  /** The bits written so far (fewer than 8 left pending), to start another writer with. */
  snapshot(): BitPrefix {
    const bytes = new Uint8Array(this.position + 4);
    bytes.set(this.out.subarray(0, this.position));
    let { pending, pendingCount } = this;
    let length = this.position;
    for (; pendingCount >= 8; pendingCount -= 8, pending >>>= 8) bytes[length++] = pending & 255;
    return { bytes: bytes.slice(0, length), pending, pendingCount };
  }

  /** Pads to a whole byte and returns the bytes. */
  finish(): Buffer {
    let { pending, pendingCount } = this;
    for (; pendingCount > 0; pendingCount -= 8, pending >>>= 8) this.storeByte(pending & 255);
    this.pending = 0;
    this.pendingCount = 0;
    return Buffer.from(this.out.buffer, this.out.byteOffset, this.position);
  }

  private storeWord(word: number): void {
    if (this.position + 4 > this.out.length) this.grow();
    const { out, position } = this;
    out[position] = word & 255;
    out[position + 1] = (word >>> 8) & 255;
    out[position + 2] = (word >>> 16) & 255;
    out[position + 3] = word >>> 24;
    this.position = position + 4;
  }

  private storeByte(value: number): void {
    if (this.position + 1 > this.out.length) this.grow();
    this.out[this.position++] = value;
  }

  private grow(): void {
    const grown = new Uint8Array(this.out.length * 2);
    grown.set(this.out);
    this.out = grown;
  }
}
