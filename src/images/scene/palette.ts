import { hslToRgb, mixRgb } from './color.js';
import type { ColorStyle } from './image-params.js';
import type { Prng } from './prng.js';

/** The colours of one picture. */
export interface Palette {
  readonly skyTop: number;
  readonly skyHorizon: number;
  readonly groundTop: number;
  readonly groundBottom: number;
  readonly sun: number;
  /** Five colours for shapes, in harmony with the base hue. */
  readonly accents: readonly [number, number, number, number, number];
  readonly shadow: number;
  readonly highlight: number;
  readonly plate: number;
  readonly ink: number;
}

/** Hue offsets of classic colour schemes (analogous, triadic, complementary, split, tetradic). */
const SCHEMES: readonly (readonly number[])[] = [
  [0, 30, -30, 60, -60],
  [0, 120, 240, 60, 180],
  [0, 180, 20, 200, -20],
  [0, 150, 210, 30, 330],
  [0, 90, 180, 270, 45],
];

/** Earthy hues that `natural` pulls towards: ochre, clay, olive, moss, slate blue. */
const EARTH_HUES: readonly number[] = [35, 20, 70, 100, 205];

/**
 * Draws the same random numbers for both styles, so `vivid` and `natural` versions of one
 * request share hues; the style decides saturation and lightness ranges.
 */
export function createPalette(rng: Prng, style: ColorStyle): Palette {
  const baseHue = rng.nextRange(0, 360);
  const scheme = rng.pick(SCHEMES);
  const draws = Array.from(
    { length: 10 },
    () => [rng.nextFloat(), rng.nextFloat(), rng.nextFloat()] as const,
  );
  const color = (hueOffset: number, index: number, lightness: readonly [number, number]): number => {
    const [jitter = 0, u = 0, v = 0] = draws[index] ?? [];
    const hue = baseHue + hueOffset + (jitter - 0.5) * 24;
    return style === 'vivid'
      ? hslToRgb(hue, 0.72 + 0.28 * u, lightness[0] + (lightness[1] - lightness[0]) * v)
      : hslToRgb(
          pullToEarth(hue),
          0.12 + 0.2 * u,
          0.08 + lightness[0] + (lightness[1] - lightness[0]) * 0.8 * v,
        );
  };
  const offset = (i: number): number => scheme[i] ?? 0;
  const accent = (i: number): number => color(offset(i), i, [0.38, 0.62]);
  const accents = [accent(0), accent(1), accent(2), accent(3), accent(4)] as const;
  const skyTop = color(offset(1) + 200, 5, [0.12, 0.4]);
  const skyHorizon = color(offset(3) + 20, 6, [0.55, 0.8]);
  const groundTop = color(offset(2), 7, [0.3, 0.5]);
  const groundBottom = mixRgb(color(offset(4), 8, [0.12, 0.28]), 0x000000, 0.2);
  const sun = color(offset(3) + 40, 9, [0.62, 0.82]);
  const plateTint = hslToRgb(baseHue, 0.25, 0.08);
  return {
    skyTop,
    skyHorizon,
    groundTop,
    groundBottom,
    sun,
    accents,
    shadow: mixRgb(groundBottom, 0x000000, 0.5),
    highlight: mixRgb(sun, 0xffffff, 0.6),
    plate: plateTint,
    ink: mixRgb(plateTint, 0xffffff, 0.94),
  };
}

function pullToEarth(hue: number): number {
  const h = ((hue % 360) + 360) % 360;
  let nearest = EARTH_HUES[0] ?? 0;
  for (const earth of EARTH_HUES) {
    if (circularDistance(h, earth) < circularDistance(h, nearest)) nearest = earth;
  }
  const delta = ((nearest - h + 540) % 360) - 180;
  return h + delta * 0.7;
}

function circularDistance(a: number, b: number): number {
  const d = Math.abs(a - b) % 360;
  return d > 180 ? 360 - d : d;
}
