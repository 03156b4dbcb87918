import { decode } from 'fast-png';
import { describe, expect, it } from 'vitest';
import { renderPng, type ImageParams } from './render-png.js';
import { GLYPH_HEIGHT, GLYPH_WIDTH, readGlyphRow } from './scene/bitmap-font.js';
import { layoutLabel } from './scene/label.js';
import { createFlatPaint } from './scene/paint.js';

const BASE: ImageParams = {
  model: 'dall-e-3',
  prompt: 'A red fox in a snowy forest at dawn',
  width: 256,
  height: 256,
  quality: 'standard',
  style: 'vivid',
  index: 0,
};
const PROMPTS = [
  'A red fox in a snowy forest at dawn',
  'Futuristic city skyline, neon lights, rain',
  'a watercolor painting of mountains',
  'portrait of a cat wearing a hat',
  'sunset over the ocean',
];

interface Rgb {
  width: number;
  height: number;
  data: Uint8Array;
}

function renderRgb(params: Partial<ImageParams>): Rgb {
  const { width, height, data } = decode(renderPng({ ...BASE, ...params }));
  if (!(data instanceof Uint8Array)) throw new Error('expected 8-bit data');
  return { width, height, data };
}

function pixelAt(image: Rgb, x: number, y: number): number {
  const i = (y * image.width + x) * 3;
  return ((image.data[i] ?? 0) << 16) | ((image.data[i + 1] ?? 0) << 8) | (image.data[i + 2] ?? 0);
}

function shareOfDifferentPixels(a: Rgb, b: Rgb): number {
  let different = 0;
  for (let i = 0; i < a.width * a.height; i++) {
    if (
      a.data[i * 3] !== b.data[i * 3] ||
      a.data[i * 3 + 1] !== b.data[i * 3 + 1] ||
      a.data[i * 3 + 2] !== b.data[i * 3 + 2]
    ) {
      different++;
    }
  }
  return different / (a.width * a.height);
}

function meanSaturation(image: Rgb): number {
  let sum = 0;
  for (let i = 0; i < image.data.length; i += 3) {
    const channels = [image.data[i] ?? 0, image.data[i + 1] ?? 0, image.data[i + 2] ?? 0];
    const max = Math.max(...channels);
    sum += max === 0 ? 0 : (max - Math.min(...channels)) / max;
  }
  return sum / (image.width * image.height);
}

/** Average number of places per row where a pixel differs from its left neighbour. */
function colourChangesPerRow(image: Rgb): number {
  let changes = 0;
  for (let y = 0; y < image.height; y++) {
    for (let x = 1; x < image.width; x++) if (pixelAt(image, x, y) !== pixelAt(image, x - 1, y)) changes++;
  }
  return changes / image.height;
}

describe('renderPng pictures', () => {
  it('differs meaningfully between prompts (more than 5% of pixels)', () => {
    for (let i = 1; i < PROMPTS.length; i++) {
      const a = renderRgb({ prompt: PROMPTS[i - 1] ?? '' });
      const b = renderRgb({ prompt: PROMPTS[i] ?? '' });
      expect(shareOfDifferentPixels(a, b)).toBeGreaterThan(0.05);
    }
  });

  it('differs meaningfully between indices of one request', () => {
    const images = [0, 1, 2, 3].map((index) => renderRgb({ index }));
    for (let i = 1; i < images.length; i++) {
      const [a, b] = [images[i - 1], images[i]];
      if (a === undefined || b === undefined) throw new Error('missing image');
      expect(shareOfDifferentPixels(a, b)).toBeGreaterThan(0.05);
    }
    expect(renderPng({ ...BASE, index: 0 }).equals(renderPng({ ...BASE, index: 1 }))).toBe(false);
  });

  it('is more saturated in vivid style than in natural style', () => {
    for (const prompt of PROMPTS) {
      const vivid = meanSaturation(renderRgb({ prompt, style: 'vivid' }));
      const natural = meanSaturation(renderRgb({ prompt, style: 'natural' }));
      expect(vivid).toBeGreaterThan(natural + 0.15);
    }
  });

  it('treats an unknown style like vivid', () => {
    expect(
      shareOfDifferentPixels(renderRgb({ style: 'vivid' }), renderRgb({ style: 'surprise' })),
    ).toBeLessThan(0.02);
  });

  it('draws more detail for hd and high than for standard', () => {
    for (const prompt of PROMPTS) {
      const standard = colourChangesPerRow(renderRgb({ prompt, width: 512, height: 512 }));
      for (const quality of ['hd', 'high']) {
        const detailed = colourChangesPerRow(renderRgb({ prompt, width: 512, height: 512, quality }));
        expect(detailed).toBeGreaterThan(standard * 1.2);
      }
    }
  });

  it.each([
    [256, 256],
    [1024, 1024],
    [1792, 1024],
    [336, 208],
  ])('draws the size/quality/style/index line in %ix%i on a solid plate', (width, height) => {
    const params = {
      ...BASE,
      width,
      height,
      index: 4,
      prompt: 'Ünïcode prompt that is long enough to wrap onto two lines',
    };
    const image = renderRgb(params);
    const label = layoutLabel(params, createFlatPaint(0), createFlatPaint(0));
    if (label === undefined) throw new Error('expected a label');
    expect(label.x).toBeGreaterThanOrEqual(0);
    expect(label.x + label.width).toBeLessThanOrEqual(width);
    expect(label.y + label.height).toBeLessThanOrEqual(height);
    expect(label.lines.at(-1)).toBe(`${width}x${height}  standard  vivid  #5`);
    expect(label.lines[0]?.startsWith('?n?code prompt')).toBe(true);

    const plate = pixelAt(image, label.x, label.y);
    const top = label.y + label.padding + (label.lines.length - 1) * (GLYPH_HEIGHT + 2) * label.scale;
    const left = label.x + label.padding;
    const line = label.lines.at(-1) ?? '';
    let ink: number | undefined;
    for (let i = 0; i < line.length; i++) {
      for (let row = 0; row < GLYPH_HEIGHT; row++) {
        for (let column = 0; column <= GLYPH_WIDTH; column++) {
          const lit = (readGlyphRow(line.charCodeAt(i), row) & (0x10 >> column)) !== 0;
          const x = left + (i * (GLYPH_WIDTH + 1) + column) * label.scale;
          const y = top + row * label.scale;
          const pixel = pixelAt(image, x, y);
          if (lit) ink ??= pixel;
          expect(pixel).toBe(lit ? ink : plate);
        }
      }
    }
    const luma = (rgb: number): number => 0.3 * (rgb >> 16) + 0.59 * ((rgb >> 8) & 255) + 0.11 * (rgb & 255);
    expect(luma(plate)).toBeLessThan(50);
    expect(luma(ink ?? 0)).toBeGreaterThan(200);
  });
});
