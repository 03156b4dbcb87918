import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import type { Raster } from './rgba-raster.js';
import { drawSampleRaster } from './sample-rasters.js';
import { scaleAlpha, scaleRaster } from './scale-raster.js';
import { computeTaps, WEIGHT_BITS } from './scale-taps.js';

const ONE = 1 << WEIGHT_BITS;

function solid(width: number, height: number, rgba: readonly number[]): Raster {
  const data = new Uint8Array(width * height * 4);
  for (let i = 0; i < data.length; i++) data[i] = rgba[i % 4] ?? 0;
  return { width, height, data };
}

function pixel(raster: Raster, x: number, y: number): number[] {
  const i = (y * raster.width + x) * 4;
  return [...raster.data.subarray(i, i + 4)];
}

describe('computeTaps', () => {
  it('gives each output pixel weights that sum to one, reading only the source range', () => {
    for (const [start, source, length] of [
      [0, 1000, 333],
      [5, 7, 64],
      [0, 3264, 3840],
      [17, 1, 9],
    ] as const) {
      const taps = computeTaps(start, source, length);
      for (let i = 0; i < length; i++) {
        let sum = 0;
        for (let t = taps.offset[i] ?? 0; t < (taps.offset[i] ?? 0) + (taps.count[i] ?? 0); t++) {
          sum += taps.weight[t] ?? 0;
          expect(taps.index[t]).toBeGreaterThanOrEqual(start);
          expect(taps.index[t]).toBeLessThan(start + source);
        }
        expect(sum).toBe(ONE);
      }
    }
  });

  it('averages whole blocks when shrinking by an integer factor', () => {
    const taps = computeTaps(0, 12, 4);
    expect([...taps.index.subarray(3, 6)]).toEqual([3, 4, 5]);
    expect(taps.maxCount).toBe(3);
  });
});

describe('scaleRaster', () => {
  it('returns the very pixels at the same size', () => {
    const source = drawSampleRaster({ width: 40, height: 30 });
    expect(scaleRaster(source, 40, 30).data).toBe(source.data);
  });

  it('averages 2x2 blocks exactly when halving', () => {
    const source = drawSampleRaster({ width: 64, height: 48 });
    const half = scaleRaster(source, 32, 24);
    for (const [x, y] of [
      [0, 0],
      [13, 7],
      [31, 23],
    ] as const) {
      const block = [
        pixel(source, 2 * x, 2 * y),
        pixel(source, 2 * x + 1, 2 * y),
        pixel(source, 2 * x, 2 * y + 1),
        pixel(source, 2 * x + 1, 2 * y + 1),
      ];
      const mean = [0, 1, 2, 3].map((c) => Math.round(block.reduce((sum, p) => sum + (p[c] ?? 0), 0) / 4));
      expect(pixel(half, x, y)).toEqual(mean);
    }
  });

  it('keeps a flat colour flat at any size, aspect ratio changes included', () => {
    const source = solid(37, 11, [200, 100, 50, 255]);
    for (const [width, height] of [
      [100, 100],
      [5, 40],
      [1, 1],
    ] as const) {
      const scaled = scaleRaster(source, width, height);
      expect(
        new Set(
          Array.from({ length: width * height }, (_, i) =>
            pixel(scaled, i % width, Math.floor(i / width)).join(),
          ),
        ),
      ).toEqual(new Set(['200,100,50,255']));
    }
  });

  it('stretches to a new aspect ratio: corners and the centre land where they should', () => {
    const source = drawSampleRaster({ width: 300, height: 200 });
    const wide = scaleRaster(source, 600, 100);
    expect(wide.data.length).toBe(600 * 100 * 4);
    // The red ramp runs across and the green ramp down, whatever the stretch.
    expect(pixel(wide, 0, 0)[0]).toBe(0);
    expect(pixel(wide, 0, 0)[1]).toBeLessThanOrEqual(1); // rows 0 and 1 averaged
    expect(pixel(wide, 599, 99)[0]).toBeGreaterThan(250);
    expect(pixel(wide, 599, 99)[1]).toBeGreaterThan(250);
    expect(Math.abs((pixel(wide, 300, 50)[0] ?? 0) - 128)).toBeLessThanOrEqual(2);
  });

  it('stays within 2 levels of libvips when enlarging and shrinking a smooth picture', async () => {
    const source = drawSampleRaster({ width: 256, height: 256 });
    // Only the ramps: checkerboard edges are where filters legitimately differ.
    for (let i = 2; i < source.data.length; i += 4) source.data[i] = 128;
    for (const size of [96, 400]) {
      const ours = scaleRaster(source, size, size);
      const theirs = await sharp(source.data, { raw: { width: 256, height: 256, channels: 4 } })
        .resize(size, size, { kernel: size < 256 ? 'cubic' : 'linear', fit: 'fill' })
        .raw()
        .toBuffer();
      let worst = 0;
      for (let y = 4; y < size - 4; y++) {
        for (let x = 4; x < size - 4; x++) {
          const i = (y * size + x) * 4;
          for (let c = 0; c < 3; c++)
            worst = Math.max(worst, Math.abs((ours.data[i + c] ?? 0) - (theirs[i + c] ?? 0)));
        }
      }
      expect(worst).toBeLessThanOrEqual(2);
    }
  });

  it('lends no colour from transparent pixels to their neighbours', () => {
    const source = solid(4, 1, [255, 0, 0, 255]);
    source.data.set([0, 0, 0, 0], 4);
    source.data.set([0, 0, 0, 0], 8);
    const scaled = scaleRaster(source, 2, 1);
    expect(pixel(scaled, 0, 0)).toEqual([255, 0, 0, 128]);
    expect(pixel(scaled, 1, 0)).toEqual([255, 0, 0, 128]);
  });

  it('scales a crop: only the pixels inside it count', () => {
    const source = drawSampleRaster({ width: 100, height: 100 });
    const crop = scaleRaster(source, 10, 10, { x: 50, y: 50, width: 10, height: 10 });
    expect(pixel(crop, 0, 0)).toEqual(pixel(source, 50, 50));
    expect(pixel(crop, 9, 9)).toEqual(pixel(source, 59, 59));
  });
});

describe('scaleAlpha', () => {
  it('scales the alpha channel as scaleRaster does, one byte a pixel', () => {
    const source = drawSampleRaster({ width: 50, height: 50, clear: { x0: 10, y0: 10, x1: 30, y1: 20 } });
    const alpha = scaleAlpha(source, 20, 35);
    const full = scaleRaster(source, 20, 35);
    expect([...alpha]).toEqual(Array.from({ length: 20 * 35 }, (_, i) => full.data[i * 4 + 3]));
    expect([...scaleAlpha(source, 50, 50)]).toEqual(
      Array.from({ length: 2500 }, (_, i) => source.data[i * 4 + 3]),
    );
  });
});
