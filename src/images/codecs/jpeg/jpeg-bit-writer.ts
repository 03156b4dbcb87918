/** The most bits one `put` may write: with fewer than 8 pending, they stay within 31 bits. */
export const MAX_PUT_BITS = 24;

/**
 * Writes JPEG entropy-coded data: bits MSB first, and a 0x00 stuffed after every 0xFF byte so the
 * data cannot be read as a marker (T.81 F.1.2.3). Marker segments go in as plain bytes.
 */
export class JpegBitWriter {
  private out: Uint8Array<ArrayBuffer>;
  private position = 0;
  /** The low `count` bits are not yet written, MSB first; always fewer than 8 between calls. */
  private pending = 0;
  private count = 0;

  constructor(capacity: number) {
    this.out = new Uint8Array(Math.max(capacity, 64));
  }

  /** Appends the low `length` (0-MAX_PUT_BITS) bits of `bits`, most significant first; higher bits must be 0. */
  put(bits: number, length: number): void {
    let count = this.count + length;
    let pending = (this.pending << length) | bits;
    if (count >= 8) {
      if (this.position + 8 > this.out.length) this.grow(8);
      const { out } = this;
      let { position } = this;
      do {
        count -= 8;
        const byte = (pending >>> count) & 255;
        out[position++] = byte;
        if (byte === 255) out[position++] = 0;
      } while (count >= 8);
      this.position = position;
      pending &= (1 << count) - 1;
    }
    this.pending = pending;
    this.count = count;
  }

  /** Appends whole bytes as they are (marker segments); the bits so far must fill whole bytes. */
  putBytes(bytes: Uint8Array): void {
    if (this.count !== 0) throw new Error('JPEG marker bytes must start on a byte boundary');
    if (this.position + bytes.length > this.out.length) this.grow(bytes.length);
    this.out.set(bytes, this.position);
    this.position += bytes.length;
  }

  /** Pads the last byte with 1 bits (T.81 F.1.2.3), so the entropy-coded data ends on a byte. */
  padToByte(): void {
    if (this.count > 0) this.put((1 << (8 - this.count)) - 1, 8 - this.count);
  }

  /** The bytes written; call once, after `padToByte`. */
  finish(): Buffer {
    return Buffer.from(this.out.buffer, 0, this.position);
  }

  private grow(needed: number): void {
    const grown = new Uint8Array(Math.max(this.out.length * 2, this.position + needed));
    grown.set(this.out.subarray(0, this.position));
    this.out = grown;
  }
}
