import { describe, expect, it } from 'vitest';
import { BitWriter } from './bit-writer.js';
import {
  assignCanonicalCodes,
  reverseBits,
  toLsbFirstCodes,
  writeCodeLengthCodeLengths,
} from './canonical-codes.js';

describe('assignCanonicalCodes', () => {
  it('reproduces the example of RFC 1951 3.2.2', () => {
    expect([...assignCanonicalCodes([3, 3, 3, 3, 3, 2, 4, 4])]).toEqual([
      0b010, 0b011, 0b100, 0b101, 0b110, 0b00, 0b1110, 0b1111,
    ]);
  });

  it('skips unused symbols', () => {
    expect([...assignCanonicalCodes([0, 1, 0, 2, 2])]).toEqual([0, 0b0, 0, 0b10, 0b11]);
  });

  it('numbers the codes of one length in the order given, as a JPEG DHT segment lists symbols', () => {
    // Two codes of length 2 and two of length 3, listed 3, 1 then 0, 2.
    const lengths = [3, 2, 3, 2];
    expect([...assignCanonicalCodes(lengths, [3, 1, 0, 2])]).toEqual([0b100, 0b01, 0b101, 0b00]);
    expect([...assignCanonicalCodes(lengths, [1, 3, 0, 2])]).toEqual([...assignCanonicalCodes(lengths)]);
  });
});

describe('toLsbFirstCodes', () => {
  it('reverses each code for LSB-first writing and keeps the lengths', () => {
    const { bits, counts } = toLsbFirstCodes([3, 3, 3, 3, 3, 2, 4, 4]);
    expect([...counts]).toEqual([3, 3, 3, 3, 3, 2, 4, 4]);
    expect([...bits]).toEqual([0b010, 0b110, 0b001, 0b101, 0b011, 0b00, 0b0111, 0b1111]);
    expect(reverseBits(0b1101, 4)).toBe(0b1011);
    expect(reverseBits(0, 0)).toBe(0);
  });
});

/** Reads `count` bits LSB first from `bytes` at bit `position`. */
function readBits(bytes: Uint8Array, position: number, count: number): number {
  let value = 0;
  for (let i = 0; i < count; i++)
    value |= (((bytes[(position + i) >> 3] ?? 0) >> ((position + i) & 7)) & 1) << i;
  return value;
}

describe('writeCodeLengthCodeLengths', () => {
  it('writes the count minus 4, then 3 bits a length in order, without the zeros at the end', () => {
    const order = [2, 0, 1, 3, 4, 5];
    const read = (lengths: number[]): number[] => {
      const writer = new BitWriter(16);
      writeCodeLengthCodeLengths(writer, lengths, order);
      const bytes = writer.finish();
      const sent = readBits(bytes, 0, 4) + 4;
      expect(bytes.length).toBe(Math.ceil((4 + 3 * sent) / 8));
      return Array.from({ length: sent }, (_, i) => readBits(bytes, 4 + 3 * i, 3));
    };
    // In order 2, 0, 1, 3, 4, 5 the lengths are 1, 2, 3, 0, 4, 0: the last zero is dropped.
    expect(read([2, 3, 1, 0, 4, 0])).toEqual([1, 2, 3, 0, 4]);
    // Never fewer than 4.
    expect(read([0, 0, 1, 0, 0, 0])).toEqual([1, 0, 0, 0]);
  });
});
