/**
 * A minimal raw deflate (RFC 1951) encoder: one final block with the fixed Huffman codes,
 * fed literals and back-references chosen by the caller. It has no match finder.
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
const MAX_PUT_BITS = 25;

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
interface CodeTable {
  readonly bits: Uint32Array;
  readonly counts: Uint8Array;
}

const LITERALS = buildLiteralTable();
const LENGTHS = buildRangeTable(MAX_MATCH, LENGTH_BASES, LENGTH_EXTRA, readLengthCode);
const DISTANCES = buildRangeTable(MAX_DISTANCE, DISTANCE_BASES, DISTANCE_EXTRA, (i) => [
  reverseBits(i, 5),
  5,
]);

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
  const bits = createBitWriter(INITIAL_CAPACITY);
  bits.put(0b011, 3); // BFINAL = 1, BTYPE = 01 (fixed Huffman codes)
  return {
    ...createCodeSink(bits),
    finish() {
      bits.put(LITERALS.bits[END_OF_BLOCK] ?? 0, LITERALS.counts[END_OF_BLOCK] ?? 0);
      return bits.finish();
    },
  };
}

interface BitWriter {
  /** Appends the low `count` (<= MAX_PUT_BITS) bits of `bits`, LSB first. */
  put(bits: number, count: number): void;
  /** Pads to a whole byte and returns the bytes. */
  finish(): Buffer;
}

function createBitWriter(capacity: number): BitWriter {
  let out = new Uint8Array(capacity);
  let position = 0;
  let pending = 0; // bits not yet written, LSB first
  let pendingCount = 0;
  const put = (bits: number, count: number): void => {
    if (position + 4 > out.length) {
      const grown = new Uint8Array(out.length * 2);
      grown.set(out);
      out = grown;
    }
    // Fewer than 8 pending bits plus at most 25 new ones: fits in 32 bits (read back with >>>).
    pending |= bits << pendingCount;
    pendingCount += count;
    while (pendingCount >= 8) {
      out[position++] = pending & 255;
      pending >>>= 8;
      pendingCount -= 8;
    }
  };
  return {
    put,
    finish() {
      if (pendingCount > 0) put(0, 8 - pendingCount);
      return Buffer.from(out.buffer, out.byteOffset, position);
    },
  };
}

function createCodeSink(bits: BitWriter): CodeSink {
  const putMatch = (length: number, distance: number): void => {
    const lengthCount = LENGTHS.counts[length] ?? 0;
    const distanceCount = DISTANCES.counts[distance] ?? 0;
    if (lengthCount + distanceCount <= MAX_PUT_BITS) {
      const lengthBits = LENGTHS.bits[length] ?? 0;
      bits.put(lengthBits | ((DISTANCES.bits[distance] ?? 0) << lengthCount), lengthCount + distanceCount);
    } else {
      bits.put(LENGTHS.bits[length] ?? 0, lengthCount);
      bits.put(DISTANCES.bits[distance] ?? 0, distanceCount);
    }
  };
  return {
    literal(byte) {
      bits.put(LITERALS.bits[byte] ?? 0, LITERALS.counts[byte] ?? 0);
    },
    match(length, distance) {
      if (length < MIN_MATCH || !(distance >= 1 && distance <= MAX_DISTANCE)) {
        throw new RangeError(`Invalid deflate match: length ${length}, distance ${distance}`);
      }
      let rest = length;
      while (rest > MAX_MATCH) {
        // Never leave a tail shorter than the minimum match.
        const part = rest - MAX_MATCH < MIN_MATCH ? rest - MIN_MATCH : MAX_MATCH;
        putMatch(part, distance);
        rest -= part;
      }
      putMatch(rest, distance);
    },
  };
}

/** Fixed literal/length codes (RFC 1951 3.2.6): 0-143 8 bits, 144-255 9, 256-279 7, 280-287 8. */
function buildLiteralTable(): CodeTable {
  const bits = new Uint32Array(288);
  const counts = new Uint8Array(288);
  for (let symbol = 0; symbol < 288; symbol++) {
    const [code, count] =
      symbol < 144
        ? [0x30 + symbol, 8]
        : symbol < 256
          ? [0x190 + symbol - 144, 9]
          : symbol < 280
            ? [symbol - 256, 7]
            : [0xc0 + symbol - 280, 8];
    bits[symbol] = reverseBits(code, count);
    counts[symbol] = count;
  }
  return { bits, counts };
}

/** Length code `index` is literal/length symbol 257 + index. */
function readLengthCode(index: number): [number, number] {
  return [LITERALS.bits[257 + index] ?? 0, LITERALS.counts[257 + index] ?? 0];
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
    const end = Math.min(max, base + (1 << extra) - 1);
    for (let value = base; value <= end; value++) {
      bits[value] = code | ((value - base) << count);
      counts[value] = count + extra;
    }
  });
  return { bits, counts };
}

/** Huffman codes are defined MSB first; deflate packs bits LSB first. */
function reverseBits(code: number, count: number): number {
  let reversed = 0;
  for (let i = 0; i < count; i++) reversed |= ((code >> i) & 1) << (count - 1 - i);
  return reversed;
}
