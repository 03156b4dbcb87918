import { PNG } from 'pngjs';
import { drawn, plainCircle, repainted, rolled } from '../checks/edit-images.test-helpers.js';
import jpeg from 'jpeg-js';
import { describe, expect, it } from 'vitest';
import { MASK_REGION, inputImages } from '../engine/edit-inputs.js';
import {
  GRID_CELLS,
  brightnessCorrelation,
  cellsIn,
  colourDifference,
  decodeRgba,
  gridOf,
  opaqueCells,
  paletteOverlap,
  shiftedCorrelation,
  type ColourGrid,
} from './compare-images.js';

const grid = (bytes: Buffer): ColourGrid => {
  const found = gridOf(bytes);
  if (!found) throw new Error('does not decode');
  return found;
};

const all = Array.from({ length: GRID_CELLS * GRID_CELLS }, (_, cell) => cell);

describe('colour grids', () => {
  const input = grid(inputImages().pattern);

  it('see the same picture at another size and in JPEG as the same layout', () => {
    const { width, height, data } = PNG.sync.read(inputImages().pattern);
    const jpegBytes = jpeg.encode({ width, height, data }, 60).data;
    expect(brightnessCorrelation(input, grid(jpegBytes), all)).toBeGreaterThan(0.99);
    expect(colourDifference(input, grid(jpegBytes), all)).toBeLessThan(3);
    expect(colourDifference(input, grid(repainted(inputImages().pattern, 1024)), all)).toBe(0);
    expect(decodeRgba(Buffer.from('not an image'))).toBeUndefined();
  });

  it('tell the pattern from a plain picture and from its own inverse', () => {
    const circle = grid(plainCircle(64));
    expect(Math.abs(brightnessCorrelation(input, circle, all))).toBeLessThan(0.2);
    const inverse = grid(
      drawn(64, (u, v) => {
        const dark = (Math.floor(u * 4) + Math.floor(v * 4)) % 2 === 0;
        return dark ? [230, 230, 230] : [30, 30, 30];
      }),
    );
    expect(brightnessCorrelation(input, inverse, all)).toBeLessThan(-0.9);
    expect(paletteOverlap(input, circle)).toBeLessThan(0.2);
    expect(paletteOverlap(input, input)).toBeCloseTo(1, 6);
  });

  it('find the layout moved by a few cells, and not where there is none', () => {
    const moved = grid(rolled(inputImages().pattern, 64, 0.125));
    expect(brightnessCorrelation(input, moved, all)).toBeLessThan(0.1);
    expect(shiftedCorrelation(input, moved, all, 2)).toBeCloseTo(1, 6);
    expect(shiftedCorrelation(input, grid(plainCircle(64)), all, 4)).toBeLessThan(0.3);
  });

  it('count transparent pixels as white, and find the opaque cells', () => {
    const erased = grid(inputImages().erased);
    const inside = cellsIn(MASK_REGION);
    expect(inside).toHaveLength(64);
    for (const cell of inside) expect(erased.rgb[cell * 3]).toBe(255);
    expect(opaqueCells(erased)).toHaveLength(GRID_CELLS * GRID_CELLS - 64);
  });

  it('split the grid into inside and outside a region, away from its edge', () => {
    const inside = cellsIn(MASK_REGION, { margin: 1 });
    const outside = cellsIn(MASK_REGION, { margin: 1, outside: true });
    expect(inside).toHaveLength(36);
    expect(outside).toHaveLength(256 - 100);
    expect(inside.filter((cell) => outside.includes(cell))).toEqual([]);
  });
});
