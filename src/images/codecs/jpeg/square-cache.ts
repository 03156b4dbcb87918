import { MAX_CODED_BLOCK_WORDS } from './block-coder.js';

/** An entry's words: where its pixels start in the image, then three coded blocks (Y, Cb, Cr). */
const ENTRY_WORDS = 1 + 3 * MAX_CODED_BLOCK_WORDS;

/**
 * The coded blocks of the 8x8 squares of one row of squares, found again by their pixels: our
 * pictures repeat along a row (stripes, textures, gradients that change only from row to row), so
 * a square often equals one a few squares to its left and is written again without colour
 * conversion, DCT or quantisation. Holds one row at a time; `startRow` empties it.
 */
export class SquareCache {
  /** The entries, as `writeCodedBlock` reads them; an entry's blocks start at the offset `find` and `add` return. */
  readonly pool: Int32Array;
  private readonly byHash = new Map<number, number>();
  private free = 0;

  constructor(squaresPerRow: number) {
    this.pool = new Int32Array(squaresPerRow * ENTRY_WORDS);
  }

  startRow(): void {
    this.byHash.clear();
    this.free = 0;
  }

  /**
   * The offset of the coded blocks of an earlier square of this row whose 8 x `rows` pixels equal
   * those from `start`, or -1. `hash` is `hashSquare` of them.
   */
  find(hash: number, pixels: Uint32Array, start: number, width: number, rows: number): number {
    const blocks = this.byHash.get(hash);
    if (blocks === undefined) return -1;
    const other = this.pool[blocks - 1] ?? 0;
    for (let row = 0; row < rows; row++) {
      const i = start + row * width;
      const j = other + row * width;
      for (let column = 0; column < 8; column++) if (pixels[i + column] !== pixels[j + column]) return -1;
    }
    return blocks;
  }

  /**
   * Makes room for the square whose pixels start at `start` and returns the offset to code its
   * blocks at; `commit` with the offset after them. With a `hash`, `find` will return it.
   */
  add(start: number, hash?: number): number {
    this.pool[this.free] = start;
    const blocks = this.free + 1;
    if (hash !== undefined) this.byHash.set(hash, blocks);
    return blocks;
  }

  commit(end: number): void {
    this.free = end;
  }
}

/** A hash of the 8 x `rows` pixels from `start` (FNV-1a over whole pixels), kept a small integer. */
export function hashSquare(pixels: Uint32Array, start: number, width: number, rows: number): number {
  let hash = 0x811c9dc5;
  for (let row = 0; row < rows; row++) {
    const i = start + row * width;
    for (let column = 0; column < 8; column++) hash = Math.imul(hash ^ (pixels[i + column] ?? 0), 0x01000193);
  }
  return hash & 0x3fffffff;
}
