import { describe, expect, it } from 'vitest';
import {
  bitSize,
  codeBlock,
  codeFlatBlock,
  createBlockCoder,
  MAX_CODED_BLOCK_WORDS,
  writeCodedBlock,
  writeFlatBlock,
  type BlockCoder,
} from './block-coder.js';
import { createDivisors, forwardDct } from './dct.js';
import { JpegBitWriter } from './jpeg-bit-writer.js';
import {
  buildHuffmanCodes,
  CHROMA_QUANT_BASE,
  LUMA_AC_SPEC,
  LUMA_DC_SPEC,
  LUMA_QUANT_BASE,
  scaleQuantTable,
  ZIGZAG_TO_NATURAL,
} from './tables.js';

const lumaCoder = (): BlockCoder =>
  createBlockCoder(buildHuffmanCodes(LUMA_DC_SPEC), buildHuffmanCodes(LUMA_AC_SPEC));

/** Entropy-coded bytes for a string of 0s and 1s: padded with 1s, 0xFF stuffed. */
function toJpegBytes(bits: string): number[] {
  const padded = bits.padEnd(Math.ceil(bits.length / 8) * 8, '1');
  const bytes: number[] = [];
  for (let i = 0; i < padded.length; i += 8) {
    const byte = parseInt(padded.slice(i, i + 8), 2);
    bytes.push(...(byte === 255 ? [255, 0] : [byte]));
  }
  return bytes;
}

function bytesOf(write: (writer: JpegBitWriter) => void): number[] {
  const writer = new JpegBitWriter(64);
  write(writer);
  writer.padToByte();
  return [...writer.finish()];
}

/** DCT outputs that quantise (with divisors of 1) to the given zigzag-ordered coefficients. */
function outputsOf(zigzag: Record<number, number>): Float64Array {
  const block = new Float64Array(64);
  for (const [k, value] of Object.entries(zigzag)) block[ZIGZAG_TO_NATURAL[Number(k)] ?? 0] = value;
  return block;
}

const ONES = new Float64Array(64).fill(1);

/** Codes `block` into a fresh pool and writes it. */
function writeBlock(writer: JpegBitWriter, coder: BlockCoder, block: Float64Array, divisors = ONES): void {
  const pool = new Int32Array(MAX_CODED_BLOCK_WORDS);
  codeBlock(coder, block, divisors, pool, 0);
  writeCodedBlock(writer, coder, pool, 0);
}

describe('bitSize', () => {
  it('is the category of T.81 F.1.2.1', () => {
    expect([0, 1, -1, 2, -3, 4, 1023, -1024, 2047, -2047].map(bitSize)).toEqual([
      0, 1, 1, 2, 2, 3, 10, 11, 11, 11,
    ]);
  });
});

describe('block coding', () => {
  it('writes a flat block as its DC difference and end-of-block', () => {
    // DC 5: category 3 (100) and 101; EOB 1010. Then DC 5 again: category 0 (00); EOB.
    // Then DC -6: difference -11, category 4 (101) and -11 + 15 = 0100.
    const coder = lumaCoder();
    const bytes = bytesOf((w) => [5, 5, -6].forEach((dc) => writeFlatBlock(w, coder, dc)));
    expect(bytes).toEqual(toJpegBytes('100' + '101' + '1010' + '00' + '1010' + '101' + '0100' + '1010'));
  });

  it('codes runs of zeros, ZRL for 16 of them, and end-of-block', () => {
    const coder = lumaCoder();
    // DC 0 (00); at 1: 1, run 0 size 1 (00) and 1; at 20: -3, a run of 18 as ZRL (11111111001) then
    // run 2 size 2 (11111001) and -3 + 3 = 00; zeros to the end: EOB (1010).
    const bytes = bytesOf((w) => writeBlock(w, coder, outputsOf({ 1: 1, 20: -3 })));
    expect(bytes).toEqual(toJpegBytes('00' + '00' + '1' + '11111111001' + '11111001' + '00' + '1010'));
  });

  it('ends without end-of-block when the last coefficient is nonzero', () => {
    const coder = lumaCoder();
    // DC 2: category 2 (011) and 10; at 63: 1, a run of 62 as three ZRLs then run 14 size 1
    // (1111111111101011) and 1.
    const bytes = bytesOf((w) => writeBlock(w, coder, outputsOf({ 0: 2, 63: 1 })));
    const zrl = '11111111001';
    expect(bytes).toEqual(toJpegBytes('011' + '10' + zrl + zrl + zrl + '1111111111101011' + '1'));
  });

  it('writes a coded block again with its DC as a difference from the last one', () => {
    const coder = lumaCoder();
    const pool = new Int32Array(2 * MAX_CODED_BLOCK_WORDS);
    const end = codeBlock(coder, outputsOf({ 0: 4, 2: -1 }), ONES, pool, 0);
    codeFlatBlock(coder, 9, pool, end);
    const bytes = bytesOf((w) => {
      writeCodedBlock(w, coder, pool, 0);
      writeCodedBlock(w, coder, pool, 0);
      writeCodedBlock(w, coder, pool, end);
      writeCodedBlock(w, coder, pool, 0);
    });
    // DC 4: 100 100; at 2: -1, run 1 size 1 (1100) and 0; EOB 1010. Again: DC difference 0 (00).
    // Flat DC 9: difference 5 (100 101); EOB. Then DC 4: difference -5 (100 010).
    const ac = '1100' + '0' + '1010';
    expect(bytes).toEqual(toJpegBytes('100100' + ac + '00' + ac + '100101' + '1010' + '100010' + ac));
  });

  it('codes a flat block exactly as the DCT of 64 equal samples', () => {
    for (const quality of [100, 75, 50, 10, 1]) {
      for (const [base, sample] of [
        [LUMA_QUANT_BASE, -128],
        [LUMA_QUANT_BASE, 3],
        [CHROMA_QUANT_BASE, 127],
        [CHROMA_QUANT_BASE, -41],
      ] as const) {
        const divisors = createDivisors(scaleQuantTable(base, quality));
        const block = new Float64Array(64).fill(sample);
        forwardDct(block);
        const viaDct = new Int32Array(MAX_CODED_BLOCK_WORDS);
        const flat = new Int32Array(MAX_CODED_BLOCK_WORDS);
        const end = codeBlock(lumaCoder(), block, divisors, viaDct, 0);
        const dc = Math.floor(64 * sample * (divisors[0] ?? 0) + 0.5);
        expect(codeFlatBlock(lumaCoder(), dc, flat, 0)).toBe(end);
        expect(flat).toEqual(viaDct);
      }
    }
  });

  it('fits the longest AC part in MAX_CODED_BLOCK_WORDS', () => {
    // Every coefficient nonzero and of category 10: the longest codes there are.
    const block = outputsOf(Object.fromEntries(Array.from({ length: 63 }, (_, i) => [i + 1, -1000])));
    const pool = new Int32Array(MAX_CODED_BLOCK_WORDS + 1).fill(-1);
    expect(codeBlock(lumaCoder(), block, ONES, pool, 0)).toBeLessThanOrEqual(MAX_CODED_BLOCK_WORDS);
  });
});
