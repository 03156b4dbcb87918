import { describe, expect, it } from 'vitest';
import { AAN_SCALE, createDivisors, forwardDct, roundCoefficient } from './dct.js';
import { LUMA_QUANT_BASE, scaleQuantTable, ZIGZAG_TO_NATURAL } from './tables.js';

/** The 2-D DCT of T.81 A.3.3, straight from its definition (Math.cos is fine in a test). */
function textbookDct(samples: Float64Array): number[] {
  const c = (k: number): number => (k === 0 ? Math.SQRT1_2 : 1);
  const out: number[] = [];
  for (let v = 0; v < 8; v++) {
    for (let u = 0; u < 8; u++) {
      let sum = 0;
      for (let y = 0; y < 8; y++) {
        for (let x = 0; x < 8; x++) {
          sum +=
            (samples[y * 8 + x] ?? 0) *
            Math.cos(((2 * x + 1) * u * Math.PI) / 16) *
            Math.cos(((2 * y + 1) * v * Math.PI) / 16);
        }
      }
      out.push((c(u) * c(v) * sum) / 4);
    }
  }
  return out;
}

/** Level-shifted samples from a fixed linear congruential sequence. */
function samplesFrom(seed: number): Float64Array {
  let state = seed;
  return Float64Array.from({ length: 64 }, () => {
    state = (Math.imul(state, 1103515245) + 12345) >>> 0;
    return (state >>> 24) - 128;
  });
}

describe('forwardDct', () => {
  it('scales the textbook DCT by 8 * AAN_SCALE[row] * AAN_SCALE[column]', () => {
    for (let seed = 1; seed <= 20; seed++) {
      const samples = samplesFrom(seed);
      const expected = textbookDct(samples);
      const block = Float64Array.from(samples);
      forwardDct(block);
      block.forEach((value, i) => {
        const scale = 8 * (AAN_SCALE[i >> 3] ?? 0) * (AAN_SCALE[i & 7] ?? 0);
        expect(value / scale).toBeCloseTo(expected[i] ?? 0, 9);
      });
    }
  });

  it('gives a block of equal samples exactly 64 times the sample as DC and exactly 0 elsewhere', () => {
    for (const sample of [-128, -37, 0, 1, 127]) {
      const block = new Float64Array(64).fill(sample);
      forwardDct(block);
      expect([...block]).toEqual([64 * sample, ...Array<number>(63).fill(0)]);
    }
  });

  it('uses AAN scales equal to cos(k pi / 16) * sqrt(2)', () => {
    AAN_SCALE.forEach((scale, k) =>
      expect(scale).toBeCloseTo(k === 0 ? 1 : Math.cos((k * Math.PI) / 16) * Math.SQRT2, 15),
    );
  });
});

describe('createDivisors', () => {
  it('turns DCT outputs into the textbook coefficients over the quantiser, in zigzag order', () => {
    const quant = scaleQuantTable(LUMA_QUANT_BASE, 75);
    const divisors = createDivisors(quant);
    const samples = samplesFrom(7);
    const expected = textbookDct(samples);
    const block = Float64Array.from(samples);
    forwardDct(block);
    ZIGZAG_TO_NATURAL.forEach((natural, k) => {
      const quantised = (block[natural] ?? 0) * (divisors[k] ?? 0);
      expect(quantised).toBeCloseTo((expected[natural] ?? 0) / (quant[natural] ?? 1), 9);
    });
  });
});

describe('roundCoefficient', () => {
  it('rounds to the nearest integer, halves up, never giving -0', () => {
    expect([2.5, 2.4999, -2.5, -2.5001, 0.7, -0.7, 1e-17].map(roundCoefficient)).toEqual([
      3, 2, -2, -3, 1, -1, 0,
    ]);
    expect(Object.is(roundCoefficient(-0.4), 0)).toBe(true);
  });
});
