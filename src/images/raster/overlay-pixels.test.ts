import { describe, expect, it } from 'vitest';
import { composeScene } from '../scene/compose-scene.js';
import { createFlatPaint } from '../scene/paint.js';
import { mosaicPixels, overlayLayer } from './overlay-pixels.js';
import { renderPixels } from './render-pixels.js';

const scene = composeScene({
  model: 'gpt-image-1',
  prompt: 'a harbour at dusk',
  width: 203,
  height: 131,
  quality: 'high',
  style: 'vivid',
  index: 0,
});

describe('mosaicPixels', () => {
  it.each([2, 4, 16])(
    'turns a full render into the mosaic the scanner draws itself (blocks of %i)',
    (block) => {
      const image = renderPixels(scene, {});
      mosaicPixels(image, block);
      expect(image.pixels).toEqual(renderPixels(scene, { blockSize: block }).pixels);
    },
  );
});

describe('overlayLayer', () => {
  it('paints a layer over the pixels, clipped to the image, leaving the rest alone', () => {
    const image = renderPixels(scene, {});
    const before = image.pixels.slice();
    overlayLayer(image, {
      kind: 'shape',
      geometry: { kind: 'rect', x0: 190, y0: -5, x1: 260, y1: 10 },
      fill: { kind: 'paint', paint: createFlatPaint(0x123456) },
    });
    for (let y = 0; y < scene.height; y++) {
      for (let x = 0; x < scene.width; x++) {
        const i = y * scene.width + x;
        expect(image.pixels[i]).toBe(x >= 190 && y < 10 ? 0xff123456 : before[i]);
      }
    }
  });
});
