import { encodeJpeg } from './codecs/jpeg/encode-jpeg.js';
import { encodePng } from './codecs/png/encode-png.js';
import { writePixelIdat } from './codecs/png/pixel-idat.js';
import { encodeWebp } from './codecs/webp/encode-webp.js';
import { composeEdit, type Keep } from './raster/compose-edit.js';
import { mosaicPixels, overlayLayer } from './raster/overlay-pixels.js';
import { renderPixels, type ArgbImage } from './raster/render-pixels.js';
import { assertRaster, hasTransparency, type Raster } from './raster/rgba-raster.js';
import { scaleAlpha, scaleRaster } from './raster/scale-raster.js';
import { assertRenderParams, type RenderParams } from './render-image.js';
import { describeParams, writePngText } from './render-png.js';
import { composeScene, type Scene } from './scene/compose-scene.js';
import { captionEdit } from './scene/edit-label.js';
import { layoutLabel } from './scene/label.js';
import type { Layer } from './scene/layer.js';
import { describePartial } from './scene/partial-scene.js';
import { planVariation } from './scene/vary-picture.js';

export type { Raster } from './raster/rgba-raster.js';

/** An edit or variation: the picture's params (size, model, prompt, index, format, background, partial) plus the inputs. */
export type EditRenderParams = RenderParams & {
  kind: 'edit' | 'variation';
  /** The first input image, decoded, any size: the base of the output. */
  base: Raster;
  /** How many input images the request carried (the label says so). */
  inputCount: number;
  /** Edits only: same size as `base`; where alpha is 0 the prompt's scene is painted, where 255 the base stays. */
  mask?: Raster;
  /**
   * A digest of every input file's bytes (the images after the first and the mask included): it seeds the
   * painted scene, so two requests that differ only in a later image draw differently. Absent: no seed.
   */
  inputDigest?: string;
};

/**
 * How much of the input an edit without a mask keeps where it is opaque: 160/255, about 63%. The
 * scene shows through everywhere (the whole picture was reworked) and the input stays plain to see:
 * on 64x64 grey thumbnails of photos and drawn pictures, a mean absolute difference from the input of
 * 12-32 levels (of 255) and a correlation of 0.68-0.94, where the scene alone differs by 28-83 levels.
 */
export const UNMASKED_EDIT_KEEP = 160;

/**
 * Renders an edit or a variation of `params.base` in the requested format: the base scaled to the
 * output size, and
 * - an edit with a mask: the prompt's scene (the picture a generation with the same model, prompt,
 *   size and index draws, seeded also by `inputDigest` when given) where the mask's alpha is 0, the base untouched where it is 255, a blend
 *   in between;
 * - an edit without a mask: the base's own transparent pixels are the mask (dall-e-2's rule); a
 *   fully opaque base is blended with the scene everywhere, keeping UNMASKED_EDIT_KEEP of it;
 * - a variation: a slightly zoomed crop of the base with its hue turned, different per `index`.
 * A label says `EDIT | n INPUTS | prompt` or `VARIATION #i`. `background: 'transparent'` keeps the
 * base's alpha and leaves the scene's backdrop clear; a `partial` image is a coarser mosaic of an
 * unfinished scene, without the label. A pure function of `params`, pixels included; integer
 * arithmetic on typed arrays. Throws a RangeError for impossible params (see assertEditParams).
 *
 * @example
 * const png = renderEdit({ kind: 'edit', model: 'gpt-image-1', prompt: 'a red fox', width: 1024,
 *   height: 1024, quality: 'high', style: 'vivid', index: 0, base, mask, inputCount: 1 });
 */
export function renderEdit(params: EditRenderParams): Buffer {
  assertEditParams(params);
  const { kind, base, mask, width, height, partial, outputFormat = 'png', compression = 100 } = params;
  const transparent = params.background === 'transparent';
  // The digest joins the prompt only where the scene is seeded; the label shows the prompt as sent.
  const composed = composeScene(
    params.inputDigest === undefined
      ? params
      : { ...params, prompt: `${params.prompt}\n${params.inputDigest}` },
  );
  const labelLayer = captionLayer(params, composed);
  const backdrop: Scene = {
    width,
    height,
    layers: composed.layers.filter((layer) => layer.kind !== 'label'),
  };
  const { scene, blockSize } =
    partial === undefined ? { scene: backdrop, blockSize: 1 } : describePartial(backdrop, partial);
  // A variation of an opaque input covers the whole scene: no need to draw it.
  const hidden = kind === 'variation' && !hasTransparency(base);
  const image: ArgbImage = hidden
    ? { width, height, pixels: new Uint32Array(width * height) }
    : renderPixels(scene, { transparent });

  if (kind === 'variation') {
    const plan = planVariation(params, base.width, base.height);
    const input = scaleRaster(base, width, height, plan.crop);
    composeEdit({
      scene: image,
      input,
      keep: { kind: 'constant', value: 255 },
      transparent,
      tone: plan.tone,
    });
  } else {
    const input = scaleRaster(base, width, height);
    const keep: Keep =
      mask !== undefined
        ? { kind: 'mask', alpha: scaleAlpha(mask, width, height) }
        : hasTransparency(base)
          ? { kind: 'input-alpha' }
          : { kind: 'constant', value: UNMASKED_EDIT_KEEP };
    composeEdit({ scene: image, input, keep, transparent });
  }
  if (blockSize > 1) mosaicPixels(image, blockSize);
  else if (labelLayer !== undefined) overlayLayer(image, labelLayer);
  return encode(image, params, outputFormat, compression, transparent);
}

function encode(
  image: ArgbImage,
  params: EditRenderParams,
  outputFormat: NonNullable<RenderParams['outputFormat']>,
  compression: number,
  transparent: boolean,
): Buffer {
  switch (outputFormat) {
    case 'png':
      return encodePng({
        width: image.width,
        height: image.height,
        alpha: transparent,
        idat: writePixelIdat(image, transparent),
        text: writePngText(describeEdit(params)),
      });
    case 'jpeg':
      return encodeJpeg(image, compression);
    case 'webp':
      return encodeWebp(image);
  }
}

/** The PNG `Description` of an edit: a generation's, then kind, inputs, mask and the output options. */
export function describeEdit(params: EditRenderParams): object {
  const { kind, inputCount, mask, background, partial } = params;
  return {
    ...describeParams(params),
    kind,
    inputs: inputCount,
    mask: mask !== undefined,
    ...(background === 'transparent' ? { background } : {}),
    ...(partial === undefined ? {} : { partial: { index: partial.index, count: partial.count } }),
  };
}

/** The label of an edit, in the colours the scene's own label would have; undefined if none fits. */
function captionLayer(params: EditRenderParams, composed: Scene): Layer | undefined {
  const own = composed.layers.find((layer) => layer.kind === 'label');
  if (own?.kind !== 'label') return undefined;
  const label = layoutLabel({ ...params, prompt: captionEdit(params) }, own.label.plate, own.label.ink);
  return label === undefined ? undefined : { kind: 'label', label };
}

/**
 * Throws a RangeError naming the first impossible value: any of renderImage's, an unknown kind, a
 * malformed base or mask, a mask of another size than the base, a mask or a prompt on a
 * variation, or an input count that is not a positive integer.
 */
export function assertEditParams(params: EditRenderParams): void {
  assertRenderParams(params);
  const { kind, base, mask, inputCount, prompt } = params;
  if (kind !== 'edit' && kind !== 'variation') {
    throw new RangeError(`Kind must be edit or variation, got ${String(kind)}`);
  }
  assertRaster(base, 'base image');
  if (!Number.isInteger(inputCount) || inputCount < 1) {
    throw new RangeError(`Input count must be a positive integer, got ${inputCount}`);
  }
  if (kind === 'variation') {
    if (mask !== undefined) throw new RangeError('A variation takes no mask');
    if (prompt !== '') throw new RangeError('A variation takes no prompt: its prompt must be empty');
    if (inputCount !== 1) throw new RangeError(`A variation takes one input image, got ${inputCount}`);
    return;
  }
  if (mask === undefined) return;
  assertRaster(mask, 'mask');
  if (mask.width !== base.width || mask.height !== base.height) {
    throw new RangeError(
      `The mask must be the size of the base image, ${base.width}x${base.height}, got ${mask.width}x${mask.height}`,
    );
  }
}
