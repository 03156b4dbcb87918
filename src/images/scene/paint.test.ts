import { describe, expect, it } from 'vitest';
import { blueOf, greenOf, redOf } from './color.js';
import { colorAt, createRampPaint, createStripePaint, shiftPaint, type Paint } from './paint.js';

/** Rebuilds pixels from the Sub-filter deltas, the way a PNG decoder does. */
function replayDeltas(paint: Paint, x0: number, x1: number): number[] {
  if (paint.kind === 'flat') return Array.from({ length: x1 - x0 }, () => paint.rgb);
  const pixels = [colorAt(paint, x0)];
  for (let x = x0 + 1; x < x1; x++) {
    const phase = (((x - paint.origin) % paint.period) + paint.period) % paint.period;
    const previous = pixels[pixels.length - 1] ?? 0;
    const channel = (shift: number, index: number): number =>
      (((previous >> shift) & 255) + (paint.deltas[phase * 3 + index] ?? 0)) & 255;
    pixels.push((channel(16, 0) << 16) | (channel(8, 1) << 8) | channel(0, 2));
  }
  return pixels;
}

describe('createRampPaint', () => {
  it('moves from one colour towards the other and never leaves their range', () => {
    const from = 0x10f080;
    const to = 0xf01080;
    for (const [x0, x1] of [
      [0, 10],
      [100, 1100],
      [5, 69],
    ] as const) {
      const ramp = createRampPaint(from, to, x0, x1);
      const pixels = replayDeltas(ramp, x0 - 1, x1 + 1);
      for (const rgb of pixels) {
        expect(redOf(rgb)).toBeGreaterThanOrEqual(0x10);
        expect(redOf(rgb)).toBeLessThanOrEqual(0xf0);
        expect(greenOf(rgb)).toBeGreaterThanOrEqual(0x10);
        expect(greenOf(rgb)).toBeLessThanOrEqual(0xf0);
        expect(blueOf(rgb)).toBe(0x80);
      }
      expect(redOf(colorAt(ramp, x1 - 1)) - redOf(colorAt(ramp, x0))).toBeGreaterThan(0xe0 * 0.6);
    }
  });

  it('is flat when both ends are equal', () => {
    expect(createRampPaint(0x123456, 0x123456, 0, 100).kind).toBe('flat');
  });
});

describe('createStripePaint', () => {
  it('repeats its bands from the origin', () => {
    const stripes = createStripePaint(10, [
      { rgb: 0xff0000, width: 2 },
      { rgb: 0x0000ff, width: 3 },
    ]);
    const pixels = Array.from({ length: 10 }, (_, i) => colorAt(stripes, 10 + i));
    expect(pixels).toEqual([0xff0000, 0xff0000, 0xff, 0xff, 0xff, 0xff0000, 0xff0000, 0xff, 0xff, 0xff]);
    expect(colorAt(stripes, 9)).toBe(0xff);
    expect(colorAt(shiftPaint(stripes, 11), 10)).toBe(0xff);
  });
});

describe('pattern deltas', () => {
  it('reproduce colorAt for every pixel, from any start', () => {
    const paints = [
      createRampPaint(0x000000, 0xffffff, 3, 300),
      createRampPaint(0xff8000, 0x0080ff, -50, 20),
      createStripePaint(-7, [
        { rgb: 0x102030, width: 3 },
        { rgb: 0xa0b0c0, width: 1 },
        { rgb: 0x405060, width: 4 },
      ]),
    ];
    for (const paint of paints) {
      for (const start of [-5, 0, 1, 13]) {
        const expected = Array.from({ length: 150 }, (_, i) => colorAt(paint, start + i));
        expect(replayDeltas(paint, start, start + 150)).toEqual(expected);
      }
    }
  });
});
