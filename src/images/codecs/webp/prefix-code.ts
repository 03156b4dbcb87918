import type { BitWriter } from '../shared/bit-writer.js';
import { toLsbFirstCodes, writeCodeLengthCodeLengths } from '../shared/canonical-codes.js';
import { buildCodeLengths } from '../shared/huffman-code-lengths.js';

/**
 * The prefix codes of WebP lossless (VP8L, RFC 9649 section 3.7): canonical Huffman codes as in
 * deflate, sent as code lengths that are themselves run-length and prefix coded.
 */
const MAX_CODE_LENGTH = 15;
const MAX_CODE_LENGTH_CODE_LENGTH = 7;
/** The order in which the code-length code lengths are sent. */
const CODE_LENGTH_ORDER = [17, 18, 0, 1, 2, 3, 4, 5, 16, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15];
const REPEAT_PREVIOUS = 16; // previous non-zero length, 3..6 times (2 extra bits)
const REPEAT_ZERO = 17; // zero, 3..10 times (3 extra bits)
const REPEAT_ZERO_LONG = 18; // zero, 11..138 times (7 extra bits)
/** What a decoder repeats with code 16 before any non-zero length was sent. */
const INITIAL_PREVIOUS_LENGTH = 8;

/** A prefix code ready to write symbols with: bit-reversed codes (LSB first) and their bit counts. */
export interface PrefixCode {
  readonly lengths: Uint8Array;
  readonly bits: Uint32Array;
  /** Bits per symbol; all 0 when the code has one symbol, which decoders read with no bits. */
  readonly counts: Uint8Array;
}

/** The optimal prefix code (at most `maxLength` bits) for a histogram of symbols. */
export function buildPrefixCode(histogram: ArrayLike<number>, maxLength = MAX_CODE_LENGTH): PrefixCode {
  const lengths = buildCodeLengths(histogram, maxLength);
  const { bits, counts } = toLsbFirstCodes(lengths);
  if (lengths.filter((length) => length > 0).length === 1) counts.fill(0);
  return { lengths, bits, counts };
}

/** Writes `symbol` with `code`. */
export function putSymbol(writer: BitWriter, code: PrefixCode, symbol: number): void {
  writer.put(code.bits[symbol] ?? 0, code.counts[symbol] ?? 0);
}

/**
 * Writes the code's description: the simple form for one or two symbols below 256, otherwise
 * the normal form (code lengths run-length coded with codes 16-18, under a code-length code).
 * An unused code (no symbols) is written as the one-symbol code of symbol 0, as the spec allows.
 */
export function writePrefixCode(writer: BitWriter, code: PrefixCode): void {
  const used: number[] = [];
  code.lengths.forEach((length, symbol) => {
    if (length > 0) used.push(symbol);
  });
  if (used.length <= 2 && used.every((symbol) => symbol < 256)) {
    writeSimpleCode(writer, used);
    return;
  }
  const tokens = runLengthCode(code.lengths);
  const histogram = new Uint32Array(CODE_LENGTH_ORDER.length);
  for (const [symbol] of tokens) histogram[symbol] = (histogram[symbol] ?? 0) + 1;
  const lengthCode = buildPrefixCode(histogram, MAX_CODE_LENGTH_CODE_LENGTH);
  writer.put(0, 1); // normal code length code
  writeCodeLengthCodeLengths(writer, lengthCode.lengths, CODE_LENGTH_ORDER);
  writer.put(0, 1); // lengths follow for the whole alphabet
  for (const [symbol, extra] of tokens) {
    putSymbol(writer, lengthCode, symbol);
    if (symbol === REPEAT_PREVIOUS) writer.put(extra, 2);
    else if (symbol === REPEAT_ZERO) writer.put(extra, 3);
    else if (symbol === REPEAT_ZERO_LONG) writer.put(extra, 7);
  }
}

function writeSimpleCode(writer: BitWriter, symbols: readonly number[]): void {
  const [first = 0, second] = symbols;
  writer.put(1, 1); // simple code length code
  writer.put(second === undefined ? 0 : 1, 1); // number of symbols - 1
  if (first < 2) {
    writer.put(0, 1);
    writer.put(first, 1);
  } else {
    writer.put(1, 1);
    writer.put(first, 8);
  }
  if (second !== undefined) writer.put(second, 8);
}

/**
 * The code lengths as code-length symbols with their extra-bit values: runs of zeros as 17/18,
 * runs of a non-zero length as one literal then 16s (which repeat the last non-zero literal).
 */
function runLengthCode(lengths: Uint8Array): [number, number][] {
  const tokens: [number, number][] = [];
  let previous = INITIAL_PREVIOUS_LENGTH;
  for (let i = 0; i < lengths.length;) {
    const length = lengths[i] ?? 0;
    let run = 1;
    while (i + run < lengths.length && lengths[i + run] === length) run++;
    i += run;
    if (length === 0) {
      for (; run >= 11; run -= Math.min(run, 138)) tokens.push([REPEAT_ZERO_LONG, Math.min(run, 138) - 11]);
      if (run >= 3) tokens.push([REPEAT_ZERO, run - 3]);
      else for (; run > 0; run--) tokens.push([0, 0]);
      continue;
    }
    if (length !== previous) {
      tokens.push([length, 0]);
      previous = length;
      run--;
    }
    for (; run >= 3; run -= Math.min(run, 6)) tokens.push([REPEAT_PREVIOUS, Math.min(run, 6) - 3]);
    for (; run > 0; run--) tokens.push([length, 0]);
  }
  return tokens;
}
