import type { Scene } from '../scene/compose-scene.js';
import { CLEAR_RGB, type PatternPaint } from '../scene/paint.js';
import { scanScene, type ScanOptions } from './scan-scene.js';

/** A raster of 0xAARRGGBB pixels (as unsigned numbers, not bytes: no endianness), row by row. */
export interface ArgbImage {
  readonly width: number;
  readonly height: number;
  readonly pixels: Uint32Array;
}

/** 0xAARRGGBB as an unsigned number: CLEAR_RGB is transparent black, any colour is opaque. */
export function toArgb(rgb: number): number {
  return rgb === CLEAR_RGB ? 0 : (0xff000000 | rgb) >>> 0;
}

/**
 * Paints the scene into a pixel array for the encoders that need pixels (WebP, JPEG): each span
 * is one native `fill` (patterns: one pixel per step), each repeated row one `copyWithin`.
 */
export function renderPixels(scene: Scene, options: ScanOptions): ArgbImage {
  const { width, height } = scene;
  const pixels = new Uint32Array(width * height);
  let y = 0;
  scanScene(scene, options, {
    row(row, paints) {
      const base = y * width;
      for (let i = 0; i < row.count; i++) {
        const paint = paints[row.paintIds[i] ?? 0];
        const x0 = row.starts[i] ?? 0;
        const x1 = row.ends[i] ?? 0;
        if (paint === undefined) continue;
        if (paint.kind === 'flat') pixels.fill(toArgb(paint.rgb), base + x0, base + x1);
        else fillPattern(pixels, base, x0, x1, paint);
      }
      y++;
    },
    repeat() {
      pixels.copyWithin(y * width, (y - 1) * width, y * width);
      y++;
    },
  });
  return { width, height, pixels };
}

/** Pixels [x0, x1) of a pattern: the phase and cycle advance per pixel, no division per pixel. */
function fillPattern(pixels: Uint32Array, base: number, x0: number, x1: number, paint: PatternPaint): void {
  const { period, phaseRgb, drift } = paint;
  const relative = x0 - paint.origin;
  let cycle = Math.floor(relative / period);
  let phase = relative - cycle * period;
  const flat = drift[0] === 0 && drift[1] === 0 && drift[2] === 0;
  for (let x = x0; x < x1; x++) {
    const rgb = phaseRgb[phase] ?? 0;
    pixels[base + x] = flat
      ? (0xff000000 | rgb) >>> 0
      : (0xff000000 |
          ((((rgb >> 16) + cycle * drift[0]) & 255) << 16) |
          (((((rgb >> 8) & 255) + cycle * drift[1]) & 255) << 8) |
          (((rgb & 255) + cycle * drift[2]) & 255)) >>>
        0;
    if (++phase === period) {
      phase = 0;
      cycle++;
    }
  }
}

/** The pixels as RGBA bytes, the layout of most image libraries. */
export function toRgbaBytes(image: ArgbImage): Buffer {
  const { pixels } = image;
  const rgba = Buffer.allocUnsafe(pixels.length * 4);
  for (let i = 0, o = 0; i < pixels.length; i++, o += 4) {
    const argb = pixels[i] ?? 0;
    rgba[o] = (argb >>> 16) & 255;
    rgba[o + 1] = (argb >>> 8) & 255;
    rgba[o + 2] = argb & 255;
    rgba[o + 3] = argb >>> 24;
  }
  return rgba;
}
