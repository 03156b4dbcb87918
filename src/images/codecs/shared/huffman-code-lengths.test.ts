import { describe, expect, it } from 'vitest';
import { buildCodeLengths } from './huffman-code-lengths.js';

const kraftSum = (lengths: ArrayLike<number>): number =>
  Array.from(lengths).reduce((sum, length) => sum + (length > 0 ? 2 ** -length : 0), 0);

const totalBits = (counts: readonly number[], lengths: Uint8Array): number =>
  counts.reduce((sum, count, symbol) => sum + count * (lengths[symbol] ?? 0), 0);

/** Seeded counts with a wide spread (a few huge, many tiny), like pixel statistics. */
function skewedCounts(size: number, seed: number): number[] {
  let state = seed;
  return Array.from({ length: size }, () => {
    state = (Math.imul(state, 1103515245) + 12345) >>> 0;
    const r = state / 2 ** 32;
    return r < 0.3 ? 0 : Math.floor(2 ** (r * 20));
  });
}

describe('buildCodeLengths', () => {
  it('matches Huffman lengths when the limit does not bind', () => {
    // Huffman for 1, 1, 2, 4, 8: lengths 4, 4, 3, 2, 1 (total 1*4 + 1*4 + 2*3 + 4*2 + 8*1 = 30 bits).
    const lengths = buildCodeLengths([1, 1, 2, 4, 8], 15);
    expect([...lengths]).toEqual([4, 4, 3, 2, 1]);
  });

  it('respects the length limit with a complete code, at a small cost', () => {
    const counts = [1, 1, 2, 4, 8, 16, 32, 64, 128, 256];
    const unlimited = buildCodeLengths(counts, 15);
    const limited = buildCodeLengths(counts, 5);
    expect(Math.max(...unlimited)).toBe(9);
    expect(Math.max(...limited)).toBe(5);
    expect(kraftSum(limited)).toBe(1);
    expect(totalBits(counts, limited)).toBeGreaterThan(totalBits(counts, unlimited));
  });

  it.each([
    [280, 15, 1],
    [256, 15, 2],
    [40, 15, 3],
    [19, 7, 4],
  ])('gives %i skewed symbols a complete code of at most %i bits (seed %i)', (size, maxLength, seed) => {
    const counts = skewedCounts(size, seed);
    const lengths = buildCodeLengths(counts, maxLength);
    expect(kraftSum(lengths)).toBe(1);
    counts.forEach((count, symbol) => {
      const length = lengths[symbol] ?? 0;
      if (count === 0) expect(length).toBe(0);
      else expect(length >= 1 && length <= maxLength).toBe(true);
    });
    expect([...buildCodeLengths(counts, maxLength)]).toEqual([...lengths]);
  });

  it('gives no lengths to an empty histogram and length 1 to a single symbol', () => {
    expect([...buildCodeLengths([0, 0, 0], 15)]).toEqual([0, 0, 0]);
    expect([...buildCodeLengths([0, 7, 0], 15)]).toEqual([0, 1, 0]);
    expect([...buildCodeLengths([0, 7, 9], 15)]).toEqual([0, 1, 1]);
  });

  it('uses all 2^limit codes when it must, and refuses more symbols than that', () => {
    expect([...buildCodeLengths([1, 1, 1, 1], 2)]).toEqual([2, 2, 2, 2]);
    expect(() => buildCodeLengths([1, 1, 1, 1, 1], 2)).toThrow(RangeError);
  });
});
