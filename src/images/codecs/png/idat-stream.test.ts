import zlib from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { createIdatStream, type IdatStream } from './idat-stream.js';

/** Seeded bytes, mostly zero like filtered rows. */
function createBytes(seed: number): (count: number) => number[] {
  let state = seed;
  return (count) =>
    Array.from({ length: count }, () => {
      state = (Math.imul(state, 1103515245) + 12345) >>> 0;
      return state % 3 === 0 ? state >>> 24 : 0;
    });
}

/**
 * Writes `rows` random rows (pixels, zero runs, pattern stretches and repeated rows) to the stream
 * and, independently, the bytes they stand for.
 */
function writeRows(stream: IdatStream, width: number, bytesPerPixel: 3 | 4, rows: number): Buffer {
  const next = createBytes(width * rows + bytesPerPixel);
  const expected: number[] = [];
  let previous: number[] = [];
  for (let y = 0; y < rows; y++) {
    if (y > 0 && y % 5 === 3) {
      stream.repeatRow();
      expected.push(2, ...previous.map(() => 0));
      continue;
    }
    stream.startRow();
    const row: number[] = [];
    while (row.length < width * bytesPerPixel) {
      const room = width * bytesPerPixel - row.length;
      const [r = 0, g = 0, b = 0, a = 0, kind = 0, size = 0] = next(6);
      if (kind % 3 === 0 && room >= bytesPerPixel) {
        stream.pixel(r, g, b, a);
        row.push(...[r, g, b, a].slice(0, bytesPerPixel));
      } else if (kind % 3 === 1) {
        const count = Math.min(room, size + 1);
        stream.zeros(count);
        row.push(...Array<number>(count).fill(0));
      } else {
        const pattern = Uint8Array.from(next((size % 40) + 1));
        const start = r % pattern.length;
        const count = Math.min(room, size * 7 + 1);
        stream.periodic(pattern, start, count);
        for (let k = 0; k < count; k++) row.push(pattern[(start + k) % pattern.length] ?? 0);
      }
    }
    expected.push(1, ...row);
    previous = row;
  }
  return Buffer.from(expected);
}

describe('createIdatStream', () => {
  it.each([
    [3, 1, 1],
    [3, 97, 40],
    [4, 61, 33],
    [4, 1000, 12],
  ] as const)(
    'writes a zlib stream (valid Adler-32) of the rows described, %i bytes a pixel, %ix%i',
    (bytesPerPixel, width, rows) => {
      const stream = createIdatStream(width, bytesPerPixel);
      const expected = writeRows(stream, width, bytesPerPixel, rows);
      expect(zlib.inflateSync(stream.finish()).equals(expected)).toBe(true);
    },
  );

  it('refuses a row with fewer or more bytes than the width', () => {
    const short = createIdatStream(4);
    short.startRow();
    short.pixel(1, 2, 3, 0);
    expect(() => short.startRow()).toThrow(RangeError);
    const long = createIdatStream(1, 4);
    long.startRow();
    long.zeros(5);
    expect(() => long.finish()).toThrow(RangeError);
  });
});
