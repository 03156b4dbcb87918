import zlib from 'node:zlib';
import { createAdlerState, extendAdler, readAdler, type ByteSums } from './adler32.js';

const FILTER_UP = 2;
const STRIP_BYTES = 192 * 1024;
const ZLIB_HEADER = Buffer.from([0x78, 0x01]); // deflate, 32 KiB window, fastest
const FINAL_EMPTY_BLOCK = Buffer.from([0x03, 0x00]); // BFINAL=1, fixed Huffman, end of block

/**
 * Collects filtered scanlines and compresses them into the zlib stream of the IDAT chunks.
 *
 * Rows are written into a small zeroed strip buffer that is compressed and reused, so a
 * render never allocates (and page-faults in) a full-frame buffer. Each strip becomes a raw
 * deflate stream ended by a sync flush (byte aligned, not final); the strips are joined,
 * closed with an empty final block and the Adler-32 of all rows, computed from row sums.
 *
 * Node bundles Chromium's zlib, whose match finder (hash chains, SIMD hashing) can produce
 * different bytes on other CPUs or versions. Z_RLE only looks for runs of the previous byte
 * and never consults the hash chains, so its output depends on the input alone; our rows
 * are mostly zero runs, which is exactly what RLE handles well.
 */
export interface IdatStream {
  /** The strip buffer; write the next row (filter byte + pixel bytes) at `rowOffset`. Bytes there are zero. */
  readonly buffer: Buffer;
  readonly rowOffset: number;
  /** Finishes the row at `rowOffset`; `sums` covers its filter byte and pixel bytes. */
  commitRow(sums: ByteSums): void;
  /** The complete zlib stream. */
  finish(): Buffer;
}

export function createIdatStream(width: number): IdatStream {
  const stride = width * 3 + 1;
  const rowsPerStrip = Math.max(1, Math.floor(STRIP_BYTES / stride));
  const buffer = Buffer.allocUnsafeSlow(rowsPerStrip * stride).fill(0);
  const previousRow = Buffer.alloc(stride);
  const upSums: ByteSums = { sum: FILTER_UP, weighted: FILTER_UP * stride };
  const adler = createAdlerState();
  const parts: Buffer[] = [ZLIB_HEADER];
  let rows = 0;
  let hasPrevious = false;

  const flush = (): void => {
    if (rows === 0) return;
    const used = rows * stride;
    parts.push(
      zlib.deflateRawSync(buffer.subarray(0, used), {
        level: 1,
        strategy: zlib.constants.Z_RLE,
        finishFlush: zlib.constants.Z_SYNC_FLUSH,
      }),
    );
    buffer.fill(0, 0, used);
    rows = 0;
  };

  return {
    buffer,
    get rowOffset() {
      return rows * stride;
    },
    commitRow(sums) {
      const offset = rows * stride;
      // A row equal to the previous one becomes filter Up with all-zero bytes.
      if (hasPrevious && buffer.compare(previousRow, 0, stride, offset, offset + stride) === 0) {
        buffer.fill(0, offset, offset + stride);
        buffer[offset] = FILTER_UP;
        extendAdler(adler, stride, upSums);
      } else {
        buffer.copy(previousRow, 0, offset, offset + stride);
        hasPrevious = true;
        extendAdler(adler, stride, sums);
      }
      rows++;
      if (rows === rowsPerStrip) flush();
    },
    finish() {
      flush();
      const checksum = Buffer.alloc(4);
      checksum.writeUInt32BE(readAdler(adler));
      return Buffer.concat([...parts, FINAL_EMPTY_BLOCK, checksum]);
    },
  };
}
