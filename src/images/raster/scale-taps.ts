/** Weights are fixed-point numbers with this many fraction bits; an output pixel's weights sum to 1. */
export const WEIGHT_BITS = 12;
const WEIGHT_ONE = 1 << WEIGHT_BITS;

/** The source pixels each output pixel reads along one axis: taps [offset, offset + count) of `index` and `weight`. */
export interface AxisTaps {
  readonly offset: Int32Array;
  readonly count: Int32Array;
  readonly index: Int32Array;
  /** Each output pixel's weights sum to 1 << WEIGHT_BITS. */
  readonly weight: Int32Array;
  /** The most taps of any output pixel. */
  readonly maxCount: number;
}

/**
 * The taps of `length` output pixels reading `sourceLength` source pixels from `start`: an area
 * average when shrinking, bilinear when enlarging. Weights are exact integers first (in units of
 * 1/length or 1/(2 * length) of a source pixel), then scaled to 1 << WEIGHT_BITS with the rounding
 * remainder given to the heaviest tap, so every platform computes the same ones.
 */
export function computeTaps(start: number, sourceLength: number, length: number): AxisTaps {
  const offset = new Int32Array(length);
  const count = new Int32Array(length);
  const index: number[] = [];
  const raw: number[] = [];
  let maxCount = 0;
  for (let i = 0; i < length; i++) {
    const first = index.length;
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
      // Bilinear: output pixel i's centre is at (2i + 1) * S - length, in units of 1/(2 * length).
      const centre = (2 * i + 1) * sourceLength - length;
      const j = Math.floor(centre / (2 * length));
      const fraction = centre - j * 2 * length;
      index.push(start + Math.max(0, j), start + Math.min(sourceLength - 1, j + 1));
      raw.push(2 * length - fraction, fraction);
    }
    offset[i] = first;
    count[i] = index.length - first;
    maxCount = Math.max(maxCount, index.length - first);
    normalize(raw, first, index.length);
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
