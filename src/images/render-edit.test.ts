import { PNG } from 'pngjs';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { drawSampleMask, drawSampleRaster } from './raster/sample-rasters.js';
import { scaleRaster } from './raster/scale-raster.js';
import { renderEdit, UNMASKED_EDIT_KEEP, type EditRenderParams } from './render-edit.js';
import { renderImage } from './render-image.js';

const SIZE = 256;
const HOLE = { x0: 64, y0: 32, x1: 192, y1: 112 };
const base = drawSampleRaster({ width: SIZE, height: SIZE });
const mask = drawSampleMask({ width: SIZE, height: SIZE, clear: HOLE });

const EDIT: EditRenderParams = {
  kind: 'edit',
  model: 'gpt-image-1',
  prompt: 'a red fox in the snow',
  width: SIZE,
  height: SIZE,
  quality: 'high',
  style: 'vivid',
  index: 0,
  base,
  mask,
  inputCount: 1,
};
const VARIATION: EditRenderParams = { ...EDIT, kind: 'variation', prompt: '', mask: undefined };

function readPng(png: Buffer): Uint8Array {
  return PNG.sync.read(png).data;
}

const inside = (x: number, y: number): boolean => x >= HOLE.x0 && x < HOLE.x1 && y >= HOLE.y0 && y < HOLE.y1;

/** Pixels (as x, y) where the two RGBA buffers differ, in any channel. */
function differing(a: Uint8Array, b: Uint8Array, width: number): [number, number][] {
  const out: [number, number][] = [];
  for (let i = 0; i < a.length; i += 4) {
    if (a[i] !== b[i] || a[i + 1] !== b[i + 1] || a[i + 2] !== b[i + 2] || a[i + 3] !== b[i + 3])
      out.push([(i / 4) % width, Math.floor(i / 4 / width)]);
  }
  return out;
}

describe('renderEdit with a mask', () => {
  const edited = readPng(renderEdit(EDIT));

  it('keeps every pixel of the base where the mask is opaque, except under the label', () => {
    const changed = differing(edited, base.data, SIZE).filter(([x, y]) => !inside(x, y));
    expect(changed.length).toBeGreaterThan(1000); // the label, a plate near the bottom-left corner
    expect(Math.min(...changed.map(([x]) => x))).toBeLessThan(16);
    expect(Math.min(...changed.map(([, y]) => y))).toBeGreaterThan((SIZE * 3) / 4);
  });

  it("paints the prompt's scene, as a generation draws it, where the mask is transparent", () => {
    const generated = readPng(renderImage(EDIT));
    for (let y = HOLE.y0; y < HOLE.y1; y++) {
      for (let x = HOLE.x0; x < HOLE.x1; x++) {
        const i = (y * SIZE + x) * 4;
        expect([...edited.subarray(i, i + 4)]).toEqual([...generated.subarray(i, i + 4)]);
      }
    }
  });

  it('blends by the mask alpha in between', () => {
    const half = drawSampleMask({ width: SIZE, height: SIZE, clear: HOLE });
    for (let i = 3; i < half.data.length; i += 4) half.data[i] = 128;
    const blended = readPng(renderEdit({ ...EDIT, mask: half }));
    const generated = readPng(renderImage(EDIT));
    for (const [x, y] of [
      [10, 10],
      [200, 150],
      [128, 60],
    ] as const) {
      const i = (y * SIZE + x) * 4;
      for (let c = 0; c < 3; c++) {
        const expected = ((base.data[i + c] ?? 0) * 128 + (generated[i + c] ?? 0) * 127) / 255;
        expect(Math.abs((blended[i + c] ?? 0) - expected)).toBeLessThanOrEqual(1);
      }
    }
  });

  it('gives the same bytes for the same params, other bytes for another mask or base', () => {
    expect(
      renderEdit(EDIT).equals(renderEdit({ ...EDIT, base: drawSampleRaster({ width: SIZE, height: SIZE }) })),
    ).toBe(true);
    const otherMask = drawSampleMask({ width: SIZE, height: SIZE, clear: { ...HOLE, x1: 128 } });
    expect(renderEdit(EDIT).equals(renderEdit({ ...EDIT, mask: otherMask }))).toBe(false);
    const otherBase = drawSampleRaster({ width: SIZE, height: SIZE, seed: 1 });
    expect(renderEdit(EDIT).equals(renderEdit({ ...EDIT, base: otherBase }))).toBe(false);
  });
});

describe('renderEdit with an input digest', () => {
  it('paints another scene for another digest, and leaves the base outside the mask as it was', () => {
    const plain = readPng(renderEdit(EDIT));
    const seeded = readPng(renderEdit({ ...EDIT, inputDigest: 'a'.repeat(64) }));
    const other = readPng(renderEdit({ ...EDIT, inputDigest: 'b'.repeat(64) }));
    // Besides the hole, only the label's plate (near the bottom-left corner) takes the scene's colours.
    const inHoleOrLabel = ([x, y]: [number, number]): boolean => inside(x, y) || y > (SIZE * 3) / 4;
    const changed = differing(seeded, other, SIZE);
    expect(changed.filter(([x, y]) => inside(x, y)).length).toBeGreaterThan(1000);
    expect(changed.every(inHoleOrLabel)).toBe(true);
    expect(differing(plain, seeded, SIZE).every(inHoleOrLabel)).toBe(true);
  });
});

describe('renderEdit without a mask', () => {
  it("paints the scene into the base's own transparent pixels and keeps the rest (dall-e-2's rule)", () => {
    const holed = drawSampleRaster({ width: SIZE, height: SIZE, clear: HOLE });
    const edited = readPng(renderEdit({ ...EDIT, mask: undefined, base: holed }));
    const masked = readPng(renderEdit(EDIT));
    expect(differing(edited, masked, SIZE)).toEqual([]);
  });

  it('reworks an opaque base everywhere, keeping it recognisable', () => {
    const edited = readPng(renderEdit({ ...EDIT, mask: undefined }));
    const generated = readPng(renderImage(EDIT));
    // Grey levels of 64x64 thumbnails (16x16 blocks) at 1024x1024: the edit is much closer to its
    // input than the scene alone is (the label, a small part of the picture at this size, included).
    const large = { ...EDIT, mask: undefined, width: 1024, height: 1024 };
    const input = drawSampleRaster({ width: 1024, height: 1024 });
    const thumbnailDistance = (rgba: Uint8Array): number => meanGreyDifference(rgba, input.data, 1024, 16);
    const editDistance = thumbnailDistance(readPng(renderEdit({ ...large, base: input })));
    expect(editDistance).toBeLessThan(30);
    expect(editDistance).toBeLessThan(thumbnailDistance(readPng(renderImage(large))) / 2);
    const i = (10 * SIZE + 10) * 4;
    for (let c = 0; c < 3; c++) {
      const expected =
        ((base.data[i + c] ?? 0) * UNMASKED_EDIT_KEEP +
          (generated[i + c] ?? 0) * (255 - UNMASKED_EDIT_KEEP)) /
        255;
      expect(Math.abs((edited[i + c] ?? 0) - expected)).toBeLessThanOrEqual(1);
    }
  });
});

describe('renderEdit output options', () => {
  it.each(['png', 'jpeg', 'webp'] as const)(
    'encodes %s that libvips decodes at the output size',
    async (outputFormat) => {
      const params = { ...EDIT, width: 320, height: 192, outputFormat };
      const image = sharp(renderEdit(params));
      const { format } = await image.metadata();
      const { info } = await image.raw().toBuffer({ resolveWithObject: true });
      expect([format, info.width, info.height]).toEqual([outputFormat, 320, 192]);
    },
  );

  it('keeps the base alpha and clears the backdrop with a transparent background', async () => {
    const holed = drawSampleRaster({ width: SIZE, height: SIZE, clear: { x0: 0, y0: 200, x1: 40, y1: 256 } });
    for (const outputFormat of ['png', 'webp'] as const) {
      const image = renderEdit({ ...EDIT, base: holed, background: 'transparent', outputFormat });
      const { data } = await sharp(image).ensureAlpha().raw().toBuffer({ resolveWithObject: true });
      const alphaAt = (x: number, y: number): number => data[(y * SIZE + x) * 4 + 3] ?? -1;
      expect(alphaAt(5, 200)).toBe(0); // the base's own hole, outside the mask
      expect(alphaAt(200, 20)).toBe(255); // the base
      const sceneAlphas = new Set<number>();
      for (let y = HOLE.y0; y < HOLE.y1; y++)
        for (let x = HOLE.x0; x < HOLE.x1; x++) sceneAlphas.add(alphaAt(x, y));
      expect(sceneAlphas).toContain(0); // the clear sky
    }
  });

  it('describes the edit in the PNG text: kind, inputs, mask', () => {
    const png = renderEdit({ ...EDIT, inputCount: 3 });
    expect(png.toString('latin1')).toContain('"kind":"edit","inputs":3,"mask":true');
  });
});

describe('renderEdit scaling', () => {
  it('scales a base and mask of another size and aspect ratio to the output, the hole with them', () => {
    const wide = drawSampleRaster({ width: 512, height: 128 });
    const wideMask = drawSampleMask({ width: 512, height: 128, clear: { x0: 128, y0: 16, x1: 384, y1: 48 } });
    const png = PNG.sync.read(renderEdit({ ...EDIT, base: wide, mask: wideMask }));
    expect([png.width, png.height]).toEqual([SIZE, SIZE]);
    const generated = readPng(renderImage(EDIT));
    const at = (rgba: Uint8Array, x: number, y: number): number[] => [
      ...rgba.subarray((y * SIZE + x) * 4, (y * SIZE + x) * 4 + 4),
    ];
    // The hole is x 64-192, y 32-96 at the output size: the scene inside, the stretched base outside.
    expect(at(png.data, 100, 60)).toEqual(at(generated, 100, 60));
    const stretched = scaleRaster(wide, SIZE, SIZE).data;
    for (const [x, y] of [
      [100, 120],
      [30, 60],
      [250, 150],
    ] as const)
      expect(at(png.data, x, y)).toEqual(at(stretched, x, y));
    expect(at(png.data, 250, 150)[0]).toBeGreaterThan(240); // the red ramp still ends at the right edge
  });
});

describe('renderEdit partial images', () => {
  it('are coarser mosaics of the same size, without the label, sharpening towards the final image', () => {
    const final = readPng(renderEdit(EDIT));
    const partials = [0, 1, 2].map((index) => readPng(renderEdit({ ...EDIT, partial: { index, count: 3 } })));
    const errors = partials.map((partial) => meanGreyDifference(partial, final, SIZE));
    expect(errors[0]).toBeGreaterThan(errors[2] ?? 0);
    for (const partial of partials) {
      expect(partial.length).toBe(final.length);
      // 2x2 blocks at least: each pixel equals its right neighbour on even columns.
      for (let i = 0; i < partial.length; i += 8) expect(partial[i]).toBe(partial[i + 4]);
    }
  });
});

describe('renderEdit variations', () => {
  it('differ per index and stay close to the input', () => {
    const outputs = [0, 1, 2].map((index) => readPng(renderEdit({ ...VARIATION, index })));
    const distance = (a: Uint8Array, b: Uint8Array): number => meanGreyDifference(a, b, SIZE);
    expect(distance(outputs[0] ?? base.data, outputs[1] ?? base.data)).toBeGreaterThan(8);
    expect(distance(outputs[1] ?? base.data, outputs[2] ?? base.data)).toBeGreaterThan(8);
    const other = drawSampleRaster({ width: SIZE, height: SIZE, seed: 3 });
    for (const output of outputs) {
      expect(distance(output, base.data)).toBeLessThan(distance(output, other.data));
    }
  });
});

describe('renderEdit refuses impossible params', () => {
  it.each<[string, Partial<EditRenderParams>]>([
    ['an unknown kind', { kind: 'remix' as 'edit' }],
    ['a base of the wrong length', { base: { width: 4, height: 4, data: new Uint8Array(10) } }],
    ['a zero-width base', { base: { width: 0, height: 4, data: new Uint8Array(0) } }],
    ['a mask of another size', { mask: drawSampleMask({ width: 8, height: 8, clear: HOLE }) }],
    ['no input', { inputCount: 0 }],
    ['jpeg with a transparent background', { outputFormat: 'jpeg', background: 'transparent' }],
    ['a bad size', { width: 0 }],
  ])('%s', (_, change) => {
    expect(() => renderEdit({ ...EDIT, ...change })).toThrow(RangeError);
  });

  it('a variation with a prompt or a mask', () => {
    expect(() => renderEdit({ ...VARIATION, prompt: 'x' })).toThrow(RangeError);
    expect(() => renderEdit({ ...VARIATION, mask })).toThrow(RangeError);
  });
});

/** Mean absolute difference of grey levels (0-255) of block averages (8x8): robust to small shifts. */
function meanGreyDifference(a: Uint8Array, b: Uint8Array, width: number, block = 8): number {
  const grey = (rgba: Uint8Array): number[] => {
    const blocks: number[] = [];
    for (let by = 0; by < width; by += block) {
      for (let bx = 0; bx < width; bx += block) {
        let sum = 0;
        for (let y = by; y < by + block; y++) {
          for (let x = bx; x < bx + block; x++) {
            const i = (y * width + x) * 4;
            sum += 0.299 * (rgba[i] ?? 0) + 0.587 * (rgba[i + 1] ?? 0) + 0.114 * (rgba[i + 2] ?? 0);
          }
        }
        blocks.push(sum / (block * block));
      }
    }
    return blocks;
  };
  const ga = grey(a);
  const gb = grey(b);
  return ga.reduce((total, value, i) => total + Math.abs(value - (gb[i] ?? 0)), 0) / ga.length;
}
