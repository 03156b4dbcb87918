import {
  drawSampleMask,
  drawSampleRaster,
  type PixelRect,
  type SampleRasterSpec,
} from './raster/sample-rasters.js';
import type { EditRenderParams } from './render-edit.js';
import type { RenderParams } from './render-image.js';

/** An edit or variation whose inputs are drawn in code: how the golden edits are written down as JSON. */
export interface SampleEdit {
  /** The picture's params and output options, as renderImage takes them. */
  readonly params: RenderParams;
  readonly kind: EditRenderParams['kind'];
  readonly inputCount: number;
  /** The base image (drawSampleRaster). */
  readonly base: SampleRasterSpec;
  /** A mask the size of the base, transparent in `clear` (drawSampleMask). */
  readonly mask?: { readonly clear: PixelRect };
}

/**
 * The renderEdit params of a sample edit, its inputs drawn with integer arithmetic only, so the
 * golden hashes (fixtures/golden-edits.json, scripts/check-goldens.js) hold on every Node version.
 */
export function buildSampleEdit(sample: SampleEdit): EditRenderParams {
  const { params, kind, inputCount, base, mask } = sample;
  return {
    ...params,
    kind,
    inputCount,
    base: drawSampleRaster(base),
    ...(mask === undefined
      ? {}
      : { mask: drawSampleMask({ width: base.width, height: base.height, clear: mask.clear }) }),
  };
}
