import type { ImageParams } from './image-params.js';
import { createPrng } from './prng.js';

/** What tells variation `index` of an input apart: the part of the input it shows and a colour turn. */
export interface VariationPlan {
  /** The part of the input shown, in its pixels: a slight zoom at an offset. */
  readonly crop: { readonly x: number; readonly y: number; readonly width: number; readonly height: number };
  /** A hue rotation about the grey axis: a 3x3 matrix, rows r, g, b, in units of 1/4096. */
  readonly tone: Int32Array;
  /** The hue turn in degrees (for tests and the description). */
  readonly degrees: number;
}

const MIN_ZOOM = 0.92;
const MAX_ZOOM = 0.98;
const MIN_DEGREES = 25;
const MAX_DEGREES = 65;

/**
 * Plans variation `index` of an input of `inputWidth` x `inputHeight`: seeded from the model, size
 * and index, so each index differs (hue turned the other way on every other index, a different
 * crop) while the input stays recognisable (at least 92% of each side, a turn of 25-65 degrees
 * that keeps greys grey and light and shade as they were). The cosine and sine come from tan(angle / 2) by + - * / only, all
 * exactly rounded: the same on every platform (Math.sin and Math.cos promise no exact last bit).
 */
export function planVariation(
  params: Pick<ImageParams, 'model' | 'width' | 'height' | 'index'>,
  inputWidth: number,
  inputHeight: number,
): VariationPlan {
  const { model, width, height, index } = params;
  const rng = createPrng(`variation:${JSON.stringify({ model, width, height, index })}`);
  const zoom = rng.nextRange(MIN_ZOOM, MAX_ZOOM);
  const cropWidth = Math.max(1, Math.round(inputWidth * zoom));
  const cropHeight = Math.max(1, Math.round(inputHeight * zoom));
  const crop = {
    x: Math.floor(rng.nextFloat() * (inputWidth - cropWidth + 1)),
    y: Math.floor(rng.nextFloat() * (inputHeight - cropHeight + 1)),
    width: cropWidth,
    height: cropHeight,
  };
  const degrees = Math.round(rng.nextRange(MIN_DEGREES, MAX_DEGREES)) * (index % 2 === 0 ? 1 : -1);
  return { crop, tone: rotateHue(degrees), degrees };
}

/**
 * The hue rotation matrix for `degrees`, in units of 1/4096: the one of CSS and SVG
 * (`feColorMatrix type="hueRotate"`), which keeps greys grey and the luminance (Rec. 709 weights)
 * of unclipped colours, so a turned picture keeps its light and shade.
 */
export function rotateHue(degrees: number): Int32Array {
  const t = tanOfHalf(degrees);
  const cos = (1 - t * t) / (1 + t * t);
  const sin = (2 * t) / (1 + t * t);
  const matrix = [
    [0.213 + cos * 0.787 - sin * 0.213, 0.715 - cos * 0.715 - sin * 0.715, 0.072 - cos * 0.072 + sin * 0.928],
    [0.213 - cos * 0.213 + sin * 0.143, 0.715 + cos * 0.285 + sin * 0.14, 0.072 - cos * 0.072 - sin * 0.283],
    [0.213 - cos * 0.213 - sin * 0.787, 0.715 - cos * 0.715 + sin * 0.715, 0.072 + cos * 0.928 + sin * 0.072],
  ];
  return Int32Array.from(matrix.flat().map((value) => Math.round(value * 4096)));
}

/** tan(degrees / 2) for |degrees| <= 90 by its odd series (seven terms: error below 1e-6). */
function tanOfHalf(degrees: number): number {
  const x = (degrees * 3.141592653589793) / 360;
  const x2 = x * x;
  // tan x = x + x^3/3 + 2x^5/15 + 17x^7/315 + 62x^9/2835 + 1382x^11/155925 + 21844x^13/6081075
  return (
    x *
    (1 +
      x2 *
        (1 / 3 +
          x2 * (2 / 15 + x2 * (17 / 315 + x2 * (62 / 2835 + x2 * (1382 / 155925 + x2 * (21844 / 6081075)))))))
  );
}
