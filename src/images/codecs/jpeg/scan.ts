import type { ArgbImage } from '../../raster/render-pixels.js';
import { codeBlock, codeFlatBlock, writeCodedBlock, writeFlatBlock, type BlockCoder } from './block-coder.js';
import { forwardDct, roundCoefficient } from './dct.js';
import type { JpegBitWriter } from './jpeg-bit-writer.js';
import { hashSquare, SquareCache } from './square-cache.js';
import { toCb, toCr, toLuma } from './ycbcr.js';

/** What one colour component's blocks are coded with. */
export interface ComponentTables {
  readonly coder: BlockCoder;
  /** From `createDivisors`. */
  readonly divisors: Float64Array;
}

export interface ScanTables {
  readonly luma: ComponentTables;
  readonly cb: ComponentTables;
  readonly cr: ComponentTables;
}

/**
 * Writes the entropy-coded data of the one interleaved 4:4:4 scan: each 8x8 square of pixels, left
 * to right, top to bottom, as a Y, a Cb and a Cr block, with pixels past the right and bottom edges
 * copied from the last column and row.
 *
 * Our pictures are flat-colour spans, which makes three shortcuts worth their checks, each
 * giving exactly the bytes of the long way:
 * - A square of one colour skips colour conversion and DCT: each of its blocks has only a DC
 *   coefficient, whose DCT output is exactly 64 * (sample - 128) (8 times the textbook DC, a scale
 *   the divisors take out).
 * - Most other squares equal one earlier in their row of squares: the one on their left (vertical
 *   gradients, which change only from row to row) or one found by its pixels in a SquareCache
 *   (stripes, textures). They are written again from the blocks coded for it.
 * - The rest are converted and coded; each of their blocks whose 64 samples are equal takes the
 *   one-colour shortcut, the others go through the DCT.
 */
export function writeScan(writer: JpegBitWriter, image: ArgbImage, tables: ScanTables): void {
  const { width, height, pixels } = image;
  const { luma, cb, cr } = tables;
  const squares = new SquareCache(Math.ceil(width / 8));
  const { pool } = squares;
  const y = new Float64Array(64);
  const u = new Float64Array(64);
  const v = new Float64Array(64);
  let flatArgb = -1;
  let flatY = 0;
  let flatCb = 0;
  let flatCr = 0;
  for (let y0 = 0; y0 < height; y0 += 8) {
    const rows = Math.min(8, height - y0);
    squares.startRow();
    /** Where the square on the left is coded in the pool; -1 if it was one colour. */
    let left = -1;
    for (let x0 = 0; x0 < width; x0 += 8) {
      const start = y0 * width + x0;
      const columns = Math.min(8, width - x0);
      const argb = pixels[start] ?? 0;
      if (isOneColour(pixels, start, width, columns, rows, argb)) {
        if (argb !== flatArgb) {
          flatArgb = argb;
          flatY = flatDc(toLuma(argb), luma.divisors);
          flatCb = flatDc(toCb(argb), cb.divisors);
          flatCr = flatDc(toCr(argb), cr.divisors);
        }
        writeFlatBlock(writer, luma.coder, flatY);
        writeFlatBlock(writer, cb.coder, flatCb);
        writeFlatBlock(writer, cr.coder, flatCr);
        left = -1;
        continue;
      }
      let blocks = -1;
      let hash: number | undefined;
      if (columns === 8) {
        if (left >= 0 && isSameAsLeft(pixels, start, width, rows)) {
          blocks = left;
        } else {
          hash = hashSquare(pixels, start, width, rows);
          blocks = squares.find(hash, pixels, start, width, rows);
        }
      }
      if (blocks < 0) {
        blocks = squares.add(start, hash);
        convertSquare(pixels, start, width, columns, rows, y, u, v);
        let end = codeSamples(luma, y, pool, blocks);
        end = codeSamples(cb, u, pool, end);
        squares.commit(codeSamples(cr, v, pool, end));
      }
      left = blocks;
      let next = writeCodedBlock(writer, luma.coder, pool, blocks);
      next = writeCodedBlock(writer, cb.coder, pool, next);
      writeCodedBlock(writer, cr.coder, pool, next);
    }
  }
}

/** Whether the `columns` x `rows` pixels from `start` are all `argb`. */
function isOneColour(
  pixels: Uint32Array,
  start: number,
  width: number,
  columns: number,
  rows: number,
  argb: number,
): boolean {
  for (let row = 0, i = start; row < rows; row++, i += width) {
    for (let column = 0; column < columns; column++) if (pixels[i + column] !== argb) return false;
  }
  return true;
}

/** Whether the 8 x `rows` pixels from `start` equal the 8 x `rows` pixels left of them. */
function isSameAsLeft(pixels: Uint32Array, start: number, width: number, rows: number): boolean {
  for (let row = 0, i = start; row < rows; row++, i += width) {
    for (let column = 0; column < 8; column++)
      if (pixels[i + column] !== pixels[i + column - 8]) return false;
  }
  return true;
}

/** The quantised DC of a block of 64 equal level-shifted samples (see `createDivisors`). */
function flatDc(sample: number, divisors: Float64Array): number {
  return roundCoefficient(64 * sample * (divisors[0] ?? 0));
}

/** Codes 64 level-shifted samples into the pool: DC only when they are equal, else through the DCT. */
function codeSamples(
  component: ComponentTables,
  block: Float64Array,
  pool: Int32Array,
  offset: number,
): number {
  const first = block[0] ?? 0;
  let i = 1;
  while (i < 64 && block[i] === first) i++;
  if (i === 64) return codeFlatBlock(component.coder, flatDc(first, component.divisors), pool, offset);
  forwardDct(block);
  return codeBlock(component.coder, block, component.divisors, pool, offset);
}

/**
 * Level-shifted Y, Cb and Cr of the `columns` x `rows` pixels from `start` into 8x8 blocks, the
 * last column and row repeated to fill them.
 */
function convertSquare(
  pixels: Uint32Array,
  start: number,
  width: number,
  columns: number,
  rows: number,
  y: Float64Array,
  u: Float64Array,
  v: Float64Array,
): void {
  let previous = -1;
  let luma = 0;
  let cb = 0;
  let cr = 0;
  for (let row = 0, i = 0; row < 8; row++) {
    const base = start + Math.min(row, rows - 1) * width;
    for (let column = 0; column < 8; column++, i++) {
      const argb = pixels[base + (column < columns ? column : columns - 1)] ?? 0;
      if (argb !== previous) {
        previous = argb;
        luma = toLuma(argb);
        cb = toCb(argb);
        cr = toCr(argb);
      }
      y[i] = luma;
      u[i] = cb;
      v[i] = cr;
    }
  }
}
