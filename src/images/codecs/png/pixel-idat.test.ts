import { PNG } from 'pngjs';
import { describe, expect, it } from 'vitest';
import type { ArgbImage } from '../../raster/render-pixels.js';
import { encodePng } from './encode-png.js';
import { writePixelIdat } from './pixel-idat.js';

/** Noise with flat and repeated stretches, alpha included: every path of the row writer. */
function drawNoise(width: number, height: number): ArgbImage {
  const pixels = new Uint32Array(width * height);
  let state = 12345;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      state = (Math.imul(state, 1103515245) + 12345) >>> 0;
      pixels[y * width + x] = x < width / 3 ? 0xff336699 : state;
    }
    if (y % 5 === 4) pixels.copyWithin(y * width, (y - 1) * width, y * width);
  }
  return { width, height, pixels };
}

describe('writePixelIdat', () => {
  it.each([true, false])('gives PNG rows that decode to the same pixels (alpha: %s)', (alpha) => {
    const image = drawNoise(67, 23);
    const png = encodePng({ width: 67, height: 23, alpha, idat: writePixelIdat(image, alpha), text: [] });
    const decoded = PNG.sync.read(png).data;
    for (let i = 0; i < image.pixels.length; i++) {
      const argb = image.pixels[i] ?? 0;
      const expected = [(argb >>> 16) & 255, (argb >>> 8) & 255, argb & 255, alpha ? argb >>> 24 : 255];
      expect([...decoded.subarray(i * 4, i * 4 + 4)]).toEqual(expected);
    }
  });

  it('compresses flat and repeated rows to a few bytes a row (3 MiB raw)', () => {
    const flat: ArgbImage = {
      width: 1024,
      height: 1024,
      pixels: new Uint32Array(1024 * 1024).fill(0xff804020),
    };
    expect(writePixelIdat(flat, false).length).toBeLessThan(10 * 1024);
  });
});
