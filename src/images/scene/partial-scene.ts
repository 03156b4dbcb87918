import type { Scene } from './compose-scene.js';

/** Partial image `index` (0-based) of `count`, as streamed before the final image. */
export interface PartialImage {
  readonly index: number;
  readonly count: number;
}

/** The smallest mosaic block of any partial image, so even the last one differs from the final image. */
const MIN_BLOCK = 2;

/**
 * What partial image `index` of `count` shows: the scene being built up and coming into focus.
 * - Layers: the whole backdrop, then the first (index + 1) / (count + 1) of the other layers in
 *   painting order, so each partial adds shapes and only the final image has them all (and the
 *   label, which is painted last).
 * - Focus: a mosaic whose blocks start at about 1/16 of the shorter side (a power of two) and
 *   halve in steps spread over the partials, ending at 2 pixels or more: never the full image.
 * Only integer arithmetic, so the result is the same everywhere.
 */
export function describePartial(scene: Scene, partial: PartialImage): { scene: Scene; blockSize: number } {
  const { index, count } = partial;
  const subjects = scene.layers.filter((layer) => !isBackdrop(layer)).length;
  const keep = Math.floor((subjects * (index + 1)) / (count + 1));
  let seen = 0;
  const layers = scene.layers.filter((layer) => isBackdrop(layer) || seen++ < keep);

  const unit = Math.min(scene.width, scene.height);
  let coarsest = MIN_BLOCK;
  let halvings = 0;
  while (coarsest * 2 * 16 <= unit) {
    coarsest *= 2;
    halvings++;
  }
  const blockSize = Math.max(MIN_BLOCK, coarsest >> Math.floor((index * (halvings + 1)) / count));
  return { scene: { ...scene, layers }, blockSize };
}

function isBackdrop(layer: Scene['layers'][number]): boolean {
  return layer.kind === 'shape' && layer.backdrop === true;
}
