import { describe, expect, it } from 'vitest';
import { JpegBitWriter, MAX_PUT_BITS } from './jpeg-bit-writer.js';

/** The bytes of a writer after `write`, padded to a byte. */
function bytesOf(write: (writer: JpegBitWriter) => void, capacity = 64): number[] {
  const writer = new JpegBitWriter(capacity);
  write(writer);
  writer.padToByte();
  return [...writer.finish()];
}

describe('JpegBitWriter', () => {
  it('packs bits most significant first', () => {
    expect(bytesOf((w) => [w.put(0b101, 3), w.put(0b10011, 5), w.put(0x3c, 8)])).toEqual([0b10110011, 0x3c]);
    expect(bytesOf((w) => w.put(0xabcdef, MAX_PUT_BITS))).toEqual([0xab, 0xcd, 0xef]);
    expect(bytesOf((w) => [w.put(0, 0), w.put(1, 1), w.put(0xabcdef, 24)])).toEqual([
      0xd5, 0xe6, 0xf7, 0xff, 0,
    ]);
  });

  it('stuffs a 0 after every 0xFF byte, however the bits fall', () => {
    expect(bytesOf((w) => w.put(0xff, 8))).toEqual([0xff, 0]);
    expect(bytesOf((w) => w.put(0xffff, 16))).toEqual([0xff, 0, 0xff, 0]);
    expect(bytesOf((w) => [w.put(0b1111, 4), w.put(0b1111_0000, 8), w.put(0, 4)])).toEqual([0xff, 0, 0]);
  });

  it('pads the last byte with 1 bits, stuffing it if it becomes 0xFF', () => {
    expect(bytesOf((w) => w.put(0, 1))).toEqual([0x7f]);
    expect(bytesOf((w) => w.put(0b1111, 4))).toEqual([0xff, 0]);
    expect(bytesOf((w) => w.put(0x12, 8))).toEqual([0x12]);
  });

  it('writes marker bytes unstuffed, only on a byte boundary', () => {
    expect(bytesOf((w) => [w.put(0xab, 8), w.putBytes(Uint8Array.of(0xff, 0xd9))])).toEqual([
      0xab, 0xff, 0xd9,
    ]);
    const writer = new JpegBitWriter(64);
    writer.put(1, 1);
    expect(() => writer.putBytes(Uint8Array.of(0xff))).toThrow(/byte boundary/);
  });

  it('grows past its first capacity', () => {
    const values = Array.from({ length: 5000 }, (_, i) => i);
    const bytes = bytesOf((w) => {
      w.putBytes(new Uint8Array(100).fill(7));
      for (const value of values) w.put(value, 16);
    }, 1);
    const expected = values.flatMap((value) => [
      value >> 8,
      ...((value & 255) === 255 ? [255, 0] : [value & 255]),
    ]);
    expect(bytes).toEqual([...Array<number>(100).fill(7), ...expected]);
  });
});
