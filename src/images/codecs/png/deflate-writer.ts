import { BitWriter, MAX_PUT_BITS, type BitPrefix } from '../shared/bit-writer.js';
import {
  toLsbFirstCodes,
  writeCodeLengthCodeLengths,
  type LsbFirstCodes,
} from '../shared/canonical-codes.js';
import {
  CODE_LENGTH_CODE_LENGTHS,
  CODE_LENGTH_ORDER,
  DISTANCE_CODE_LENGTHS,
  LITERAL_LENGTH_CODE_LENGTHS,
} from './deflate-code-lengths.js';

/**
 * A minimal raw deflate (RFC 1951) encoder: one final block with dynamic Huffman codes, fed
 * literals and back-references chosen by the caller. It has no match finder.
 *
 * The "dynamic" codes are one constant table (deflate-code-lengths.ts) fitted to what our
 * rasterizer emits, mostly zero runs; it is not computed per image, so the block header is
 * built once at module load and copied into every stream, and encoding costs the same as
 * with the fixed codes while a 258-byte zero run takes 4 bits instead of 13.
 *
 * Why not zlib: speed and determinism. Our rasterizer already knows where the repeats are
 * (zero runs in flat spans, periodic patterns, repeated rows), so it emits them straight
 * from the span structure at a cost per span, not per byte; zlib would scan every byte of
 * the filtered rows again. And Node bundles Chromium's zlib, whose output may change with
 * the Node version or CPU; here the bytes are a pure function of the calls, on every Node.
 */
const MIN_MATCH = 3;
const MAX_MATCH = 258;
export const MAX_DISTANCE = 32768;
const END_OF_BLOCK = 256;
const INITIAL_CAPACITY = 64 * 1024;

const LENGTH_BASES = [
  3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27, 31, 35, 43, 51, 59, 67, 83, 99, 115, 131, 163, 195,
  227, 258,
];
const LENGTH_EXTRA = [0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0];
const DISTANCE_BASES = [
  1, 2, 3, 4, 5, 7, 9, 13, 17, 25, 33, 49, 65, 97, 129, 193, 257, 385, 513, 769, 1025, 1537, 2049, 3073, 4097,
  6145, 8193, 12289, 16385, 24577,
];
const DISTANCE_EXTRA = [
  0, 0, 0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8, 8, 9, 9, 10, 10, 11, 11, 12, 12, 13, 13,
];

/** Bits to write (LSB first: reversed Huffman code, then extra bits) and their count, per symbol or value. */
type CodeTable = LsbFirstCodes;

const LITERALS = toLsbFirstCodes(LITERAL_LENGTH_CODE_LENGTHS);
const DISTANCE_CODES = toLsbFirstCodes(DISTANCE_CODE_LENGTHS);
const LENGTHS = buildRangeTable(MAX_MATCH, LENGTH_BASES, LENGTH_EXTRA, (i) => readCode(LITERALS, 257 + i));
const DISTANCES = buildRangeTable(MAX_DISTANCE, DISTANCE_BASES, DISTANCE_EXTRA, (i) =>
  readCode(DISTANCE_CODES, i),
);
const BLOCK_HEADER = buildBlockHeader();

/** Receives the codes of a deflate block: literal bytes and back-references. */
export interface CodeSink {
  /** Appends one byte as a literal. */
  literal(byte: number): void;
  /** Appends `length` (>= 3) bytes copied from `distance` (1..32768) bytes back, split as needed. */
  match(length: number, distance: number): void;
}

export interface DeflateWriter extends CodeSink {
  /** Ends the block and returns the raw deflate stream. */
  finish(): Buffer;
}

export function createDeflateWriter(): DeflateWriter {
  return new HuffmanWriter(new BitWriter(INITIAL_CAPACITY, BLOCK_HEADER));
}

/** How often each symbol was written, as `createDeflateSymbolCounter` counts them. */
export interface DeflateSymbolCounts {
  /** Literal/length symbols 0..285: 0-255 bytes, 256 end of block, 257-285 match lengths. */
  readonly literalLengths: Float64Array;
  /** Distance codes 0..29. */
  readonly distances: Float64Array;
}

/**
 * A writer that counts the symbols of the blocks it is given instead of writing them (its `finish`
 * returns no bytes), matches split as the real writer splits them: the statistics our constant
 * Huffman table is fitted to (deflate-code-lengths.ts). It may be given several blocks.
 */
export function createDeflateSymbolCounter(): DeflateWriter & DeflateSymbolCounts {
  return new SymbolCounter();
}

/** The codes of a block: literals, and matches checked and split into parts a deflate code can hold. */
abstract class BlockCodes implements DeflateWriter {
  abstract literal(byte: number): void;

  abstract finish(): Buffer;

  match(length: number, distance: number): void {
    if (length < MIN_MATCH || !(distance >= 1 && distance <= MAX_DISTANCE)) {
      throw new RangeError(`Invalid deflate match: length ${length}, distance ${distance}`);
    }
    let rest = length;
    while (rest > MAX_MATCH) {
      // Never leave a tail shorter than the minimum match.
      const part = rest - MAX_MATCH < MIN_MATCH ? rest - MIN_MATCH : MAX_MATCH;
      this.putMatch(part, distance);
      rest -= part;
    }
    this.putMatch(rest, distance);
  }

  /** One part of a match, `length` 3..258. */
  protected abstract putMatch(length: number, distance: number): void;
}

class HuffmanWriter extends BlockCodes {
  constructor(private readonly bits: BitWriter) {
    super();
  }

  literal(byte: number): void {
    this.bits.put(LITERALS.bits[byte] ?? 0, LITERALS.counts[byte] ?? 0);
  }

  finish(): Buffer {
    this.bits.put(LITERALS.bits[END_OF_BLOCK] ?? 0, LITERALS.counts[END_OF_BLOCK] ?? 0);
    return this.bits.finish();
  }

  protected putMatch(length: number, distance: number): void {
    const lengthCount = LENGTHS.counts[length] ?? 0;
    const distanceCount = DISTANCES.counts[distance] ?? 0;
    const lengthBits = LENGTHS.bits[length] ?? 0;
    const distanceBits = DISTANCES.bits[distance] ?? 0;
    if (lengthCount + distanceCount <= MAX_PUT_BITS) {
      this.bits.put(lengthBits | (distanceBits << lengthCount), lengthCount + distanceCount);
    } else {
      this.bits.put(lengthBits, lengthCount);
      this.bits.put(distanceBits, distanceCount);
    }
  }
}

class SymbolCounter extends BlockCodes implements DeflateSymbolCounts {
  readonly literalLengths = new Float64Array(LITERAL_LENGTH_CODE_LENGTHS.length);
  readonly distances = new Float64Array(DISTANCE_CODE_LENGTHS.length);

  literal(byte: number): void {
    this.literalLengths[byte] = (this.literalLengths[byte] ?? 0) + 1;
  }

  finish(): Buffer {
    this.literalLengths[END_OF_BLOCK] = (this.literalLengths[END_OF_BLOCK] ?? 0) + 1;
    return Buffer.alloc(0);
  }

  protected putMatch(length: number, distance: number): void {
    const symbol = 257 + findRange(LENGTH_BASES, length);
    const code = findRange(DISTANCE_BASES, distance);
    this.literalLengths[symbol] = (this.literalLengths[symbol] ?? 0) + 1;
    this.distances[code] = (this.distances[code] ?? 0) + 1;
  }
}

/**
 * The block header (RFC 1951 3.2.7): BFINAL, BTYPE = 10, HLIT, HDIST, HCLEN, the code-length
 * code lengths in their permuted order, then every literal/length and distance code length
 * written with the code-length code.
 */
function buildBlockHeader(): BitPrefix {
  const bits = new BitWriter(256);
  bits.put(0b101, 3); // BFINAL = 1, BTYPE = 10 (dynamic Huffman codes)
  bits.put(LITERAL_LENGTH_CODE_LENGTHS.length - 257, 5);
  bits.put(DISTANCE_CODE_LENGTHS.length - 1, 5);
  writeCodeLengthCodeLengths(bits, CODE_LENGTH_CODE_LENGTHS, CODE_LENGTH_ORDER);
  const codeLengthCodes = toLsbFirstCodes(CODE_LENGTH_CODE_LENGTHS);
  for (const length of [...LITERAL_LENGTH_CODE_LENGTHS, ...DISTANCE_CODE_LENGTHS]) {
    const count = codeLengthCodes.counts[length] ?? 0;
    if (count === 0) throw new Error(`Deflate code length ${length} has no code in the code-length code`);
    bits.put(codeLengthCodes.bits[length] ?? 0, count);
  }
  return bits.snapshot();
}

function readCode(table: CodeTable, symbol: number): [number, number] {
  return [table.bits[symbol] ?? 0, table.counts[symbol] ?? 0];
}

/** For every value up to `max`: its code's bits (from `codeOf(code index)`) followed by the extra bits. */
function buildRangeTable(
  max: number,
  bases: readonly number[],
  extras: readonly number[],
  codeOf: (index: number) => [number, number],
): CodeTable {
  const bits = new Uint32Array(max + 1);
  const counts = new Uint8Array(max + 1);
  bases.forEach((base, index) => {
    const extra = extras[index] ?? 0;
    const [code, count] = codeOf(index);
    if (count === 0 || count + extra > MAX_PUT_BITS) {
      throw new Error(`Deflate code ${index} of range ${base}: ${count} + ${extra} bits cannot be written`);
    }
    const end = Math.min(max, base + (1 << extra) - 1);
    for (let value = base; value <= end; value++) {
      bits[value] = code | ((value - base) << count);
      counts[value] = count + extra;
    }
  });
  return { bits, counts };
}

/** The index of the range (given by ascending `bases`) that holds `value`. */
function findRange(bases: readonly number[], value: number): number {
  let index = bases.length - 1;
  while (index > 0 && (bases[index] ?? 0) > value) index--;
  return index;
}
