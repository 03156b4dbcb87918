import type { Raster } from './rgba-raster.js';

/** A rectangle [x0, x1) x [y0, y1) in pixels. */
export interface PixelRect {
  readonly x0: number;
  readonly y0: number;
  readonly x1: number;
  readonly y1: number;
}

/** How to draw a sample input: its size, a seed that shifts its pattern, and an optional hole. */
export interface SampleRasterSpec {
  readonly width: number;
  readonly height: number;
  /** Any integer: moves the checkerboard and turns the colours, so two samples differ. Default 0. */
  readonly seed?: number;
  /** A fully transparent rectangle, as dall-e-2 edit inputs have instead of a mask. */
  readonly clear?: PixelRect;
}

/**
 * An input image for tests and the golden edits, drawn with integer arithmetic only (the same on
 * every Node version): a red ramp across, a green ramp down and a checkerboard of blue squares
 * about 1/16 of the shorter side, so position, scaling and colour changes are all easy to see.
 */
export function drawSampleRaster(spec: SampleRasterSpec): Raster {
  const { width, height, seed = 0, clear } = spec;
  const data = new Uint8Array(width * height * 4);
  const cell = Math.max(1, Math.floor(Math.min(width, height) / 16));
  for (let y = 0; y < height; y++) {
    for (let x = 0, o = y * width * 4; x < width; x++, o += 4) {
      const red = Math.floor((x * 255) / Math.max(1, width - 1));
      const green = Math.floor((y * 255) / Math.max(1, height - 1));
      const checker = (Math.floor((x + seed * 7) / cell) + Math.floor(y / cell)) % 2 === 0;
      data[o] = (red + seed * 40) & 255;
      data[o + 1] = green;
      data[o + 2] = checker ? 224 : 32;
      data[o + 3] = clear !== undefined && isInside(clear, x, y) ? 0 : 255;
    }
  }
  return { width, height, data };
}

/** A mask: opaque white, with `clear` fully transparent (where an edit paints the scene). */
export function drawSampleMask(spec: { width: number; height: number; clear: PixelRect }): Raster {
  const { width, height, clear } = spec;
  const data = new Uint8Array(width * height * 4).fill(255);
  for (let y = Math.max(0, clear.y0); y < Math.min(height, clear.y1); y++) {
    for (let x = Math.max(0, clear.x0); x < Math.min(width, clear.x1); x++) data[(y * width + x) * 4 + 3] = 0;
  }
  return { width, height, data };
}

function isInside(rect: PixelRect, x: number, y: number): boolean {
  return x >= rect.x0 && x < rect.x1 && y >= rect.y0 && y < rect.y1;
}
