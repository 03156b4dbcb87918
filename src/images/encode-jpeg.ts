import jpeg from 'jpeg-js';
import { toRgbaBytes, type ArgbImage } from './render-pixels.js';

/**
 * The jpeg-js quality (1-100) for an API `output_compression` (0-100, where 100, the default,
 * means the best image): the same number, with 0 raised to 1, jpeg-js's lowest quality (it would
 * read 0 as "unset" and use 50). Quality 100 gives all-ones quantisation tables; lower numbers
 * scale the standard tables (IJG formula), so files shrink as `compression` falls.
 */
export function toJpegQuality(compression: number): number {
  return Math.max(1, Math.round(compression));
}

/**
 * Encodes a baseline JPEG (JFIF, 4:4:4, standard Huffman tables) with jpeg-js: plain JavaScript
 * with exactly rounded arithmetic and no timestamps, so the bytes are a pure function of the
 * pixels and the quality on every platform. Alpha is ignored (callers never pass transparency).
 */
export function encodeJpeg(image: ArgbImage, compression: number): Buffer {
  const { width, height } = image;
  return jpeg.encode({ data: toRgbaBytes(image), width, height }, toJpegQuality(compression)).data;
}
