import jpeg from 'jpeg-js';
import { PNG } from 'pngjs';
import { MAX_DECODE_MEGAPIXELS } from './inspect-image.js';

/**
 * Coarse comparisons of two pictures, for edits and variations: real models repaint every pixel, so
 * nothing here compares pixels one by one. Each picture is reduced to a grid of 16x16 cells, each cell the
 * mean colour of its pixels laid over white (so transparency compares as white), whatever the pictures'
 * sizes; the measures work on those cells.
 */

/** Cells across and down the grid. */
export const GRID_CELLS = 16;

/** A picture reduced to GRID_CELLS x GRID_CELLS mean colours (RGB over white, 0-255) and mean opacity (0-1). */
export interface ColourGrid {
  rgb: Float64Array;
  alpha: Float64Array;
}

/** Decoded RGBA pixels of a PNG or a JPEG, or undefined when the bytes are neither or do not decode. */
export function decodeRgba(
  bytes: Uint8Array,
): { width: number; height: number; data: Uint8Array } | undefined {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  try {
    if (buffer.subarray(0, 4).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47]))) {
      const { width, height, data } = PNG.sync.read(buffer);
      return width * height > MAX_DECODE_MEGAPIXELS * 1e6 ? undefined : { width, height, data };
    }
    if (buffer[0] === 0xff && buffer[1] === 0xd8) {
      const { width, height, data } = jpeg.decode(buffer, {
        useTArray: true,
        maxResolutionInMP: MAX_DECODE_MEGAPIXELS,
        maxMemoryUsageInMB: 1024,
      });
      return { width, height, data };
    }
  } catch {
    return undefined;
  }
  return undefined;
}

/** The grid of a decoded picture. */
export function colourGrid(image: { width: number; height: number; data: Uint8Array }): ColourGrid {
  const cells = GRID_CELLS * GRID_CELLS;
  const sums = new Float64Array(cells * 3);
  const alphaSums = new Float64Array(cells);
  const counts = new Float64Array(cells);
  const { width, height, data } = image;
  for (let y = 0; y < height; y++) {
    const row = Math.min(GRID_CELLS - 1, Math.floor((y * GRID_CELLS) / height));
    for (let x = 0; x < width; x++) {
      const cell = row * GRID_CELLS + Math.min(GRID_CELLS - 1, Math.floor((x * GRID_CELLS) / width));
      const at = (y * width + x) * 4;
      const alpha = (data[at + 3] ?? 255) / 255;
      for (let channel = 0; channel < 3; channel++) {
        const index = cell * 3 + channel;
        sums[index] = (sums[index] ?? 0) + (data[at + channel] ?? 0) * alpha + 255 * (1 - alpha);
      }
      alphaSums[cell] = (alphaSums[cell] ?? 0) + alpha;
      counts[cell] = (counts[cell] ?? 0) + 1;
    }
  }
  const rgb = sums.map((sum, index) => sum / Math.max(1, counts[Math.floor(index / 3)] ?? 1));
  const alpha = alphaSums.map((sum, index) => sum / Math.max(1, counts[index] ?? 1));
  return { rgb, alpha };
}

/** The grid of image bytes, or undefined when they do not decode (PNG and JPEG only). */
export function gridOf(bytes: Uint8Array): ColourGrid | undefined {
  const image = decodeRgba(bytes);
  return image ? colourGrid(image) : undefined;
}

/** The cells whose centre lies in a region given in fractions of width and height, shrunk by `margin` cells. */
export function cellsIn(
  region: { x0: number; y0: number; x1: number; y1: number },
  { margin = 0, outside = false }: { margin?: number; outside?: boolean } = {},
): number[] {
  const cells: number[] = [];
  for (let row = 0; row < GRID_CELLS; row++) {
    for (let column = 0; column < GRID_CELLS; column++) {
      const u = (column + 0.5) / GRID_CELLS;
      const v = (row + 0.5) / GRID_CELLS;
      const pad = margin / GRID_CELLS;
      const inside = u > region.x0 + pad && u < region.x1 - pad && v > region.y0 + pad && v < region.y1 - pad;
      const clear = u < region.x0 - pad || u > region.x1 + pad || v < region.y0 - pad || v > region.y1 + pad;
      if (outside ? clear : inside) cells.push(row * GRID_CELLS + column);
    }
  }
  return cells;
}

/** Every cell of the grid where `grid` is opaque (at least 99% on average). */
export function opaqueCells(grid: ColourGrid): number[] {
  const cells: number[] = [];
  grid.alpha.forEach((alpha, cell) => {
    if (alpha >= 0.99) cells.push(cell);
  });
  return cells;
}

const luma = (grid: ColourGrid, cell: number): number =>
  0.299 * (grid.rgb[cell * 3] ?? 0) +
  0.587 * (grid.rgb[cell * 3 + 1] ?? 0) +
  0.114 * (grid.rgb[cell * 3 + 2] ?? 0);

/**
 * Pearson correlation of the cells' brightness in two grids, -1 to 1: how far the light and dark places
 * of one picture are those of the other, whatever the colours, contrast or overall brightness. 0 when
 * either is flat.
 */
export function brightnessCorrelation(a: ColourGrid, b: ColourGrid, cells: readonly number[]): number {
  return pearson(cells.map((cell) => [luma(a, cell), luma(b, cell)]));
}

/** Pearson correlation of pairs of values, -1 to 1; 0 when either side is flat. */
function pearson(pairs: readonly (readonly [number, number])[]): number {
  const count = Math.max(1, pairs.length);
  const mx = pairs.reduce((sum, [x]) => sum + x, 0) / count;
  const my = pairs.reduce((sum, [, y]) => sum + y, 0) / count;
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (const [x, y] of pairs) {
    sxy += (x - mx) * (y - my);
    sxx += (x - mx) ** 2;
    syy += (y - my) ** 2;
  }
  return sxx === 0 || syy === 0 ? 0 : sxy / Math.sqrt(sxx * syy);
}

/** The mean difference of the cells' colours, 0-255: the mean over cells and channels of |a - b|. */
export function colourDifference(a: ColourGrid, b: ColourGrid, cells: readonly number[]): number {
  if (cells.length === 0) return 0;
  let total = 0;
  for (const cell of cells) {
    for (let channel = 0; channel < 3; channel++) {
      total += Math.abs((a.rgb[cell * 3 + channel] ?? 0) - (b.rgb[cell * 3 + channel] ?? 0));
    }
  }
  return total / (cells.length * 3);
}

/**
 * How much of one picture's palette the other shares, 0 to 1: the cells' colours counted in 4x4x4 bins
 * (each channel in quarters), the overlap of the two histograms. Position plays no part, so a variation
 * that rearranges the input's colours still shares its palette.
 */
export function paletteOverlap(a: ColourGrid, b: ColourGrid): number {
  const histogram = (grid: ColourGrid): Float64Array => {
    const bins = new Float64Array(64);
    const cells = grid.rgb.length / 3;
    for (let cell = 0; cell < cells; cell++) {
      const bin = [0, 1, 2].reduce(
        (index, channel) => index * 4 + Math.min(3, Math.floor((grid.rgb[cell * 3 + channel] ?? 0) / 64)),
        0,
      );
      bins[bin] = (bins[bin] ?? 0) + 1 / cells;
    }
    return bins;
  };
  const [left, right] = [histogram(a), histogram(b)];
  return left.reduce((sum, value, bin) => sum + Math.min(value, right[bin] ?? 0), 0);
}

/**
 * The highest brightness correlation of `b` with `a` moved by up to `maxShift` cells across and down, each
 * over the cells the two share: how far one picture holds the other's layout, moved. Of the cells in
 * `cells` (of `a`), those moved off the grid are left out; at least half must remain.
 */
export function shiftedCorrelation(
  a: ColourGrid,
  b: ColourGrid,
  cells: readonly number[],
  maxShift: number,
): number {
  let best = -1;
  for (let dy = -maxShift; dy <= maxShift; dy++) {
    for (let dx = -maxShift; dx <= maxShift; dx++) {
      const pairs: [number, number][] = [];
      for (const cell of cells) {
        const column = (cell % GRID_CELLS) + dx;
        const row = Math.floor(cell / GRID_CELLS) + dy;
        if (column < 0 || row < 0 || column >= GRID_CELLS || row >= GRID_CELLS) continue;
        pairs.push([cell, row * GRID_CELLS + column]);
      }
      if (pairs.length * 2 < cells.length) continue;
      best = Math.max(best, pearson(pairs.map(([from, to]) => [luma(a, from), luma(b, to)])));
    }
  }
  return best;
}
