import type { ArgbImage } from './render-pixels.js';
import type { Raster } from './rgba-raster.js';

/** How much of the input each pixel keeps (255: all of it, 0: none, the scene instead). */
export type Keep =
  | { readonly kind: 'constant'; readonly value: number }
  /** One byte a pixel of the output's size: a mask's alpha, scaled. */
  | { readonly kind: 'mask'; readonly alpha: Uint8Array }
  /** The input's own alpha: its transparent pixels are where the scene is painted. */
  | { readonly kind: 'input-alpha' };

export interface EditLayers {
  /** The scene, already drawn at the output size; overwritten with the result. */
  readonly scene: ArgbImage;
  /** The input, already scaled to the output size. */
  readonly input: Raster;
  readonly keep: Keep;
  /** Whether the output has alpha; if not, the input's transparent pixels show the scene. */
  readonly transparent: boolean;
  /** A 3x3 colour matrix applied to the input, rows r, g, b, in units of 1/4096; none: unchanged. */
  readonly tone?: Int32Array;
}

/**
 * Paints the input over the scene, pixel by pixel: where `keep` is 255 the input stays exactly as
 * it is (after `tone`), where it is 0 the scene is left, and in between the two are blended in
 * premultiplied alpha. Opaque output first lays the input over the scene by its own alpha; with a
 * transparent one, a constant `keep` lays the scene over the input at opacity 255 - keep (its clear
 * backdrop changes nothing). Integer arithmetic only; no allocation per pixel.
 */
export function composeEdit(layers: EditLayers): void {
  const { scene, input, keep, transparent, tone } = layers;
  const pixels = scene.pixels;
  const data = input.data;
  const maskAlpha = keep.kind === 'mask' ? keep.alpha : undefined;
  const constant = keep.kind === 'constant' ? keep.value : 255;
  // With the input's alpha as `keep`, the kept colour is the input's own, as if opaque.
  const keptIsOpaque = keep.kind === 'input-alpha';
  const sceneOver = keep.kind === 'constant';
  for (let i = 0, o = 0; i < pixels.length; i++, o += 4) {
    let r = data[o] ?? 0;
    let g = data[o + 1] ?? 0;
    let b = data[o + 2] ?? 0;
    const alpha = data[o + 3] ?? 0;
    if (tone !== undefined) {
      const r0 = r;
      const g0 = g;
      r = applyRow(tone, 0, r0, g0, b);
      g = applyRow(tone, 3, r0, g0, b);
      b = applyRow(tone, 6, r0, g0, b);
    }
    const k = maskAlpha !== undefined ? (maskAlpha[i] ?? 0) : keptIsOpaque ? alpha : constant;
    const keptAlpha = keptIsOpaque ? 255 : alpha;
    if (k === 255 && (transparent || keptAlpha === 255)) {
      pixels[i] = ((alpha << 24) | (r << 16) | (g << 8) | b) >>> 0;
      continue;
    }
    if (k === 0) continue;
    const argb = pixels[i] ?? 0;
    const sr = (argb >>> 16) & 255;
    const sg = (argb >>> 8) & 255;
    const sb = argb & 255;
    if (!transparent) {
      // Opaque: the input over the scene by its alpha, then blended with the scene by `keep`.
      const kr = keptAlpha === 255 ? r : divide255(r * keptAlpha + sr * (255 - keptAlpha));
      const kg = keptAlpha === 255 ? g : divide255(g * keptAlpha + sg * (255 - keptAlpha));
      const kb = keptAlpha === 255 ? b : divide255(b * keptAlpha + sb * (255 - keptAlpha));
      pixels[i] =
        (0xff000000 |
          (divide255(kr * k + sr * (255 - k)) << 16) |
          (divide255(kg * k + sg * (255 - k)) << 8) |
          divide255(kb * k + sb * (255 - k))) >>>
        0;
      continue;
    }
    // Transparent: blend premultiplied colours (weights in units of 1/255^3), then divide by the
    // blended alpha. A mask blends the two layers; a constant lays the scene over the input, so
    // the scene's clear backdrop leaves the input as it is, alpha included.
    const sceneWeight = (argb >>> 24) * (255 - k) * 255;
    const keptWeight = keptAlpha * (sceneOver ? 255 * 255 - sceneWeight / 255 : k * 255);
    const total = sceneWeight + keptWeight;
    if (total === 0) {
      pixels[i] = 0;
      continue;
    }
    pixels[i] =
      ((unpremultiply(total, 255 * 255) << 24) |
        (unpremultiply(sr * sceneWeight + r * keptWeight, total) << 16) |
        (unpremultiply(sg * sceneWeight + g * keptWeight, total) << 8) |
        unpremultiply(sb * sceneWeight + b * keptWeight, total)) >>>
      0;
  }
}

/** round(value / 255) for 0 <= value <= 255 * 255, exactly, without a division. */
function divide255(value: number): number {
  const v = value + 128;
  return (v + (v >> 8)) >> 8;
}

/** round(sum / total) for a weighted sum of bytes with weights summing to `total` (> 0). */
function unpremultiply(sum: number, total: number): number {
  return Math.floor((2 * sum + total) / (2 * total));
}

/** One row of the tone matrix applied to (r, g, b), rounded and clamped to a byte. */
function applyRow(tone: Int32Array, row: number, r: number, g: number, b: number): number {
  const value = ((tone[row] ?? 0) * r + (tone[row + 1] ?? 0) * g + (tone[row + 2] ?? 0) * b + 2048) >> 12;
  return value < 0 ? 0 : value > 255 ? 255 : value;
}
