import type { ArgbImage } from '../../raster/render-pixels.js';
import { createIdatStream } from './idat-stream.js';

/**
 * The zlib stream of the PNG scanlines of arbitrary pixels (edited pictures, whose input can be a
 * photograph): RGBA rows (colour type 6) if `alpha`, else RGB (type 2). Each row is Sub-filtered
 * (flat stretches become zero runs, which our deflate writer turns into one match), a row equal to
 * the one above is an Up row of zeros; the bytes go through the same writer and constant Huffman
 * table as the drawn pictures, so they are the same on every Node version and platform, which
 * node:zlib does not promise.
 */
export function writePixelIdat(image: ArgbImage, alpha: boolean): Buffer {
  const { width, height, pixels } = image;
  const stream = createIdatStream(width, alpha ? 4 : 3);
  for (let y = 0; y < height; y++) {
    const start = y * width;
    if (y > 0 && isSameRow(pixels, start, width)) {
      stream.repeatRow();
      continue;
    }
    stream.startRow();
    let left = alpha ? 0 : 0xff000000;
    for (let x = start; x < start + width; x++) {
      const argb = pixels[x] ?? 0;
      stream.pixel(
        ((argb >>> 16) - (left >>> 16)) & 255,
        ((argb >>> 8) - (left >>> 8)) & 255,
        (argb - left) & 255,
        ((argb >>> 24) - (left >>> 24)) & 255,
      );
      left = argb;
    }
  }
  return stream.finish();
}

function isSameRow(pixels: Uint32Array, start: number, width: number): boolean {
  for (let x = start, above = start - width; x < start + width; x++, above++) {
    if (pixels[x] !== pixels[above]) return false;
  }
  return true;
}
