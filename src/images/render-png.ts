import { composeScene } from './compose-scene.js';
import { describeParams, type ImageParams } from './describe-params.js';
import { encodePng } from './encode-png.js';
import { rasterizeScene } from './rasterize-scene.js';

export type { ImageParams } from './describe-params.js';

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
  for (const side of ['width', 'height'] as const) {
    const value = params[side];
    if (!Number.isInteger(value) || value < MIN_SIDE || value > MAX_SIDE) {
      throw new RangeError(`Image ${side} must be an integer from ${MIN_SIDE} to ${MAX_SIDE}, got ${value}`);
    }
  }
  const scene = composeScene(params);
  return encodePng({
    width: params.width,
    height: params.height,
    idat: rasterizeScene(scene),
    text: [
      { keyword: 'Software', text: 'imagegen-mock' },
      { keyword: 'Description', text: escapeNonAscii(JSON.stringify(describeParams(params))) },
    ],
  });
}

/** JSON with every non-ASCII UTF-16 unit written as \uXXXX: valid Latin-1, and JSON.parse undoes it. */
export function escapeNonAscii(json: string): string {
  return json.replace(/[\u007f-\uffff]/g, (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
