import { describe, expect, it } from 'vitest';
import {
  countExtraBits,
  findBackwardRefs,
  MAX_COPY_LENGTH,
  readExtraBits,
  toDistanceCode,
  toPrefix,
} from './backward-refs.js';

/** The spec's decoding of a length or distance value from its prefix code and extra bits (RFC 9649 5.2.2). */
function decodePrefix(prefix: number, extra: number): number {
  if (prefix < 4) return prefix + 1;
  const extraBits = (prefix - 2) >> 1;
  const offset = (2 + (prefix & 1)) << extraBits;
  return offset + extra + 1;
}

/** The spec's distance map for the codes we use: (dx, dy) -> dx + dy * width, at least 1. */
function decodeDistance(code: number, width: number): number {
  const plane: Record<number, [number, number]> = {
    1: [0, 1],
    2: [1, 0],
    3: [1, 1],
    4: [-1, 1],
    9: [2, 1],
    10: [-2, 1],
  };
  const offset = plane[code];
  if (offset === undefined) {
    expect(code).toBeGreaterThan(120);
    return code - 120;
  }
  return Math.max(1, offset[0] + offset[1] * width);
}

/** Replays the tokens as a decoder would. */
function replay(refs: ReturnType<typeof findBackwardRefs>, width: number, total: number): Uint32Array {
  const out = new Uint32Array(total);
  let at = 0;
  for (let t = 0; t < refs.count; t++) {
    const length = refs.lengths[t] ?? 0;
    const value = refs.values[t] ?? 0;
    if (length === 0) {
      out[at++] = value;
      continue;
    }
    const back = decodeDistance(value, width);
    expect(back).toBeLessThanOrEqual(at);
    for (let k = 0; k < length; k++, at++) out[at] = out[at - back] ?? 0;
  }
  expect(at).toBe(total);
  return out;
}

describe('LZ77 prefix coding', () => {
  it('round-trips every length 1..4096 and distances up to 2^20 through prefix code and extra bits', () => {
    const values = [
      ...Array.from({ length: MAX_COPY_LENGTH }, (_, i) => i + 1),
      5000,
      65_536,
      786_432,
      786_433,
      1 << 20,
    ];
    const wrong = values.filter((value) => {
      const prefix = toPrefix(value);
      const extra = readExtraBits(value, prefix);
      return extra < 0 || extra >= 2 ** countExtraBits(prefix) || decodePrefix(prefix, extra) !== value;
    });
    expect(wrong).toEqual([]);
    expect(toPrefix(MAX_COPY_LENGTH)).toBe(23);
    expect(toPrefix(1 << 20)).toBe(39);
  });

  it('maps the previous pixel and the pixel above to plane codes 2 and 1', () => {
    expect(toDistanceCode(1, 640)).toBe(2);
    expect(toDistanceCode(640, 640)).toBe(1);
    expect(toDistanceCode(641, 640)).toBe(3);
    expect(toDistanceCode(639, 640)).toBe(4);
    expect(toDistanceCode(37, 640)).toBe(157);
  });
});

describe('findBackwardRefs', () => {
  it.each([
    [1, 1],
    [1, 7],
    [7, 1],
    [2, 5],
    [17, 9],
    [64, 64],
  ])('produces tokens that replay to the pixels (%ix%i, runs, stripes, noise)', (width, height) => {
    const total = width * height;
    let state = width * 31 + height;
    const patterns = [
      (i: number) => (i % width < width / 2 ? 0xff102030 : 0xff405060),
      (i: number) => [0xffaa0000, 0xff00aa00, 0xff0000aa][(i + Math.floor(i / width)) % 3] ?? 0,
      () => {
        state = (Math.imul(state, 1103515245) + 12345) >>> 0;
        return state;
      },
    ];
    for (const pattern of patterns) {
      const pixels = Uint32Array.from({ length: total }, (_, i) => pattern(i) >>> 0);
      const refs = findBackwardRefs(pixels, width);
      expect(replay(refs, width, total)).toEqual(pixels);
      const literals = refs.lengths.subarray(0, refs.count).filter((length) => length === 0).length;
      expect(refs.green.reduce((sum, n) => sum + n, 0)).toBe(refs.count);
      expect(refs.alpha.reduce((sum, n) => sum + n, 0)).toBe(literals);
      expect(refs.distance.reduce((sum, n) => sum + n, 0)).toBe(refs.count - literals);
    }
  });

  it('codes a flat image as one literal and copies of at most 4096 pixels', () => {
    const refs = findBackwardRefs(new Uint32Array(300 * 100).fill(0xff123456), 300);
    expect(refs.lengths[0]).toBe(0);
    expect(Array.from(refs.lengths.subarray(1, refs.count))).toEqual([
      4096, 4096, 4096, 4096, 4096, 4096, 4096, 1327,
    ]);
  });
});
