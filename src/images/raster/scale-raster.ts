import type { Raster } from './rgba-raster.js';

/** A rectangle of whole pixels inside a raster. */
export interface Crop {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

const WEIGHT_BITS = 12;
const WEIGHT_ONE = 1 << WEIGHT_BITS;
const OUTPUT_ONE = WEIGHT_ONE * WEIGHT_ONE;

/** The source pixels one output pixel reads along one axis: taps [offset, offset + count) of `index` and `weight`. */
interface AxisTaps {
  readonly offset: Int32Array;
  readonly count: Int32Array;
  readonly index: Int32Array;
  /** Each output pixel's weights sum to WEIGHT_ONE. */
  readonly weight: Int32Array;
  readonly maxCount: number;
}

/**
 * Scales `crop` of `source` (default: all of it) to `width` x `height`. Each axis on its own: an
 * area average when shrinking (every source pixel counts by the share of it an output pixel
 * covers) and bilinear when enlarging (pixel centres aligned). Colours are averaged weighted by
 * alpha (premultiplied), so transparent pixels lend no colour to their neighbours. Integer
 * weights and exactly rounded arithmetic only: the result is the same on every platform.
 * Without a crop at the same size the source itself is returned: pixels stay exactly as they are.
 * Memory: a few resampled rows at a time, never a second full-size intermediate.
 */
export function scaleRaster(source: Raster, width: number, height: number, crop?: Crop): Raster {
  const area = crop ?? { x: 0, y: 0, width: source.width, height: source.height };
  if (crop === undefined && width === source.width && height === source.height) return source;
  const xs = computeTaps(area.x, area.width, width);
  const ys = computeTaps(area.y, area.height, height);
  const out = new Uint8Array(width * height * 4);
  // Horizontally resampled source rows, premultiplied: a, r*a, g*a, b*a per output column.
  const slots = ys.maxCount + 1;
  const rows = Array.from({ length: slots }, () => new Int32Array(width * 4));
  const rowOf = new Int32Array(slots).fill(-1);
  const picked: Int32Array[] = [];
  for (let y = 0; y < height; y++) {
    const first = ys.offset[y] ?? 0;
    const taps = ys.count[y] ?? 0;
    picked.length = 0;
    for (let t = 0; t < taps; t++) {
      const sourceRow = ys.index[first + t] ?? 0;
      const slot = sourceRow % slots;
      const row = rows[slot] ?? new Int32Array(0);
      if (rowOf[slot] !== sourceRow) {
        resampleRow(source, sourceRow, xs, row);
        rowOf[slot] = sourceRow;
      }
      picked.push(row);
    }
    for (let x = 0, o = y * width * 4; x < width; x++, o += 4) {
      let a = 0;
      let r = 0;
      let g = 0;
      let b = 0;
      for (let t = 0; t < taps; t++) {
        const w = ys.weight[first + t] ?? 0;
        const row = picked[t] ?? rows[0] ?? new Int32Array(0);
        const i = x * 4;
        a += w * (row[i] ?? 0);
        r += w * (row[i + 1] ?? 0);
        g += w * (row[i + 2] ?? 0);
        b += w * (row[i + 3] ?? 0);
      }
      out[o + 3] = Math.floor((a + OUTPUT_ONE / 2) / OUTPUT_ONE);
      if (a === 0) continue;
      out[o] = Math.min(255, Math.floor((2 * r + a) / (2 * a)));
      out[o + 1] = Math.min(255, Math.floor((2 * g + a) / (2 * a)));
      out[o + 2] = Math.min(255, Math.floor((2 * b + a) / (2 * a)));
    }
  }
  return { width, height, data: out };
}

/** Row `y` of `source` resampled along x into `row`: per output pixel sum(w * a), sum(w * r * a), ... */
function resampleRow(source: Raster, y: number, xs: AxisTaps, row: Int32Array): void {
  const { data } = source;
  const base = y * source.width * 4;
  const width = row.length / 4;
  for (let x = 0; x < width; x++) {
    const first = xs.offset[x] ?? 0;
    const taps = xs.count[x] ?? 0;
    let a = 0;
    let r = 0;
    let g = 0;
    let b = 0;
    for (let t = 0; t < taps; t++) {
      const i = base + (xs.index[first + t] ?? 0) * 4;
      const wa = (xs.weight[first + t] ?? 0) * (data[i + 3] ?? 0);
      a += wa;
      r += wa * (data[i] ?? 0);
      g += wa * (data[i + 1] ?? 0);
      b += wa * (data[i + 2] ?? 0);
    }
    row[x * 4] = a;
    row[x * 4 + 1] = r;
    row[x * 4 + 2] = g;
    row[x * 4 + 3] = b;
  }
}

/**
 * The taps of `length` output pixels reading `sourceLength` source pixels from `start`. Weights are
 * exact integers first (in units of 1/length or 1/(2 * length) of a source pixel), then scaled to
 * WEIGHT_ONE with the rounding remainder given to the heaviest tap.
 */
export function computeTaps(start: number, sourceLength: number, length: number): AxisTaps {
  const offset = new Int32Array(length);
  const count = new Int32Array(length);
  const index: number[] = [];
  const raw: number[] = [];
  let maxCount = 0;
  for (let i = 0; i < length; i++) {
    offset[i] = index.length;
    if (length <= sourceLength) {
      // Area: output pixel i covers [i * S, (i + 1) * S) in units of 1/length of a source pixel.
      const from = i * sourceLength;
      const to = from + sourceLength;
      for (let j = Math.floor(from / length); j * length < to; j++) {
        const overlap = Math.min((j + 1) * length, to) - Math.max(j * length, from);
        if (overlap > 0) {
          index.push(start + j);
          raw.push(overlap);
        }
      }
    } else {
      // Bilinear: the centre of output pixel i is at (2i + 1) * S - length, in units of 1/(2 * length).
      const centre = (2 * i + 1) * sourceLength - length;
      const j = Math.floor(centre / (2 * length));
      const fraction = centre - j * 2 * length;
      index.push(start + Math.max(0, j), start + Math.min(sourceLength - 1, j + 1));
      raw.push(2 * length - fraction, fraction);
    }
    count[i] = index.length - (offset[i] ?? 0);
    maxCount = Math.max(maxCount, count[i] ?? 0);
    normalize(raw, offset[i] ?? 0, index.length);
  }
  return { offset, count, index: Int32Array.from(index), weight: Int32Array.from(raw), maxCount };
}

/** Scales weights [from, to) of `raw` in place to integers summing to WEIGHT_ONE. */
function normalize(raw: number[], from: number, to: number): void {
  let total = 0;
  for (let t = from; t < to; t++) total += raw[t] ?? 0;
  let sum = 0;
  let heaviest = from;
  for (let t = from; t < to; t++) {
    const weight = Math.floor(((raw[t] ?? 0) * WEIGHT_ONE) / total);
    raw[t] = weight;
    sum += weight;
    if (weight > (raw[heaviest] ?? 0)) heaviest = t;
  }
  raw[heaviest] = (raw[heaviest] ?? 0) + WEIGHT_ONE - sum;
}
