/**
 * A minimal PNG writer for rows that are already filtered.
 *
 * Why not encode with pngjs: speed. pngjs runs its filter pass byte by byte in JavaScript
 * and then deflates a noisy filtered buffer; that alone costs more than our whole budget
 * (an uncached 1024x1024 render must take at most half of a plain level-1 deflate of the
 * raw pixels). Our renderer describes Sub/Up-filtered rows from spans straight to its own
 * deflate encoder (render-idat.ts, idat-stream.ts), so all that is left here is chunks
 * and CRCs (zlib.crc32: CRC-32 is fully specified, so any zlib build gives the same value).
 */
import zlib from 'node:zlib';

const SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
const MAX_IDAT_BYTES = 1 << 20;

export interface PngImage {
  readonly width: number;
  readonly height: number;
  /** The zlib stream of the filtered scanlines (see idat-stream.ts). */
  readonly idat: Buffer;
  /** Whether the scanlines are RGBA (colour type 6) rather than RGB (colour type 2). */
  readonly alpha?: boolean;
  /** tEXt chunks in order; keywords and texts must be Latin-1. */
  readonly text: readonly { keyword: string; text: string }[];
}

/** Encodes an 8-bit RGB or RGBA, non-interlaced PNG: IHDR, tEXt..., IDAT..., IEND, into one buffer. */
export function encodePng(image: PngImage): Buffer {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(image.width, 0);
  header.writeUInt32BE(image.height, 4);
  header[8] = 8; // bit depth
  header[9] = image.alpha === true ? 6 : 2; // colour type: RGBA or RGB
  // bytes 10..12 stay 0: deflate, adaptive filtering, no interlace

  const chunks: [string, Buffer][] = [['IHDR', header]];
  for (const { keyword, text } of image.text) {
    chunks.push(['tEXt', Buffer.from(`${keyword}\0${text}`, 'latin1')]);
  }
  for (let start = 0; start < image.idat.length; start += MAX_IDAT_BYTES) {
    chunks.push(['IDAT', image.idat.subarray(start, start + MAX_IDAT_BYTES)]);
  }
  chunks.push(['IEND', Buffer.alloc(0)]);

  const png = Buffer.allocUnsafe(
    chunks.reduce((size, [, data]) => size + data.length + 12, SIGNATURE.length),
  );
  let offset = SIGNATURE.copy(png, 0);
  for (const [type, data] of chunks) offset = writeChunk(png, offset, type, data);
  return png;
}

/** Writes length, type, data and the CRC-32 of type + data at `offset`; returns the offset after it. */
function writeChunk(png: Buffer, offset: number, type: string, data: Buffer): number {
  png.writeUInt32BE(data.length, offset);
  png.write(type, offset + 4, 'latin1');
  data.copy(png, offset + 8);
  const end = offset + 8 + data.length;
  png.writeUInt32BE(zlib.crc32(png.subarray(offset + 4, end)), end);
  return end + 4;
}
