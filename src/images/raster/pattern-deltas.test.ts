import { describe, expect, it } from 'vitest';
import {
  colorAt,
  createRampPaint,
  createStripePaint,
  shiftPaint,
  type PatternPaint,
} from '../scene/paint.js';
import { PatternDeltas } from './pattern-deltas.js';

/** Rebuilds pixels from the deltas, the way a PNG decoder undoes the Sub filter. */
function replayDeltas(
  paint: PatternPaint,
  deltas: Uint8Array,
  size: 3 | 4,
  x0: number,
  x1: number,
): number[] {
  const pixels = [colorAt(paint, x0)];
  for (let x = x0 + 1; x < x1; x++) {
    const phase = (((x - paint.origin) % paint.period) + paint.period) % paint.period;
    const previous = pixels[pixels.length - 1] ?? 0;
    const channel = (shift: number, index: number): number =>
      (((previous >> shift) & 255) + (deltas[phase * size + index] ?? 0)) & 255;
    pixels.push((channel(16, 0) << 16) | (channel(8, 1) << 8) | channel(0, 2));
  }
  return pixels;
}

function asPattern(paint: ReturnType<typeof createStripePaint>): PatternPaint {
  if (paint.kind !== 'pattern') throw new Error('expected a pattern');
  return paint;
}

const PAINTS = [
  asPattern(createRampPaint(0x000000, 0xffffff, 3, 300)),
  asPattern(createRampPaint(0xff8000, 0x0080ff, -50, 20)),
  asPattern(
    createStripePaint(-7, [
      { rgb: 0x102030, width: 3 },
      { rgb: 0xa0b0c0, width: 1 },
      { rgb: 0x405060, width: 4 },
    ]),
  ),
];

describe('PatternDeltas', () => {
  it.each([3, 4] as const)('reproduce colorAt for every pixel, from any start (%i bytes a pixel)', (size) => {
    const patterns = new PatternDeltas(size);
    for (const paint of PAINTS) {
      const deltas = patterns.of(paint);
      expect(deltas).toHaveLength(paint.period * size);
      if (size === 4) for (let p = 0; p < paint.period; p++) expect(deltas[p * 4 + 3]).toBe(0);
      for (const start of [-5, 0, 1, 13]) {
        const expected = Array.from({ length: 150 }, (_, i) => colorAt(paint, start + i));
        expect(replayDeltas(paint, deltas, size, start, start + 150)).toEqual(expected);
      }
    }
  });

  it('computes a pattern once and shares it with its shifted copies', () => {
    const patterns = new PatternDeltas(3);
    const [ramp, , stripes] = PAINTS;
    if (ramp === undefined || stripes === undefined) throw new Error('missing paints');
    const deltas = patterns.of(ramp);
    expect(patterns.of(asPattern(shiftPaint(ramp, ramp.origin + 17)))).toBe(deltas);
    expect(patterns.of(stripes)).not.toBe(deltas);
    expect(patterns.of(ramp)).toBe(deltas);
  });
});
