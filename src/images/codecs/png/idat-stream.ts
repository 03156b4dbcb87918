import { createAdlerState, extendAdler, readAdler, type ByteSums } from './adler32.js';
import { createDeflateWriter } from './deflate-writer.js';
import { createRunEncoder } from './run-encoder.js';

const FILTER_UP = 2;
const ZLIB_HEADER = Buffer.from([0x78, 0x01]); // deflate, 32 KiB window, fastest

/**
 * Builds the zlib stream (RFC 1950) of the IDAT chunks from the structure of filtered rows:
 * the caller describes each row as bytes, zero runs and periodic patterns (run-encoder.ts)
 * and never materialises it; our own deflate writer (deflate-writer.ts) turns that into one
 * block with our constant Huffman table. The Adler-32 is computed from row sums (adler32.ts),
 * not from bytes.
 */
export interface IdatStream {
  /** Appends one byte of the current row (the filter byte first). */
  byte(value: number): void;
  /** Appends `count` zero bytes. */
  zeros(count: number): void;
  /** Appends `count` bytes of `pattern` repeated, starting at index `start` of it. */
  periodic(pattern: Uint8Array, start: number, count: number): void;
  /** Ends the row written since the last row; `sums` covers its filter byte and pixel bytes. */
  commitRow(sums: ByteSums): void;
  /** Appends a whole row equal to the previous one, as filter Up with all-zero bytes. */
  repeatRow(): void;
  /** The complete zlib stream. */
  finish(): Buffer;
}

/** A stream for rows of `width` pixels of `bytesPerPixel` bytes (3 for RGB, 4 for RGBA). */
export function createIdatStream(width: number, bytesPerPixel = 3): IdatStream {
  return new RowStream(width * bytesPerPixel + 1);
}

class RowStream implements IdatStream {
  private readonly stride: number;
  private readonly upSums: ByteSums;
  private readonly adler = createAdlerState();
  private readonly writer = createDeflateWriter();
  private readonly runs = createRunEncoder(this.writer);

  /** `stride`: bytes per row, the filter byte included. */
  constructor(stride: number) {
    this.stride = stride;
    this.upSums = { sum: FILTER_UP, weighted: FILTER_UP * this.stride };
  }

  byte(value: number): void {
    this.runs.byte(value);
  }

  zeros(count: number): void {
    this.runs.zeros(count);
  }

  periodic(pattern: Uint8Array, start: number, count: number): void {
    this.runs.periodic(pattern, start, count);
  }

  commitRow(sums: ByteSums): void {
    extendAdler(this.adler, this.stride, sums);
  }

  repeatRow(): void {
    this.runs.byte(FILTER_UP);
    this.runs.zeros(this.stride - 1);
    extendAdler(this.adler, this.stride, this.upSums);
  }

  finish(): Buffer {
    this.runs.flush();
    const checksum = Buffer.alloc(4);
    checksum.writeUInt32BE(readAdler(this.adler));
    return Buffer.concat([ZLIB_HEADER, this.writer.finish(), checksum]);
  }
}
