import { describe, expect, it } from 'vitest';
import { composeScene, type Scene } from '../scene/compose-scene.js';
import type { ImageParams } from '../scene/image-params.js';
import { measureLayerRows, traceLayerRow } from '../scene/layer.js';
import { colorAt } from '../scene/paint.js';
import { renderPixels, toRgbaBytes } from './render-pixels.js';

/** Reference: paint every layer pixel by pixel, no spans; backdrop layers clear pixels when `transparent`. */
function paintReference(scene: Scene, transparent: boolean): Uint32Array {
  const { width, height } = scene;
  const pixels = new Uint32Array(width * height).fill(transparent ? 0 : 0xff000000);
  for (const layer of scene.layers) {
    const clear = transparent && layer.kind === 'shape' && layer.backdrop === true;
    const { top, bottom } = measureLayerRows(layer);
    for (let y = Math.max(0, top); y < Math.min(height, bottom); y++) {
      traceLayerRow(layer, y, (x0, x1, paint) => {
        for (let x = Math.max(0, x0); x < Math.min(width, x1); x++) {
          pixels[y * width + x] = clear ? 0 : (0xff000000 | colorAt(paint, x)) >>> 0;
        }
      });
    }
  }
  return pixels;
}

const CASES: [string, string, number, number][] = [
  ['A red fox in a snowy forest at dawn', 'standard', 300, 200],
  ['Futuristic city skyline, neon lights, rain', 'hd', 257, 311],
  ['a watercolor painting of mountains', 'high', 200, 120],
  ['sunset over the ocean', 'hd', 512, 256],
  ['a lighthouse at night', 'hd', 17, 9],
];

describe('renderPixels', () => {
  it.each(CASES)(
    'paints the same pixels as a per-pixel reference (%s, %s)',
    (prompt, quality, width, height) => {
      const params: ImageParams = { model: 'm', prompt, width, height, quality, style: 'vivid', index: 2 };
      const scene = composeScene(params);
      for (const transparent of [false, true]) {
        const { pixels } = renderPixels(scene, { transparent });
        expect(
          Buffer.from(pixels.buffer).equals(Buffer.from(paintReference(scene, transparent).buffer)),
        ).toBe(true);
      }
    },
  );

  it('clears the backdrop and keeps the subject opaque with a transparent background', () => {
    const params: ImageParams = {
      model: 'm',
      prompt: 'mountains',
      width: 400,
      height: 300,
      quality: 'standard',
      style: 'vivid',
      index: 0,
    };
    const { pixels } = renderPixels(composeScene(params), { transparent: true });
    const alphas = new Set(Array.from(pixels, (argb) => argb >>> 24));
    expect(alphas).toEqual(new Set([0, 255]));
    expect(pixels.every((argb) => argb >>> 24 === 255 || argb === 0)).toBe(true);
  });

  it('paints a mosaic of flat blocks, each the colour of the full image at its centre', () => {
    const params: ImageParams = {
      model: 'm',
      prompt: 'p',
      width: 100,
      height: 70,
      quality: 'hd',
      style: 'vivid',
      index: 0,
    };
    const scene = composeScene(params);
    const full = renderPixels(scene, {}).pixels;
    const mosaic = renderPixels(scene, { blockSize: 8 }).pixels;
    for (let y = 0; y < 70; y++) {
      for (let x = 0; x < 100; x++) {
        const cx = Math.min(99, x - (x % 8) + 4);
        const cy = Math.min(69, y - (y % 8) + 4);
        expect(mosaic[y * 100 + x]).toBe(full[cy * 100 + cx]);
      }
    }
  });

  it('converts to RGBA bytes', () => {
    const rgba = toRgbaBytes({ width: 2, height: 1, pixels: Uint32Array.from([0x80112233, 0]) });
    expect([...rgba]).toEqual([0x11, 0x22, 0x33, 0x80, 0, 0, 0, 0]);
  });
});
