import {
  ADLER_BASE,
  createAdlerState,
  createPeriodicSums,
  extendAdler,
  readAdler,
  sumPeriodic,
  type ByteSums,
  type PeriodicSums,
} from './adler32.js';
import { createDeflateWriter, type DeflateWriter } from './deflate-writer.js';
import { createRunEncoder, type RunEncoder } from './run-encoder.js';

const FILTER_SUB = 1;
const FILTER_UP = 2;
const ZLIB_HEADER = Buffer.from([0x78, 0x01]); // deflate, 32 KiB window, fastest

/**
 * Builds the zlib stream (RFC 1950) of the IDAT chunks from the structure of filtered rows:
 * the caller describes each row's Sub-filtered bytes (each byte minus the one a pixel to its
 * left) as pixels, zero runs and periodic patterns (run-encoder.ts) and never materialises it;
 * our own deflate writer (deflate-writer.ts) turns that into one block with our constant Huffman
 * table. The Adler-32 is computed from the same description, from sums per row and per pattern
 * (adler32.ts), not from bytes.
 */
export interface IdatStream {
  /** Starts a row with filter type Sub; its `width * bytesPerPixel` bytes follow. */
  startRow(): void;
  /** Appends the bytes of one pixel: r, g, b, then a if the rows are RGBA (ignored if RGB). */
  pixel(r: number, g: number, b: number, a: number): void;
  /** Appends `count` zero bytes. */
  zeros(count: number): void;
  /** Appends `count` bytes of `pattern` repeated, starting at index `start` of it. */
  periodic(pattern: Uint8Array, start: number, count: number): void;
  /** Appends a whole row equal to the previous one, as filter Up with all-zero bytes. */
  repeatRow(): void;
  /** The complete zlib stream. */
  finish(): Buffer;
}

/**
 * A stream for rows of `width` pixels of `bytesPerPixel` bytes (3 for RGB, 4 for RGBA). `writer`
 * receives the deflate codes; the default writes them, another may only count them.
 */
export function createIdatStream(
  width: number,
  bytesPerPixel = 3,
  writer: DeflateWriter = createDeflateWriter(),
): IdatStream {
  return new RowStream(width * bytesPerPixel + 1, bytesPerPixel === 4, writer);
}

class RowStream implements IdatStream {
  private readonly upSums: ByteSums;
  private readonly adler = createAdlerState();
  private readonly runs: RunEncoder;
  /** Bytes of the current row so far, its filter byte included; 0 before the first row. */
  private position = 0;
  /** Sum of the current row's bytes, and of each byte times (stride - its position): see adler32.ts. */
  private sum = 0;
  private weighted = 0;
  /** Scratch sums of a periodic stretch, so `periodic` allocates nothing. */
  private readonly stretch: ByteSums = { sum: 0, weighted: 0 };
  private readonly patternSums = new Map<Uint8Array, PeriodicSums>();
  // One-entry cache in front of the map: consecutive spans usually share a pattern.
  private lastPattern: Uint8Array | undefined = undefined;
  private lastSums: PeriodicSums | undefined = undefined;

  /** `stride`: bytes per row, the filter byte included; `alpha`: 4 bytes a pixel rather than 3. */
  constructor(
    private readonly stride: number,
    private readonly alpha: boolean,
    private readonly writer: DeflateWriter,
  ) {
    this.upSums = { sum: FILTER_UP, weighted: FILTER_UP * stride };
    this.runs = createRunEncoder(writer);
  }

  startRow(): void {
    this.commitRow();
    this.runs.byte(FILTER_SUB);
    this.sum = FILTER_SUB;
    this.weighted = FILTER_SUB * this.stride;
    this.position = 1;
  }

  pixel(r: number, g: number, b: number, a: number): void {
    const { runs } = this;
    // Byte k of the pixel weighs left - k: the pixel adds left * (its sum) - (g + 2b + 3a).
    const left = this.stride - this.position;
    runs.byte(r);
    runs.byte(g);
    runs.byte(b);
    if (this.alpha) {
      runs.byte(a);
      const sum = r + g + b + a;
      this.sum += sum;
      this.weighted += left * sum - g - 2 * b - 3 * a;
      this.position += 4;
    } else {
      const sum = r + g + b;
      this.sum += sum;
      this.weighted += left * sum - g - 2 * b;
      this.position += 3;
    }
  }

  zeros(count: number): void {
    this.position += count;
    this.runs.zeros(count);
  }

  periodic(pattern: Uint8Array, start: number, count: number): void {
    const { stretch } = this;
    sumPeriodic(this.readPatternSums(pattern), start, count, stretch);
    // The stretch's own weights count from its first byte: shift them to its place in the row.
    this.sum += stretch.sum;
    this.weighted +=
      ((this.stride - this.position) % ADLER_BASE) * stretch.sum - stretch.weighted + ADLER_BASE;
    this.position += count;
    this.runs.periodic(pattern, start, count);
  }

  repeatRow(): void {
    this.commitRow();
    this.runs.byte(FILTER_UP);
    this.runs.zeros(this.stride - 1);
    extendAdler(this.adler, this.stride, this.upSums);
  }

  finish(): Buffer {
    this.commitRow();
    this.runs.flush();
    const checksum = Buffer.alloc(4);
    checksum.writeUInt32BE(readAdler(this.adler));
    return Buffer.concat([ZLIB_HEADER, this.writer.finish(), checksum]);
  }

  /** Adds the row written since `startRow`, if any, to the checksum. */
  private commitRow(): void {
    if (this.position === 0) return;
    if (this.position !== this.stride) {
      throw new RangeError(`A PNG row of ${this.stride} bytes was given ${this.position}`);
    }
    this.stretch.sum = this.sum % ADLER_BASE;
    this.stretch.weighted = this.weighted % ADLER_BASE;
    extendAdler(this.adler, this.stride, this.stretch);
    this.position = 0;
    this.sum = 0;
    this.weighted = 0;
  }

  private readPatternSums(pattern: Uint8Array): PeriodicSums {
    if (pattern === this.lastPattern && this.lastSums !== undefined) return this.lastSums;
    let sums = this.patternSums.get(pattern);
    if (sums === undefined) {
      sums = createPeriodicSums(pattern);
      this.patternSums.set(pattern, sums);
    }
    this.lastPattern = pattern;
    this.lastSums = sums;
    return sums;
  }
}
