import type { BitWriter } from './bit-writer.js';

/**
 * Canonical prefix (Huffman) codes, as deflate (RFC 1951 3.2.2), WebP lossless (RFC 9649 3.7.2)
 * and JPEG (T.81 Annex C) define them: a code is fixed by its length per symbol, the codes of
 * one length being consecutive and each length starting at the codes of the one before, plus
 * their count, doubled.
 */

/**
 * The code of each symbol (MSB first) for the given code lengths; 0 for unused symbols (length 0).
 * Within a length, codes follow `order`: the symbols by value (deflate, WebP), unless given,
 * or the order a JPEG DHT segment lists them in, which must be by length.
 */
export function assignCanonicalCodes(lengths: ArrayLike<number>, order?: ArrayLike<number>): Uint32Array {
  let maxLength = 0;
  for (let symbol = 0; symbol < lengths.length; symbol++)
    maxLength = Math.max(maxLength, lengths[symbol] ?? 0);
  const lengthCounts = new Uint32Array(maxLength + 1);
  for (let symbol = 0; symbol < lengths.length; symbol++) {
    const length = lengths[symbol] ?? 0;
    if (length > 0) lengthCounts[length] = (lengthCounts[length] ?? 0) + 1;
  }
  const nextCode = new Uint32Array(maxLength + 1);
  let code = 0;
  for (let length = 1; length <= maxLength; length++) {
    code = (code + (lengthCounts[length - 1] ?? 0)) << 1;
    nextCode[length] = code;
  }
  const codes = new Uint32Array(lengths.length);
  const count = order?.length ?? lengths.length;
  for (let i = 0; i < count; i++) {
    const symbol = order === undefined ? i : (order[i] ?? 0);
    const length = lengths[symbol] ?? 0;
    if (length === 0) continue;
    codes[symbol] = nextCode[length] ?? 0;
    nextCode[length] = (nextCode[length] ?? 0) + 1;
  }
  return codes;
}

/** Codes ready for a BitWriter, which packs bits LSB first: per symbol, the bits and their count. */
export interface LsbFirstCodes {
  /** The canonical code with its bits reversed (Huffman codes are defined MSB first). */
  readonly bits: Uint32Array;
  /** The code length; 0 for unused symbols. */
  readonly counts: Uint8Array;
}

/** The canonical codes of `lengths`, bit-reversed for LSB-first writing (deflate, WebP lossless). */
export function toLsbFirstCodes(lengths: ArrayLike<number>): LsbFirstCodes {
  const codes = assignCanonicalCodes(lengths);
  const bits = new Uint32Array(lengths.length);
  const counts = Uint8Array.from(lengths);
  for (let symbol = 0; symbol < lengths.length; symbol++) {
    bits[symbol] = reverseBits(codes[symbol] ?? 0, counts[symbol] ?? 0);
  }
  return { bits, counts };
}

/** The low `count` bits of `code` in reverse order. */
export function reverseBits(code: number, count: number): number {
  let reversed = 0;
  for (let i = 0; i < count; i++) reversed |= ((code >> i) & 1) << (count - 1 - i);
  return reversed;
}

/**
 * Writes the lengths (3 bits each) of a code-length code, the code that deflate block headers and
 * WebP lossless prefix codes send their code lengths with: how many follow minus 4 (4 bits, the
 * HCLEN of deflate), then the lengths in the format's `order`, dropping the zeros at its end but
 * keeping at least 4.
 */
export function writeCodeLengthCodeLengths(
  writer: BitWriter,
  lengths: ArrayLike<number>,
  order: readonly number[],
): void {
  let sent = order.length;
  while (sent > 4 && (lengths[order[sent - 1] ?? 0] ?? 0) === 0) sent--;
  writer.put(sent - 4, 4);
  for (let i = 0; i < sent; i++) writer.put(lengths[order[i] ?? 0] ?? 0, 3);
}
