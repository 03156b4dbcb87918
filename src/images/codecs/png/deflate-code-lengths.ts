import { buildCodeLengths } from '../shared/huffman-code-lengths.js';
import type { DeflateSymbolCounts } from './deflate-writer.js';

/**
 * The one constant Huffman table of our deflate blocks (RFC 1951 3.2.7, BTYPE = 10), as code
 * lengths. Our streams are mostly zero runs (a literal 0, then length 258 at distance 1), span
 * boundaries (3 literal bytes) and periodic patterns (distance 3 * period), so a table fitted to
 * those beats the fixed codes: a 258-byte zero run costs 4 bits instead of 13.
 *
 * Derived once, not per image, by `node scripts/derive-deflate-table.js` (after a build): the
 * symbols of the first 12 cases of fixtures/golden-images.json (the PNG cases it held when the
 * table was fitted) are counted and fitted by `fitDeflateCodeLengths` below. A test checks that
 * the derivation still gives these numbers. Changing them changes every PNG's bytes.
 */

/** Code length of literal/length symbols 0..285 (0-255 bytes, 256 end of block, 257-285 lengths). */
export const LITERAL_LENGTH_CODE_LENGTHS: readonly number[] = [
  2, 4, 7, 9, 9, 9, 9, 8, 9, 9, 9, 9, 9, 9, 9, 10, 10, 10, 10, 10, 10, 10, 10, 9, 9, 9, 10, 9, 10, 10, 6, 10,
  8, 9, 9, 8, 8, 8, 8, 9, 10, 6, 9, 9, 10, 10, 10, 9, 10, 10, 11, 9, 10, 10, 10, 8, 9, 10, 10, 10, 10, 9, 10,
  10, 10, 10, 10, 9, 10, 10, 10, 10, 10, 10, 10, 10, 9, 9, 10, 9, 10, 10, 10, 10, 10, 10, 10, 9, 10, 9, 10,
  10, 10, 10, 11, 10, 10, 10, 10, 10, 9, 9, 10, 10, 10, 9, 8, 9, 10, 10, 10, 10, 11, 10, 11, 10, 10, 10, 10,
  11, 11, 10, 9, 10, 11, 11, 10, 11, 11, 11, 11, 11, 9, 10, 11, 9, 10, 11, 10, 10, 10, 10, 11, 10, 10, 10, 10,
  11, 10, 9, 9, 10, 11, 10, 11, 9, 9, 10, 10, 10, 9, 10, 11, 11, 10, 9, 10, 10, 10, 9, 11, 11, 10, 10, 11, 10,
  10, 10, 11, 9, 9, 9, 10, 10, 10, 9, 10, 9, 9, 9, 10, 10, 10, 11, 10, 10, 10, 10, 11, 11, 9, 10, 10, 10, 11,
  10, 10, 10, 9, 10, 10, 10, 10, 10, 10, 6, 10, 9, 8, 8, 8, 8, 9, 9, 8, 10, 6, 10, 10, 9, 10, 9, 10, 10, 10,
  10, 10, 9, 11, 10, 8, 11, 9, 9, 10, 10, 10, 10, 10, 9, 9, 9, 9, 8, 9, 7, 13, 9, 12, 7, 10, 13, 7, 9, 8, 8,
  7, 10, 8, 8, 7, 9, 8, 7, 7, 8, 7, 7, 7, 8, 8, 7, 7, 7, 6, 3,
];

/** Code length of distance codes 0..29. */
export const DISTANCE_CODE_LENGTHS: readonly number[] = [
  1, 12, 12, 12, 10, 12, 6, 12, 10, 7, 4, 5, 6, 9, 3, 3, 5, 4, 6, 12, 12, 12, 12, 12, 12, 12, 12, 12, 12, 12,
];

/**
 * Code length of the code-length alphabet 0..18, which writes the two tables above in the block
 * header as plain lengths (no repeat codes 16-18). Huffman code (<= 7 bits) of how often each
 * length occurs in them.
 */
export const CODE_LENGTH_CODE_LENGTHS: readonly number[] = [
  0, 7, 7, 7, 7, 7, 6, 5, 4, 2, 1, 4, 5, 7, 0, 0, 0, 0, 0,
];

/** The order in which the header lists the code-length code lengths (RFC 1951 3.2.7). */
export const CODE_LENGTH_ORDER: readonly number[] = [
  16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15,
];

/** A table as above: literal/length, distance and code-length code lengths. */
export interface DeflateCodeLengths {
  readonly literalLength: readonly number[];
  readonly distance: readonly number[];
  readonly codeLength: readonly number[];
}

/**
 * Fits the table to symbol counts: every count raised to at least 1, so that any literal, length
 * 3..258 and distance 1..32768 stays encodable, then length-limited Huffman codes by package-merge
 * (literal/length <= 15 bits; distance <= 12 bits, so that a code and its 13 extra bits fit one
 * 25-bit write). Both codes are complete (Kraft sum exactly 1). The code-length code (<= 7 bits)
 * is fitted to how often each length occurs in the two, which the header lists as plain lengths.
 */
export function fitDeflateCodeLengths(counts: DeflateSymbolCounts): DeflateCodeLengths {
  const atLeastOne = (histogram: Float64Array): number[] =>
    Array.from(histogram, (count) => Math.max(1, count));
  const literalLength = [...buildCodeLengths(atLeastOne(counts.literalLengths), 15)];
  const distance = [...buildCodeLengths(atLeastOne(counts.distances), 12)];
  const lengthCounts = new Array<number>(CODE_LENGTH_ORDER.length).fill(0); // symbols 0..18
  for (const length of [...literalLength, ...distance])
    lengthCounts[length] = (lengthCounts[length] ?? 0) + 1;
  return { literalLength, distance, codeLength: [...buildCodeLengths(lengthCounts, 7)] };
}
