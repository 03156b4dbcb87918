import zlib from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { createPrng } from '../../scene/prng.js';
import {
  createAdlerState,
  createPeriodicSums,
  extendAdler,
  readAdler,
  sumPeriodic,
  ADLER_BASE,
} from './adler32.js';

/** Adler-32 the slow way: the trailer of a stored zlib stream. */
function adlerOf(bytes: Uint8Array): number {
  return zlib.deflateSync(bytes, { level: 0 }).readUInt32BE(zlib.deflateSync(bytes, { level: 0 }).length - 4);
}

function sumsOf(bytes: Uint8Array): { sum: number; weighted: number } {
  let sum = 0;
  let weighted = 0;
  bytes.forEach((value, i) => {
    sum += value;
    weighted += (bytes.length - i) * value;
  });
  return { sum: sum % ADLER_BASE, weighted: weighted % ADLER_BASE };
}

describe('adler32 from row sums', () => {
  it('matches zlib for random rows appended one by one', () => {
    const rng = createPrng('adler');
    const state = createAdlerState();
    const all: number[] = [];
    for (let r = 0; r < 40; r++) {
      const row = Uint8Array.from({ length: rng.nextInt(1, 5000) }, () =>
        rng.chance(0.9) ? 0 : rng.nextInt(0, 255),
      );
      extendAdler(state, row.length, sumsOf(row));
      all.push(...row);
    }
    expect(readAdler(state)).toBe(adlerOf(Uint8Array.from(all)));
  });

  it.each([
    ['periodic', 40, 3000],
    ['periodic long', 4000, 32768],
  ])(
    'sums any stretch of a repeating pattern like the bytes themselves (%s)',
    (seed, maxPeriod, maxLength) => {
      const rng = createPrng(seed);
      for (let trial = 0; trial < 200; trial++) {
        const pattern = Uint8Array.from({ length: rng.nextInt(1, maxPeriod) }, () => rng.nextInt(0, 255));
        const phase = rng.nextInt(0, pattern.length - 1);
        const length = rng.nextInt(1, maxLength);
        let sum = 0;
        let moment = 0;
        for (let t = 0; t < length; t++) {
          const value = pattern[(phase + t) % pattern.length] ?? 0;
          sum += value;
          moment += t * value;
        }
        const out = { sum: 0, weighted: 0 };
        sumPeriodic(createPeriodicSums(pattern), phase, length, out);
        expect([out.sum, out.weighted]).toEqual([sum % ADLER_BASE, moment % ADLER_BASE]);
      }
    },
  );
});
