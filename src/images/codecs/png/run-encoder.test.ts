import zlib from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { createPrng } from '../../scene/prng.js';
import { createDeflateWriter, MAX_DISTANCE } from './deflate-writer.js';
import { createRunEncoder, type RunEncoder } from './run-encoder.js';

/** Runs `write` on an encoder and on a plain byte list; returns the inflated and the expected bytes. */
function roundTrip(write: (encoder: RunEncoder, expected: number[]) => void): {
  actual: Buffer;
  expected: Buffer;
  deflated: Buffer;
} {
  const writer = createDeflateWriter();
  const encoder = createRunEncoder(writer);
  const expected: number[] = [];
  write(encoder, expected);
  encoder.flush();
  const deflated = writer.finish();
  return { actual: zlib.inflateRawSync(deflated), expected: Buffer.from(expected), deflated };
}

function pushPeriodic(out: number[], pattern: Uint8Array, start: number, count: number): void {
  for (let k = 0; k < count; k++) out.push(pattern[(start + k) % pattern.length] ?? 0);
}

describe('createRunEncoder', () => {
  it('writes zero runs of every short length after zero and non-zero bytes', () => {
    const { actual, expected } = roundTrip((encoder, out) => {
      for (let count = 0; count < 600; count += count < 10 ? 1 : 37) {
        for (const before of [0, 9]) {
          encoder.byte(before);
          encoder.zeros(count);
          out.push(before, ...Array<number>(count).fill(0));
        }
      }
    });
    expect(actual.equals(expected)).toBe(true);
  });

  it('compresses a long zero run to a few bytes', () => {
    const { actual, expected, deflated } = roundTrip((encoder, out) => {
      encoder.byte(1);
      encoder.zeros(100_000);
      out.push(1, ...Array<number>(100_000).fill(0));
    });
    expect(actual.equals(expected)).toBe(true);
    expect(deflated.length).toBeLessThan(700);
  });

  it('writes seeded random periodic patterns from any phase, short and long', () => {
    const rng = createPrng('run-encoder');
    const { actual, expected } = roundTrip((encoder, out) => {
      for (let trial = 0; trial < 300; trial++) {
        const period = rng.nextInt(1, 200);
        const pattern = Uint8Array.from({ length: period }, () =>
          rng.chance(0.7) ? 0 : rng.nextInt(0, 255),
        );
        const start = rng.nextInt(0, period - 1);
        const count = rng.chance(0.3) ? rng.nextInt(0, period + 3) : rng.nextInt(0, 5000);
        encoder.periodic(pattern, start, count);
        pushPeriodic(out, pattern, start, count);
        if (rng.chance(0.5)) {
          const zeros = rng.nextInt(0, 300);
          encoder.zeros(zeros);
          out.push(...Array<number>(zeros).fill(0));
        }
        const value = rng.nextInt(0, 255);
        encoder.byte(value);
        out.push(value);
      }
    });
    expect(actual.equals(expected)).toBe(true);
  });

  it('writes all-zero patterns and patterns longer than the deflate window', () => {
    const rng = createPrng('long-period');
    const long = Uint8Array.from({ length: MAX_DISTANCE + 5 }, () => rng.nextInt(0, 255));
    const zeros = new Uint8Array(7);
    const { actual, expected } = roundTrip((encoder, out) => {
      encoder.periodic(long, 11, MAX_DISTANCE + 100);
      pushPeriodic(out, long, 11, MAX_DISTANCE + 100);
      encoder.periodic(zeros, 3, 1000);
      pushPeriodic(out, zeros, 3, 1000);
    });
    expect(actual.equals(expected)).toBe(true);
  });
});
