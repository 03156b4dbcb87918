import { encodeJpeg } from './codecs/jpeg/encode-jpeg.js';
import { encodePng } from './codecs/png/encode-png.js';
import { encodeWebp } from './codecs/webp/encode-webp.js';
import { renderPixels } from './raster/render-pixels.js';
import type { ScanOptions } from './raster/scan-scene.js';
import { renderIdat } from './render-idat.js';
import { assertImageSize, describeParams, renderPng, writePngText } from './render-png.js';
import { composeScene } from './scene/compose-scene.js';
import type { ImageParams } from './scene/image-params.js';
import { describePartial, type PartialImage } from './scene/partial-scene.js';

export type { ImageParams } from './scene/image-params.js';
export type { PartialImage } from './scene/partial-scene.js';

export type OutputFormat = 'png' | 'jpeg' | 'webp';
export type Background = 'opaque' | 'transparent';

/** The output options of the GPT image models on top of the picture's params; all optional. */
export type RenderParams = ImageParams & {
  /** Default `png`. */
  outputFormat?: OutputFormat;
  /**
   * 0-100, default 100 (the best image). JPEG only: quality = compression (0 counts as 1, see
   * encode-jpeg.ts). PNG and WebP are lossless and their bytes do not depend on it.
   */
  compression?: number;
  /** Default `opaque`. `transparent` clears the backdrop (sky, ground): PNG (RGBA) or WebP only. */
  background?: Background;
  /** A partial image streamed before the final one: same size and format, coarser and unfinished. */
  partial?: PartialImage;
};

/** The `Content-Type` of each output format. */
export const IMAGE_MEDIA_TYPES: Readonly<Record<OutputFormat, string>> = Object.freeze({
  png: 'image/png',
  jpeg: 'image/jpeg',
  webp: 'image/webp',
});

const OUTPUT_FORMATS: readonly unknown[] = Object.keys(IMAGE_MEDIA_TYPES);
const BACKGROUNDS: readonly unknown[] = ['opaque', 'transparent'];

/**
 * Renders the picture of `params` in the requested format. Without output options (or with png,
 * opaque, no partial) the bytes are exactly `renderPng(params)`. A pure function of `params`.
 * Throws a RangeError for impossible params: a bad size, format, background or compression,
 * JPEG with a transparent background, or a partial index outside 0..count-1.
 *
 * @example
 * const webp = renderImage({ model: 'gpt-image-1', prompt: 'a red fox', width: 1024, height: 1024,
 *   quality: 'high', style: 'vivid', index: 0, outputFormat: 'webp', background: 'transparent' });
 */
export function renderImage(params: RenderParams): Buffer {
  const { outputFormat = 'png', compression = 100, background = 'opaque', partial } = params;
  assertRenderParams(params);
  if (outputFormat === 'png' && background === 'opaque' && partial === undefined) return renderPng(params);

  const transparent = background === 'transparent';
  const full = composeScene(params);
  const { scene, blockSize } =
    partial === undefined ? { scene: full, blockSize: 1 } : describePartial(full, partial);
  const options: ScanOptions = { transparent, blockSize };
  switch (outputFormat) {
    case 'png':
      return encodePng({
        width: params.width,
        height: params.height,
        alpha: transparent,
        idat: renderIdat(scene, options),
        text: writePngText({
          ...describeParams(params),
          ...(transparent ? { background } : {}),
          ...(partial === undefined ? {} : { partial: { index: partial.index, count: partial.count } }),
        }),
      });
    case 'jpeg':
      return encodeJpeg(renderPixels(scene, options), compression);
    case 'webp':
      return encodeWebp(renderPixels(scene, options));
  }
}

/** Throws a RangeError naming the first impossible value or combination. */
export function assertRenderParams(params: RenderParams): void {
  assertImageSize(params);
  const { outputFormat = 'png', compression = 100, background = 'opaque', partial } = params;
  if (!OUTPUT_FORMATS.includes(outputFormat)) {
    throw new RangeError(`Output format must be png, jpeg or webp, got ${String(outputFormat)}`);
  }
  if (!BACKGROUNDS.includes(background)) {
    throw new RangeError(`Background must be opaque or transparent, got ${String(background)}`);
  }
  if (!Number.isInteger(compression) || compression < 0 || compression > 100) {
    throw new RangeError(`Compression must be an integer from 0 to 100, got ${compression}`);
  }
  if (outputFormat === 'jpeg' && background === 'transparent') {
    throw new RangeError('A transparent background needs png or webp: JPEG has no alpha channel');
  }
  if (partial !== undefined) {
    const { index, count } = partial;
    if (!Number.isInteger(count) || count < 1) {
      throw new RangeError(`Partial image count must be a positive integer, got ${count}`);
    }
    if (!Number.isInteger(index) || index < 0 || index >= count) {
      throw new RangeError(`Partial image index must be an integer from 0 to ${count - 1}, got ${index}`);
    }
  }
}
