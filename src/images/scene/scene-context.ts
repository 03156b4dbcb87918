import type { Fill, Geometry, Layer } from './layer.js';
import { createFlatPaint } from './paint.js';
import type { Palette } from './palette.js';
import type { Prng } from './prng.js';

/** What the motif functions share while composing one picture. */
export interface SceneContext {
  readonly width: number;
  readonly height: number;
  /** Row where the sky meets the ground. */
  readonly horizon: number;
  /** min(width, height): the length sizes are relative to. */
  readonly unit: number;
  readonly palette: Palette;
  /** The sky's fill, reused to "cut" shapes out of the sky (crescent moon). */
  readonly skyFill: Fill;
  /** Draws for the composition: the same for every quality and style. */
  readonly rng: Prng;
  /** Draws for extra hd detail only, so hd keeps the standard composition. */
  readonly detailRng: Prng;
  readonly highDetail: boolean;
  /** Layers in painting order; motif functions append to it. */
  readonly layers: Layer[];
}

export function addShape(ctx: SceneContext, geometry: Geometry, fill: Fill): void {
  ctx.layers.push({ kind: 'shape', geometry, fill });
}

/**
 * Adds a layer of the backdrop: drawn like any shape on an opaque image, but fully transparent with
 * `background: 'transparent'` (as is whatever it covers), leaving the subject shapes and the label.
 */
export function addBackdrop(ctx: SceneContext, geometry: Geometry, fill: Fill): void {
  ctx.layers.push({ kind: 'shape', geometry, fill, backdrop: true });
}

export function fillSolid(rgb: number): Fill {
  return { kind: 'paint', paint: createFlatPaint(rgb) };
}
