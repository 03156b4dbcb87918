import { ZIGZAG_TO_NATURAL } from './tables.js';

// cos(k * pi / 16) and products of them, as literals: Math.cos may round differently between
// Node versions, while + - * / on doubles round the same everywhere.
const COS_4 = 0.7071067811865476; // cos(4 pi / 16)
const COS_6 = 0.38268343236508984; // cos(6 pi / 16)
const COS_6_SQRT2 = 0.5411961001461971; // cos(6 pi / 16) * sqrt(2)
const COS_2_SQRT2 = 1.3065629648763766; // cos(2 pi / 16) * sqrt(2)

/** The AAN output scale of frequency k: cos(k * pi / 16) * sqrt(2), and 1 for k = 0. */
export const AAN_SCALE: readonly number[] = [
  1, 1.3870398453221475, 1.3065629648763766, 1.1758756024193588, 1, 0.7856949583871023, 0.5411961001461971,
  0.2758993792829431,
];

/**
 * What each output of `forwardDct` is multiplied by before rounding, in zigzag order: the
 * reciprocal of its quantiser (`quant`, row-major) times its output scale. A block of 64 samples
 * equal to `v` gives the DC output exactly 64 * v and every AC output exactly 0, so its quantised
 * DC is roundCoefficient(64 * v * divisors[0]).
 */
export function createDivisors(quant: readonly number[]): Float64Array {
  return Float64Array.from(ZIGZAG_TO_NATURAL, (i) => {
    const scale = (AAN_SCALE[i >> 3] ?? 1) * (AAN_SCALE[i & 7] ?? 1) * 8;
    return 1 / ((quant[i] ?? 1) * scale);
  });
}

/**
 * A scaled DCT output rounded to the nearest integer, halves up, as a small integer (never -0).
 * Math.floor(x + 0.5) rather than Math.round(x): the same but for the largest double below 0.5,
 * and several times faster in V8's optimised code. Exact arithmetic either way.
 */
export function roundCoefficient(x: number): number {
  return Math.floor(x + 0.5) | 0;
}

/**
 * The 2-D DCT of an 8x8 block of level-shifted samples, in place (row-major), by the Arai, Agui
 * and Nakajima factorisation (IJG jfdctflt.c): each output is scaled by 8 * AAN_SCALE[row] *
 * AAN_SCALE[column], which `createDivisors` folds into the quantisation.
 */
export function forwardDct(data: Float64Array): void {
  for (let i = 0; i < 64; i += 8) transform(data, i, 1);
  for (let i = 0; i < 8; i++) transform(data, i, 8);
}

/** One 1-D AAN pass over the 8 values at offset, offset + step, ... offset + 7 * step. */
function transform(data: Float64Array, offset: number, step: number): void {
  const d0 = data[offset] ?? 0;
  const d1 = data[offset + step] ?? 0;
  const d2 = data[offset + 2 * step] ?? 0;
  const d3 = data[offset + 3 * step] ?? 0;
  const d4 = data[offset + 4 * step] ?? 0;
  const d5 = data[offset + 5 * step] ?? 0;
  const d6 = data[offset + 6 * step] ?? 0;
  const d7 = data[offset + 7 * step] ?? 0;
  const tmp0 = d0 + d7;
  const tmp7 = d0 - d7;
  const tmp1 = d1 + d6;
  const tmp6 = d1 - d6;
  const tmp2 = d2 + d5;
  const tmp5 = d2 - d5;
  const tmp3 = d3 + d4;
  const tmp4 = d3 - d4;

  const even0 = tmp0 + tmp3;
  const even3 = tmp0 - tmp3;
  const even1 = tmp1 + tmp2;
  const even2 = tmp1 - tmp2;
  data[offset] = even0 + even1;
  data[offset + 4 * step] = even0 - even1;
  const z1 = (even2 + even3) * COS_4;
  data[offset + 2 * step] = even3 + z1;
  data[offset + 6 * step] = even3 - z1;

  const odd0 = tmp4 + tmp5;
  const odd1 = tmp5 + tmp6;
  const odd2 = tmp6 + tmp7;
  const z5 = (odd0 - odd2) * COS_6;
  const z2 = COS_6_SQRT2 * odd0 + z5;
  const z4 = COS_2_SQRT2 * odd2 + z5;
  const z3 = odd1 * COS_4;
  const z11 = tmp7 + z3;
  const z13 = tmp7 - z3;
  data[offset + 5 * step] = z13 + z2;
  data[offset + 3 * step] = z13 - z2;
  data[offset + step] = z11 + z4;
  data[offset + 7 * step] = z11 - z4;
}
