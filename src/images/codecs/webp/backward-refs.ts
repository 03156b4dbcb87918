/**
 * The LZ77 stage of our WebP lossless encoder: turns pixels into literals and copies, and counts
 * the symbols the prefix codes are built from.
 *
 * Our pictures are flat spans, patterns and rows that repeat or shift a little from the row
 * above, so a few fixed sources find most of the redundancy: the pixel above, the previous
 * pixel (a run inside a span) and the pixels above-left and above-right (edges and stripes that
 * drift by a pixel or two per row), all of them short distance codes. The first of these whose
 * run reaches GOOD_RUN pixels is taken, else the longest (greedy; keeping to the first sources
 * concentrates the distance codes, which beat the longest match in our measurements). Where
 * none of them runs far, one hash lookup of the last position that started with the same two
 * pixels finds pattern periods along a row. A pixel nothing continues becomes a literal. The
 * cost is linear with a small constant: no hash chains, no colour cache.
 */
export const MAX_COPY_LENGTH = 4096;
/** Symbols of the green alphabet: 256 green values, then 24 length prefix codes (no colour cache). */
export const GREEN_ALPHABET_SIZE = 256 + 24;
export const DISTANCE_ALPHABET_SIZE = 40;

/**
 * Distance codes 1..120 name nearby pixels (RFC 9649 5.2.2) as (dx, dy), the source being dx
 * pixels left and dy rows up; larger codes are the distance in pixels plus 120.
 */
const PLANE_CODES: readonly (readonly [dx: number, dy: number, code: number])[] = [
  [0, 1, 1],
  [1, 0, 2],
  [1, 1, 3],
  [-1, 1, 4],
  [2, 1, 9],
  [-2, 1, 10],
];
const PLANE_CODE_COUNT = 120;
/** Distance prefix codes cover values up to 2^20. */
const MAX_DISTANCE_CODE = 1 << 20;
const GOOD_RUN = 8;
const HASH_BITS = 14;

export interface BackwardRefs {
  readonly count: number;
  /** Per token: 0 for a literal pixel, else the copy length (1..4096). */
  readonly lengths: Uint16Array;
  /** Per token: the literal's 0xAARRGGBB, or the copy's distance code. */
  readonly values: Uint32Array;
  readonly green: Uint32Array;
  readonly red: Uint32Array;
  readonly blue: Uint32Array;
  readonly alpha: Uint32Array;
  readonly distance: Uint32Array;
}

export function findBackwardRefs(pixels: Uint32Array, width: number): BackwardRefs {
  const total = pixels.length;
  let capacity = Math.min(total, Math.max(4096, total >> 4));
  let lengths = new Uint16Array(capacity);
  let values = new Uint32Array(capacity);
  const green = new Uint32Array(GREEN_ALPHABET_SIZE);
  const red = new Uint32Array(256);
  const blue = new Uint32Array(256);
  const alpha = new Uint32Array(256);
  const distance = new Uint32Array(DISTANCE_ALPHABET_SIZE);
  const sources = PLANE_CODES.map(([dx, dy, code]) => ({ back: dx + dy * width, code })).filter(
    ({ back }, i, all) => back >= 1 && all.findIndex((other) => other.back === back) === i,
  );
  const backs = Int32Array.from(sources, ({ back }) => back);
  const codes = Int32Array.from(sources, ({ code }) => code);
  // Last position + 1 that started a token with a given pair of pixels.
  const starts = new Int32Array(1 << HASH_BITS);
  let count = 0;
  for (let i = 0; i < total;) {
    if (count === capacity) {
      capacity = Math.min(total, capacity * 2);
      lengths = grow(lengths, new Uint16Array(capacity));
      values = grow(values, new Uint32Array(capacity));
    }
    const limit = Math.min(MAX_COPY_LENGTH, total - i);
    let length = 0;
    let code = 0;
    for (let s = 0; s < backs.length && length < GOOD_RUN; s++) {
      const back = backs[s] ?? 1;
      if (back > i) continue;
      const run = measureRun(pixels, i, back, limit);
      if (run > length) {
        length = run;
        code = codes[s] ?? 0;
      }
    }
    if (length < GOOD_RUN && i + 1 < total) {
      const key = hashPair(pixels[i] ?? 0, pixels[i + 1] ?? 0);
      const back = i + 1 - (starts[key] ?? 0);
      starts[key] = i + 1;
      if (back <= i && back + PLANE_CODE_COUNT <= MAX_DISTANCE_CODE) {
        const run = measureRun(pixels, i, back, limit);
        if (run > length + 1) {
          length = run;
          code = toDistanceCode(back, width);
        }
      }
    }
    if (length === 0) {
      const argb = pixels[i] ?? 0;
      lengths[count] = 0;
      values[count++] = argb;
      increment(green, (argb >>> 8) & 255);
      increment(red, (argb >>> 16) & 255);
      increment(blue, argb & 255);
      increment(alpha, argb >>> 24);
      i++;
      continue;
    }
    lengths[count] = length;
    values[count++] = code;
    increment(green, 256 + toPrefix(length));
    increment(distance, toPrefix(code));
    i += length;
  }
  return { count, lengths, values, green, red, blue, alpha, distance };
}

/** The distance code of a copy `back` pixels back in an image `width` pixels wide: a plane code if one fits. */
export function toDistanceCode(back: number, width: number): number {
  for (const [dx, dy, code] of PLANE_CODES) if (dx + dy * width === back) return code;
  return back + PLANE_CODE_COUNT;
}

/** The prefix code of a length or distance code value (>= 1): 1..4 are codes 0..3, then two per octave. */
export function toPrefix(value: number): number {
  if (value <= 4) return value - 1;
  const high = 31 - Math.clz32(value - 1);
  return 2 * high + (((value - 1) >>> (high - 1)) & 1);
}

/** How many raw bits follow a prefix code. */
export function countExtraBits(prefix: number): number {
  return prefix < 4 ? 0 : (prefix - 2) >> 1;
}

/** The raw bits that follow `prefix` (= toPrefix(value)) for `value`. */
export function readExtraBits(value: number, prefix: number): number {
  if (prefix < 4) return 0;
  const extraBits = (prefix - 2) >> 1;
  return value - 1 - ((2 + (prefix & 1)) << extraBits);
}

/** How many pixels from `i` on (at most `limit`) equal the pixels `back` before them. */
function measureRun(pixels: Uint32Array, i: number, back: number, limit: number): number {
  let run = 0;
  while (run < limit && pixels[i + run] === pixels[i + run - back]) run++;
  return run;
}

function hashPair(first: number, second: number): number {
  return (Math.imul(first, 0x9e3779b1) ^ Math.imul(second, 0x85ebca6b)) >>> (32 - HASH_BITS);
}

function increment(histogram: Uint32Array, symbol: number): void {
  histogram[symbol] = (histogram[symbol] ?? 0) + 1;
}

function grow<T extends Uint16Array | Uint32Array>(from: T, to: T): T {
  to.set(from);
  return to;
}
