import { describe, expect, it } from 'vitest';
import { hashSquare, SquareCache } from './square-cache.js';

const WIDTH = 32;

/** A 32x8 row of squares: 0 and 2 alike, 1 and 3 alike but for one pixel of 3. */
function rowOfSquares(): Uint32Array {
  const pixels = new Uint32Array(WIDTH * 8);
  for (let y = 0; y < 8; y++) {
    for (let x = 0; x < WIDTH; x++) pixels[y * WIDTH + x] = (0xff000000 | ((x % 16) * 4096 + y * 16)) >>> 0;
  }
  pixels[7 * WIDTH + 31] = 0xff123456;
  return pixels;
}

describe('SquareCache', () => {
  it('finds an earlier square with the same pixels, and only that', () => {
    const pixels = rowOfSquares();
    const cache = new SquareCache(4);
    cache.startRow();
    const hash0 = hashSquare(pixels, 0, WIDTH, 8);
    expect(cache.find(hash0, pixels, 0, WIDTH, 8)).toBe(-1);
    const blocks = cache.add(0, hash0);
    cache.pool[blocks] = 42;
    cache.commit(blocks + 1);
    const hash8 = hashSquare(pixels, 8, WIDTH, 8);
    cache.commit(cache.add(8, hash8) + 1);

    expect(hashSquare(pixels, 16, WIDTH, 8)).toBe(hash0);
    expect(cache.find(hash0, pixels, 16, WIDTH, 8)).toBe(blocks);
    expect(cache.pool[blocks]).toBe(42);
    // Square 3 differs from square 1 in one pixel: another hash, and no match even under hash 1.
    expect(hashSquare(pixels, 24, WIDTH, 8)).not.toBe(hash8);
    expect(cache.find(hash8, pixels, 24, WIDTH, 8)).toBe(-1);
    // The 7 rows above that pixel do match.
    expect(cache.find(hash8, pixels, 24, WIDTH, 7)).toBeGreaterThan(blocks);
  });

  it('forgets its squares when a row starts, and keeps squares added without a hash out of reach', () => {
    const pixels = rowOfSquares();
    const cache = new SquareCache(4);
    cache.startRow();
    const hash = hashSquare(pixels, 0, WIDTH, 8);
    cache.commit(cache.add(0, hash) + 1);
    cache.startRow();
    expect(cache.find(hash, pixels, 16, WIDTH, 8)).toBe(-1);
    cache.commit(cache.add(0) + 1);
    expect(cache.find(hash, pixels, 16, WIDTH, 8)).toBe(-1);
  });
});
