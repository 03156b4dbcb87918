import { measureLayerRows, traceLayerRow, type Layer, type RunSink } from '../scene/layer.js';
import { colorAt, type Paint } from '../scene/paint.js';
import { toArgb, type ArgbImage } from './render-pixels.js';

/** Paints one layer (a label, a shape) over the pixels, opaque, row by row: only the rows it touches. */
export function overlayLayer(image: ArgbImage, layer: Layer): void {
  const { width, height, pixels } = image;
  const { top, bottom } = measureLayerRows(layer);
  let base = 0;
  const emit: RunSink = (x0: number, x1: number, paint: Paint) => {
    const from = Math.max(0, x0);
    const to = Math.min(width, x1);
    if (paint.kind === 'flat') {
      if (from < to) pixels.fill(toArgb(paint.rgb), base + from, base + to);
      return;
    }
    for (let x = from; x < to; x++) pixels[base + x] = toArgb(colorAt(paint, x));
  };
  for (let y = Math.max(0, top); y < Math.min(height, bottom); y++) {
    base = y * width;
    traceLayerRow(layer, y, emit);
  }
}

/**
 * Turns the pixels into a mosaic of `block` x `block` squares in place, each the colour the image
 * has at the square's centre (clipped to the image), as partial scenes are sampled (scan-scene.ts).
 */
export function mosaicPixels(image: ArgbImage, block: number): void {
  const { width, height, pixels } = image;
  if (block <= 1) return;
  const half = block >> 1;
  for (let y0 = 0; y0 < height; y0 += block) {
    const row = Math.min(height - 1, y0 + half) * width;
    const base = y0 * width;
    for (let x0 = 0; x0 < width; x0 += block) {
      pixels.fill(
        pixels[row + Math.min(width - 1, x0 + half)] ?? 0,
        base + x0,
        base + Math.min(width, x0 + block),
      );
    }
    const y1 = Math.min(height, y0 + block);
    for (let y = y0 + 1; y < y1; y++) pixels.copyWithin(y * width, base, base + width);
  }
}
