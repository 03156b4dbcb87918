import { describe, expect, it } from 'vitest';
import { toCb, toCr, toLuma } from './ycbcr.js';

const argbOf = (r: number, g: number, b: number, a = 255): number =>
  ((a << 24) | (r << 16) | (g << 8) | b) >>> 0;

describe('toLuma, toCb, toCr', () => {
  it('give level-shifted BT.601 YCbCr, within rounding of the real-valued formulas', () => {
    let worst = 0;
    let lowest = 0;
    let highest = 0;
    for (let r = 0; r < 256; r += 15) {
      for (let g = 0; g < 256; g += 15) {
        for (let b = 0; b < 256; b += 15) {
          const argb = argbOf(r, g, b);
          const pairs = [
            [toLuma(argb), 0.299 * r + 0.587 * g + 0.114 * b - 128],
            [toCb(argb), -0.168736 * r - 0.331264 * g + 0.5 * b],
            [toCr(argb), 0.5 * r - 0.418688 * g - 0.081312 * b],
          ] as const;
          for (const [value, exact] of pairs) {
            worst = Math.max(worst, Math.abs(value - exact));
            lowest = Math.min(lowest, value);
            highest = Math.max(highest, value);
          }
        }
      }
    }
    expect(worst).toBeLessThanOrEqual(0.5001);
    expect([lowest, highest]).toEqual([-128, 127]);
  });

  it('map black, white and grey to neutral chroma, and ignore alpha', () => {
    expect([toLuma(argbOf(0, 0, 0)), toCb(argbOf(0, 0, 0)), toCr(argbOf(0, 0, 0))]).toEqual([-128, 0, 0]);
    expect([toLuma(argbOf(255, 255, 255)), toCb(argbOf(255, 255, 255)), toCr(argbOf(255, 255, 255))]).toEqual(
      [127, 0, 0],
    );
    expect([toLuma(argbOf(128, 128, 128)), toCb(argbOf(128, 128, 128))]).toEqual([0, 0]);
    const color = argbOf(200, 30, 90);
    const clear = argbOf(200, 30, 90, 0);
    expect([toLuma(clear), toCb(clear), toCr(clear)]).toEqual([toLuma(color), toCb(color), toCr(color)]);
  });
});
