import { encodePng, type PngImage } from './codecs/png/encode-png.js';
import { renderIdat } from './render-idat.js';
import { composeScene } from './scene/compose-scene.js';
import type { ImageParams } from './scene/image-params.js';

export type { ImageParams } from './scene/image-params.js';

const MIN_SIDE = 1;
const MAX_SIDE = 8192;

/**
 * Renders a deterministic abstract picture with a label of the prompt and settings.
 * The bytes are a pure function of `params`: no clock, randomness or global state.
 *
 * @example
 * const png = renderPng({ model: 'dall-e-3', prompt: 'a red fox', width: 1024, height: 1024,
 *   quality: 'standard', style: 'vivid', index: 0 });
 */
export function renderPng(params: ImageParams): Buffer {
  assertImageSize(params);
  const scene = composeScene(params);
  return encodePng({
    width: params.width,
    height: params.height,
    idat: renderIdat(scene),
    text: writePngText(describeParams(params)),
  });
}

/** Throws a RangeError unless width and height are integers from 1 to 8192. */
export function assertImageSize(params: Pick<ImageParams, 'width' | 'height'>): void {
  for (const side of ['width', 'height'] as const) {
    const value = params[side];
    if (!Number.isInteger(value) || value < MIN_SIDE || value > MAX_SIDE) {
      throw new RangeError(`Image ${side} must be an integer from ${MIN_SIDE} to ${MAX_SIDE}, got ${value}`);
    }
  }
}

/** The tEXt chunks of our PNGs: the software, and `description` (the params) as escaped JSON. */
export function writePngText(description: object): PngImage['text'] {
  return [
    { keyword: 'Software', text: 'imagegen-mock' },
    { keyword: 'Description', text: escapeNonAscii(JSON.stringify(description)) },
  ];
}

/** JSON with every non-ASCII UTF-16 unit written as \uXXXX: valid Latin-1, and JSON.parse undoes it. */
export function escapeNonAscii(json: string): string {
  return json.replace(/[\u007f-\uffff]/g, (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** The params as stored in the PNG `Description` text chunk, keys in a fixed order. */
export interface ParamsDescription {
  model: string;
  prompt: string;
  size: string;
  quality: string;
  style: string;
  index: number;
}

/** Orders the params canonically: the same params always give the same JSON. */
export function describeParams(params: ImageParams): ParamsDescription {
  return {
    model: params.model,
    prompt: params.prompt,
    size: `${params.width}x${params.height}`,
    quality: params.quality,
    style: params.style,
    index: params.index,
  };
}
