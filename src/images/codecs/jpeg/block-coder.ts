import { roundCoefficient } from './dct.js';
import { MAX_PUT_BITS, type JpegBitWriter } from './jpeg-bit-writer.js';
import { ZIGZAG_TO_NATURAL, type HuffmanCodes } from './tables.js';

const EOB = 0x00;
const ZRL = 0xf0;
/** The most codes one block's AC part takes: 63 codes with their extra bits apart, 3 ZRLs, EOB. */
const MAX_AC_CODES = 2 * 63 + 4;
/** Bits per packed chunk of an AC part: as many as one `put` takes. */
const CHUNK_BITS = MAX_PUT_BITS;
/** An AC part is at most 63 codes of 16 bits with 10 extra bits each (more zeros make it shorter). */
const MAX_CHUNKS = Math.ceil((63 * 26) / CHUNK_BITS);
/** A coded block's words before its chunks: DC, chunk count, tail bits, tail length. */
const HEADER_WORDS = 4;

/** The most Int32 words a coded block takes in a pool. */
export const MAX_CODED_BLOCK_WORDS = HEADER_WORDS + MAX_CHUNKS;

/**
 * The Huffman coding state of one colour component across a scan: its tables, the DC of the
 * block it wrote last, and scratch space for the codes of an AC part.
 */
export interface BlockCoder {
  readonly dc: HuffmanCodes;
  readonly ac: HuffmanCodes;
  previousDc: number;
  readonly codeBits: Int32Array;
  readonly codeLengths: Uint8Array;
}

export function createBlockCoder(dc: HuffmanCodes, ac: HuffmanCodes): BlockCoder {
  return {
    dc,
    ac,
    previousDc: 0,
    codeBits: new Int32Array(MAX_AC_CODES),
    codeLengths: new Uint8Array(MAX_AC_CODES),
  };
}

/** Writes a block whose AC coefficients are all zero: its DC difference, then end-of-block. */
export function writeFlatBlock(writer: JpegBitWriter, coder: BlockCoder, dc: number): void {
  writeDc(writer, coder, dc);
  writer.put(coder.ac.codes[EOB] ?? 0, coder.ac.lengths[EOB] ?? 0);
}

/**
 * Codes a block into `pool` at `offset`, to be written (once or more) by `writeCodedBlock`: its
 * quantised DC, and its AC part (T.81 F.1.2) packed into 24-bit chunks: in zigzag order each
 * nonzero coefficient after its run of zeros (16 zeros at a time as ZRL), and end-of-block unless
 * the last coefficient is nonzero. `block` holds the outputs of `forwardDct` (row-major),
 * `divisors` come from `createDivisors`. Returns the offset after the coded block.
 */
export function codeBlock(
  coder: BlockCoder,
  block: Float64Array,
  divisors: Float64Array,
  pool: Int32Array,
  offset: number,
): number {
  const { codes, lengths } = coder.ac;
  const { codeBits, codeLengths } = coder;
  let count = 0;
  let run = 0;
  for (let k = 1; k < 64; k++) {
    const value = roundCoefficient((block[ZIGZAG_TO_NATURAL[k] ?? 0] ?? 0) * (divisors[k] ?? 0));
    if (value === 0) {
      run++;
      continue;
    }
    for (; run >= 16; run -= 16, count++) {
      codeBits[count] = codes[ZRL] ?? 0;
      codeLengths[count] = lengths[ZRL] ?? 0;
    }
    const size = bitSize(value);
    const symbol = (run << 4) | size;
    const code = codes[symbol] ?? 0;
    const length = lengths[symbol] ?? 0;
    const extra = extraBits(value, size);
    if (length + size <= CHUNK_BITS) {
      codeBits[count] = code * (1 << size) + extra;
      codeLengths[count++] = length + size;
    } else {
      codeBits[count] = code;
      codeLengths[count++] = length;
      codeBits[count] = extra;
      codeLengths[count++] = size;
    }
    run = 0;
  }
  if (run > 0) {
    codeBits[count] = codes[EOB] ?? 0;
    codeLengths[count++] = lengths[EOB] ?? 0;
  }
  pool[offset] = roundCoefficient((block[0] ?? 0) * (divisors[0] ?? 0));
  return packCodes(coder, count, pool, offset);
}

/** Codes a block whose AC coefficients are all zero into `pool` at `offset`, like `codeBlock`. */
export function codeFlatBlock(coder: BlockCoder, dc: number, pool: Int32Array, offset: number): number {
  pool[offset] = dc;
  pool[offset + 1] = 0;
  pool[offset + 2] = coder.ac.codes[EOB] ?? 0;
  pool[offset + 3] = coder.ac.lengths[EOB] ?? 0;
  return offset + HEADER_WORDS;
}

/**
 * Writes the block coded at `pool[offset]`: its DC as the difference from the last block this
 * coder wrote, then its AC part. Returns the offset after the coded block.
 */
export function writeCodedBlock(
  writer: JpegBitWriter,
  coder: BlockCoder,
  pool: Int32Array,
  offset: number,
): number {
  writeDc(writer, coder, pool[offset] ?? 0);
  const start = offset + HEADER_WORDS;
  const end = start + (pool[offset + 1] ?? 0);
  for (let i = start; i < end; i++) writer.put(pool[i] ?? 0, CHUNK_BITS);
  writer.put(pool[offset + 2] ?? 0, pool[offset + 3] ?? 0);
  return end;
}

/** Packs the first `count` codes of the coder's scratch space into chunks after the header at `offset`. */
function packCodes(coder: BlockCoder, count: number, pool: Int32Array, offset: number): number {
  const { codeBits, codeLengths } = coder;
  let next = offset + HEADER_WORDS;
  let pending = 0;
  let pendingLength = 0;
  for (let i = 0; i < count; i++) {
    const bits = codeBits[i] ?? 0;
    const length = codeLengths[i] ?? 0;
    const room = CHUNK_BITS - pendingLength;
    if (length < room) {
      pending = (pending << length) | bits;
      pendingLength += length;
    } else {
      const rest = length - room;
      pool[next++] = (pending << room) | (bits >>> rest);
      pending = bits & ((1 << rest) - 1);
      pendingLength = rest;
    }
  }
  pool[offset + 1] = next - offset - HEADER_WORDS;
  pool[offset + 2] = pending;
  pool[offset + 3] = pendingLength;
  return next;
}

function writeDc(writer: JpegBitWriter, coder: BlockCoder, dc: number): void {
  const difference = dc - coder.previousDc;
  coder.previousDc = dc;
  const size = bitSize(difference);
  const code = coder.dc.codes[size] ?? 0;
  const length = coder.dc.lengths[size] ?? 0;
  // A DC code is at most 11 bits and its extra bits 11: one put.
  writer.put(code * (1 << size) + extraBits(difference, size), length + size);
}

// Both without a branch on the sign, which is as likely one way as the other: mispredicted
// branches cost more than the arithmetic.

/** The category of a value (T.81 F.1.2.1): how many bits its magnitude needs, 0 for 0. */
export function bitSize(value: number): number {
  const sign = value >> 31;
  return 32 - Math.clz32((value ^ sign) - sign);
}

/** The `size` bits after a category: the value itself if positive, value - 1 in two's complement if negative. */
function extraBits(value: number, size: number): number {
  return (value + (value >> 31)) & ((1 << size) - 1);
}
