import { blueOf, greenOf, packRgb, redOf } from './color.js';

/** One colour for every pixel of a span. */
export interface FlatPaint {
  readonly kind: 'flat';
  /** 0xRRGGBB, or CLEAR_RGB for fully transparent pixels. */
  readonly rgb: number;
}

/** The `rgb` of a fully transparent pixel: out of the 0xRRGGBB range, so no colour equals it. */
export const CLEAR_RGB = -1;

/** What a transparent background paints instead of the backdrop layers (RGBA outputs only). */
export const CLEAR_PAINT: FlatPaint = Object.freeze({ kind: 'flat', rgb: CLEAR_RGB });

/**
 * A horizontally periodic paint: stripes (drift 0) or a linear ramp (a drift per period).
 * The colour at `x` is `phaseRgb[p] + n * drift` with `x - origin = n * period + p`, channels
 * mod 256, so the difference from the pixel on the left repeats with the period.
 */
export interface PatternPaint {
  readonly kind: 'pattern';
  readonly origin: number;
  readonly period: number;
  readonly phaseRgb: Int32Array;
  readonly drift: readonly [number, number, number];
}

export type Paint = FlatPaint | PatternPaint;

export function createFlatPaint(rgb: number): FlatPaint {
  return { kind: 'flat', rgb };
}

/** Stripes starting at `origin`: each band is `width` pixels of `rgb`, repeating. */
export function createStripePaint(origin: number, bands: readonly { rgb: number; width: number }[]): Paint {
  const widths = bands.map((band) => Math.max(1, Math.round(band.width)));
  const period = widths.reduce((sum, width) => sum + width, 0);
  const phaseRgb = new Int32Array(period);
  let phase = 0;
  bands.forEach((band, i) => {
    const width = widths[i] ?? 1;
    phaseRgb.fill(band.rgb, phase, phase + width);
    phase += width;
  });
  if (bands.length < 2 || phaseRgb.every((rgb) => rgb === phaseRgb[0]))
    return createFlatPaint(bands[0]?.rgb ?? 0);
  return createPatternPaint(origin, phaseRgb, [0, 0, 0]);
}

/**
 * A horizontal ramp from `from` at x0 towards `to` at x1. Channel steps are integers per
 * period (at most 64 px) and rounded towards zero, so colours stay between the endpoints
 * for every pixel in [x0 - 1, x1 + 1] (shapes may round one pixel past their bounds).
 */
export function createRampPaint(from: number, to: number, x0: number, x1: number): Paint {
  const origin = Math.floor(x0) - 1;
  const width = Math.max(1, Math.ceil(x1) + 2 - origin);
  const period = Math.min(width, 64);
  const drift = [redOf, greenOf, blueOf].map((channel) =>
    Math.trunc(((channel(to) - channel(from)) * period) / width),
  );
  const [dr = 0, dg = 0, db = 0] = drift;
  if (dr === 0 && dg === 0 && db === 0) return createFlatPaint(from);
  const phaseRgb = new Int32Array(period);
  for (let p = 0; p < period; p++) {
    phaseRgb[p] = packRgb(
      redOf(from) + stepWithin(dr, p, period),
      greenOf(from) + stepWithin(dg, p, period),
      blueOf(from) + stepWithin(db, p, period),
    );
  }
  return createPatternPaint(origin, phaseRgb, [dr, dg, db]);
}

/** The same paint moved so its pattern starts at `origin`. */
export function shiftPaint(paint: Paint, origin: number): Paint {
  return paint.kind === 'flat' ? paint : { ...paint, origin };
}

/** Colour of pixel `x`, channels wrapped mod 256. */
export function colorAt(paint: Paint, x: number): number {
  if (paint.kind === 'flat') return paint.rgb;
  const relative = x - paint.origin;
  const cycle = Math.floor(relative / paint.period);
  const base = paint.phaseRgb[relative - cycle * paint.period] ?? 0;
  const drift = paint.drift;
  return (
    (((redOf(base) + cycle * drift[0]) & 255) << 16) |
    (((greenOf(base) + cycle * drift[1]) & 255) << 8) |
    ((blueOf(base) + cycle * drift[2]) & 255)
  );
}

/** Whether two paints colour every pixel alike (a shifted copy of a pattern counts when its origin matches). */
export function isSamePaint(a: Paint, b: Paint): boolean {
  if (a === b) return true;
  if (a.kind === 'flat' || b.kind === 'flat')
    return a.kind === 'flat' && b.kind === 'flat' && a.rgb === b.rgb;
  return a.phaseRgb === b.phaseRgb && a.drift === b.drift && a.origin === b.origin;
}

function stepWithin(drift: number, phase: number, period: number): number {
  return Math.sign(drift) * Math.floor((Math.abs(drift) * phase) / period);
}

function createPatternPaint(
  origin: number,
  phaseRgb: Int32Array,
  drift: readonly [number, number, number],
): PatternPaint {
  return { kind: 'pattern', origin, period: phaseRgb.length, phaseRgb, drift };
}
