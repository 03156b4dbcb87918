import { describe, expect, it } from 'vitest';
import { planVariation, rotateHue } from './vary-picture.js';

const apply = (tone: Int32Array, rgb: readonly number[]): number[] =>
  [0, 3, 6].map(
    (row) =>
      Math.round(
        ((tone[row] ?? 0) * (rgb[0] ?? 0) +
          (tone[row + 1] ?? 0) * (rgb[1] ?? 0) +
          (tone[row + 2] ?? 0) * (rgb[2] ?? 0)) /
          4096,
      ) + 0, // no -0
  );

describe('rotateHue', () => {
  it('keeps greys grey and turns colours', () => {
    for (const degrees of [25, -40, 65]) {
      const tone = rotateHue(degrees);
      expect(apply(tone, [128, 128, 128])).toEqual([128, 128, 128]);
      const turned = apply(tone, [150, 60, 40]);
      expect(turned).not.toEqual([150, 60, 40]);
      const luma = (rgb: readonly number[]): number =>
        0.213 * (rgb[0] ?? 0) + 0.715 * (rgb[1] ?? 0) + 0.072 * (rgb[2] ?? 0);
      expect(Math.abs(luma(turned) - luma([150, 60, 40]))).toBeLessThan(1);
    }
    expect([...rotateHue(0)]).toEqual([4096, 0, 0, 0, 4096, 0, 0, 0, 4096]);
  });
});

describe('planVariation', () => {
  const params = { model: 'dall-e-2', width: 512, height: 512 };

  it('differs per index, the same for the same index', () => {
    const plans = [0, 1, 2, 3].map((index) => planVariation({ ...params, index }, 1000, 800));
    expect(new Set(plans.map((plan) => JSON.stringify(plan.crop))).size).toBe(4);
    expect(plans.map((plan) => Math.sign(plan.degrees))).toEqual([1, -1, 1, -1]);
    expect(planVariation({ ...params, index: 2 }, 1000, 800)).toEqual(plans[2]);
  });

  it('shows most of the input: a crop of 92-98% of each side, inside it', () => {
    for (let index = 0; index < 20; index++) {
      const { crop, degrees } = planVariation({ ...params, index }, 1000, 800);
      expect(crop.width / 1000).toBeGreaterThanOrEqual(0.92);
      expect(crop.width / 1000).toBeLessThanOrEqual(0.98);
      expect(crop.height / 800).toBeGreaterThanOrEqual(0.92);
      expect(crop.x + crop.width).toBeLessThanOrEqual(1000);
      expect(crop.y + crop.height).toBeLessThanOrEqual(800);
      expect(Math.abs(degrees)).toBeGreaterThanOrEqual(25);
      expect(Math.abs(degrees)).toBeLessThanOrEqual(65);
    }
    const tiny = planVariation({ ...params, index: 0 }, 1, 1).crop;
    expect(tiny).toEqual({ x: 0, y: 0, width: 1, height: 1 });
  });
});
