import zlib from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { renderPixels, toRgbaBytes } from './raster/render-pixels.js';
import { renderIdat } from './render-idat.js';
import { composeScene } from './scene/compose-scene.js';
import type { ImageParams } from './scene/image-params.js';
import { measureLayerRows, traceLayerRow } from './scene/layer.js';
import { colorAt } from './scene/paint.js';

/** Reference: paint every layer pixel by pixel, no spans, no filters. */
function paintPixels(params: ImageParams): Uint8Array {
  const scene = composeScene(params);
  const rgb = new Uint8Array(params.width * params.height * 3);
  for (const layer of scene.layers) {
    const { top, bottom } = measureLayerRows(layer);
    for (let y = Math.max(0, top); y < Math.min(params.height, bottom); y++) {
      traceLayerRow(layer, y, (x0, x1, paint) => {
        for (let x = Math.max(0, x0); x < Math.min(params.width, x1); x++) {
          const color = colorAt(paint, x);
          rgb.set([color >> 16, (color >> 8) & 255, color & 255], (y * params.width + x) * 3);
        }
      });
    }
  }
  return rgb;
}

/** Undoes PNG filters 1 (Sub) and 2 (Up), the only ones the rasterizer may use. */
function unfilter(
  rows: Buffer,
  width: number,
  height: number,
  bytesPerPixel = 3,
): { rgb: Uint8Array; filters: Set<number> } {
  const stride = width * bytesPerPixel;
  const rgb = new Uint8Array(stride * height);
  const filters = new Set<number>();
  for (let y = 0; y < height; y++) {
    const filter = rows[y * (stride + 1)] ?? -1;
    filters.add(filter);
    for (let i = 0; i < stride; i++) {
      const value = rows[y * (stride + 1) + 1 + i] ?? 0;
      const reference =
        filter === 1
          ? i >= bytesPerPixel
            ? (rgb[y * stride + i - bytesPerPixel] ?? 0)
            : 0
          : y > 0
            ? (rgb[(y - 1) * stride + i] ?? 0)
            : 0;
      rgb[y * stride + i] = (value + reference) & 255;
    }
  }
  return { rgb, filters };
}

describe('renderIdat', () => {
  it.each([
    ['A red fox in a snowy forest at dawn', 'standard', 300, 200],
    ['Futuristic city skyline, neon lights, rain', 'hd', 257, 311],
    ['a watercolor painting of mountains', 'hd', 200, 120],
    ['portrait of a cat wearing a hat', 'standard', 333, 333],
    ['sunset over the ocean', 'hd', 512, 256],
  ])(
    'writes a zlib stream of filtered rows that decode to the painted pixels (%s, %s)',
    (prompt, quality, width, height) => {
      const params: ImageParams = { model: 'm', prompt, width, height, quality, style: 'vivid', index: 1 };
      const rows = zlib.inflateSync(renderIdat(composeScene(params)));
      expect(rows.length).toBe((width * 3 + 1) * height);
      const { rgb, filters } = unfilter(rows, width, height);
      expect([...filters].every((filter) => filter === 1 || filter === 2)).toBe(true);
      expect(Buffer.from(rgb).equals(Buffer.from(paintPixels(params)))).toBe(true);
    },
  );

  it.each([
    ['Futuristic city skyline, neon lights, rain', 'hd', 257, 311, 1],
    ['sunset over the ocean', 'hd', 512, 256, 1],
    ['a fox', 'standard', 17, 9, 1],
    ['a watercolor painting of mountains', 'hd', 300, 200, 16],
  ])(
    'writes RGBA rows with a transparent backdrop that decode to the painted pixels (%s, %s, %ix%i, blocks %i)',
    (prompt, quality, width, height, blockSize) => {
      const params: ImageParams = { model: 'm', prompt, width, height, quality, style: 'vivid', index: 1 };
      const scene = composeScene(params);
      const options = { transparent: true, blockSize };
      const rows = zlib.inflateSync(renderIdat(scene, options));
      expect(rows.length).toBe((width * 4 + 1) * height);
      const { rgb: rgba } = unfilter(rows, width, height, 4);
      expect(Buffer.from(rgba).equals(toRgbaBytes(renderPixels(scene, options)))).toBe(true);
    },
  );

  it('writes a mosaic in RGB too', () => {
    const params: ImageParams = {
      model: 'm',
      prompt: 'p',
      width: 90,
      height: 50,
      quality: 'hd',
      style: 'vivid',
      index: 0,
    };
    const scene = composeScene(params);
    const { rgb } = unfilter(zlib.inflateSync(renderIdat(scene, { blockSize: 4 })), 90, 50);
    const rgba = toRgbaBytes(renderPixels(scene, { blockSize: 4 }));
    expect(Buffer.from(rgb).equals(Buffer.from(rgba.filter((_, i) => i % 4 !== 3)))).toBe(true);
  });

  it('writes repeated rows as Up rows of zeros', () => {
    const params: ImageParams = {
      model: 'm',
      prompt: 'p',
      width: 64,
      height: 2048,
      quality: 'standard',
      style: 'vivid',
      index: 0,
    };
    const rows = zlib.inflateSync(renderIdat(composeScene(params)));
    const stride = 64 * 3 + 1;
    const upRows = Array.from({ length: 2048 }, (_, y) => y).filter((y) => rows[y * stride] === 2);
    expect(upRows.length).toBeGreaterThan(0);
    for (const y of upRows)
      expect(rows.subarray(y * stride + 1, (y + 1) * stride).every((byte) => byte === 0)).toBe(true);
  });
});
