import { describe, expect, it } from 'vitest';
import {
  buildHuffmanCodes,
  CHROMA_AC_SPEC,
  CHROMA_DC_SPEC,
  CHROMA_QUANT_BASE,
  LUMA_AC_SPEC,
  LUMA_DC_SPEC,
  LUMA_QUANT_BASE,
  scaleQuantTable,
  ZIGZAG_TO_NATURAL,
  type HuffmanSpec,
} from './tables.js';

/** The zigzag walk of T.81 Figure 5, built step by step: along anti-diagonals, alternating direction. */
function walkZigzag(): number[] {
  const order: number[] = [];
  for (let diagonal = 0; diagonal < 15; diagonal++) {
    const cells: number[] = [];
    for (let row = 0; row < 8; row++) {
      const column = diagonal - row;
      if (column >= 0 && column < 8) cells.push(row * 8 + column);
    }
    // Even diagonals run up and to the right (row falling), odd ones down and to the left.
    order.push(...(diagonal % 2 === 0 ? cells.reverse() : cells));
  }
  return order;
}

/** The code of `symbol` as a string of 0s and 1s. */
function codeOf(spec: HuffmanSpec, symbol: number): string {
  const { codes, lengths } = buildHuffmanCodes(spec);
  return (codes[symbol] ?? 0).toString(2).padStart(lengths[symbol] ?? 0, '0');
}

describe('ZIGZAG_TO_NATURAL', () => {
  it('is the zigzag walk of T.81', () => {
    expect(ZIGZAG_TO_NATURAL).toEqual(walkZigzag());
    expect(new Set(ZIGZAG_TO_NATURAL).size).toBe(64);
  });
});

describe('scaleQuantTable', () => {
  it('gives the Annex K tables at quality 50 and all ones at 100', () => {
    expect(scaleQuantTable(LUMA_QUANT_BASE, 50)).toEqual(LUMA_QUANT_BASE);
    expect(scaleQuantTable(CHROMA_QUANT_BASE, 50)).toEqual(CHROMA_QUANT_BASE);
    expect(scaleQuantTable(LUMA_QUANT_BASE, 100)).toEqual(Array<number>(64).fill(1));
  });

  it('follows the IJG formula between, clamped to 8 bits at the lowest qualities', () => {
    // libjpeg's luminance table at quality 75 starts 8 6 5 8 12 20 26 31.
    expect(scaleQuantTable(LUMA_QUANT_BASE, 75).slice(0, 8)).toEqual([8, 6, 5, 8, 12, 20, 26, 31]);
    // Quality 10: scale 500, so 16 becomes 80 and 99 becomes 495, clamped to 255.
    expect(scaleQuantTable(LUMA_QUANT_BASE, 10)[0]).toBe(80);
    expect(scaleQuantTable(CHROMA_QUANT_BASE, 10)[63]).toBe(255);
    expect(scaleQuantTable(LUMA_QUANT_BASE, 1)).toEqual(Array<number>(64).fill(255));
  });

  it('never gets coarser as quality rises', () => {
    for (let quality = 2; quality <= 100; quality++) {
      const finer = scaleQuantTable(LUMA_QUANT_BASE, quality);
      const coarser = scaleQuantTable(LUMA_QUANT_BASE, quality - 1);
      finer.forEach((value, i) => expect(value).toBeLessThanOrEqual(coarser[i] ?? 0));
    }
  });
});

describe('Huffman tables', () => {
  const specs = { LUMA_DC_SPEC, CHROMA_DC_SPEC, LUMA_AC_SPEC, CHROMA_AC_SPEC };

  it.each(Object.entries(specs))('%s lists one distinct symbol per code', (_, spec) => {
    expect(spec.counts).toHaveLength(16);
    expect(spec.counts.reduce((sum, count) => sum + count, 0)).toBe(spec.symbols.length);
    expect(new Set(spec.symbols).size).toBe(spec.symbols.length);
  });

  it.each(Object.entries(specs))('%s gives prefix-free codes', (_, spec) => {
    const codes = spec.symbols.map((symbol) => codeOf(spec, symbol));
    for (const code of codes) {
      expect(codes.filter((other) => other.startsWith(code))).toEqual([code]);
    }
  });

  it('gives the codes printed in Annex K', () => {
    expect([0, 1, 5, 6, 11].map((symbol) => codeOf(LUMA_DC_SPEC, symbol))).toEqual([
      '00',
      '010',
      '110',
      '1110',
      '111111110',
    ]);
    expect([0, 1, 2, 11].map((symbol) => codeOf(CHROMA_DC_SPEC, symbol))).toEqual([
      '00',
      '01',
      '10',
      '11111111110',
    ]);
    // EOB, ZRL, 0/1, 0/3 and 15/10 (the longest).
    expect([0x00, 0xf0, 0x01, 0x03, 0xfa].map((symbol) => codeOf(LUMA_AC_SPEC, symbol))).toEqual([
      '1010',
      '11111111001',
      '00',
      '100',
      '1111111111111110',
    ]);
    expect([0x00, 0xf0, 0x01, 0x11].map((symbol) => codeOf(CHROMA_AC_SPEC, symbol))).toEqual([
      '00',
      '1111111010',
      '01',
      '1011',
    ]);
  });
});
