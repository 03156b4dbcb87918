import { describe, expect, it } from 'vitest';
import { blueOf, greenOf, redOf } from './color.js';
import { colorAt, createRampPaint, createStripePaint, shiftPaint } from './paint.js';

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
      const pixels = Array.from({ length: x1 - x0 + 2 }, (_, i) => colorAt(ramp, x0 - 1 + i));
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
