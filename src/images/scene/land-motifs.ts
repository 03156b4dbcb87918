import { mixRgb } from './color.js';
import type { Fill } from './layer.js';
import { createRampPaint, createStripePaint } from './paint.js';
import { addBackdrop, addShape, fillSolid, type SceneContext } from './scene-context.js';

/** Triangular peaks with a shaded flank and snow caps; hd adds small foothills. */
export function drawMountains(ctx: SceneContext): void {
  const { rng, palette, width, height, horizon } = ctx;
  const peaks = rng.nextInt(3, 5);
  const drawPeak = (source: SceneContext['rng'], scale: number): void => {
    const x = width * source.nextRange(-0.05, 1.05);
    const y0 = horizon - height * source.nextRange(0.12, 0.38) * scale;
    const y1 = horizon + 2;
    const left = (y1 - y0) * source.nextRange(0.8, 1.6);
    const right = (y1 - y0) * source.nextRange(0.8, 1.6);
    const accent = source.pick(palette.accents);
    const body: Fill = { kind: 'vertical', from: accent, to: mixRgb(accent, palette.shadow, 0.6), y0, y1 };
    addShape(ctx, { kind: 'triangle', x, y0, y1, left, right }, body);
    const flank = mixRgb(accent, palette.shadow, 0.35);
    addShape(ctx, { kind: 'triangle', x, y0, y1, left: 0, right: right * 0.55 }, fillSolid(flank));
    if (source.chance(0.6)) {
      const cap = 0.22;
      const y = y0 + (y1 - y0) * cap;
      addShape(
        ctx,
        { kind: 'triangle', x, y0, y1: y, left: left * cap, right: right * cap },
        fillSolid(palette.highlight),
      );
    }
  };
  for (let i = 0; i < peaks; i++) drawPeak(rng, 1);
  if (ctx.highDetail) for (let i = 0; i < 6; i++) drawPeak(ctx.detailRng, 0.35);
}

/** Buildings standing on the horizon with rows of lit windows (smaller, denser windows in hd). */
export function drawCity(ctx: SceneContext): void {
  const { rng, palette, width, height, horizon } = ctx;
  const buildings = rng.nextInt(6, 10);
  const lit = mixRgb(palette.sun, palette.highlight, 0.4);
  const detail = ctx.highDetail ? 0.5 : 1;
  for (let i = 0; i < buildings; i++) {
    const w = width * rng.nextRange(0.05, 0.12);
    const x0 = width * rng.nextRange(-0.02, 1) - w / 2;
    const y0 = horizon - height * rng.nextRange(0.1, 0.42);
    const wall = mixRgb(rng.pick(palette.accents), palette.shadow, rng.nextRange(0.4, 0.7));
    const windowWidth = Math.max(1, w * 0.1 * detail);
    const windows = createStripePaint(Math.round(x0 + windowWidth), [
      { rgb: lit, width: windowWidth },
      { rgb: wall, width: windowWidth * 1.2 },
    ]);
    const rowPeriod = Math.max(2, Math.round(w * 0.16 * detail));
    const fill: Fill = {
      kind: 'rows',
      on: { kind: 'paint', paint: windows },
      off: fillSolid(wall),
      y0: Math.round(y0 + rowPeriod),
      period: rowPeriod,
      onRows: Math.max(1, Math.round(rowPeriod * 0.5)),
    };
    addShape(ctx, { kind: 'rect', x0, y0, x1: x0 + w, y1: horizon + 1 }, fill);
  }
}

/** Overlapping round hills in two rows, lighter behind, darker in front; furrowed in hd. */
export function drawHills(ctx: SceneContext): void {
  const { rng, palette, width, unit, horizon } = ctx;
  for (const row of [0, 1]) {
    const count = rng.nextInt(2, 4);
    const accent = row === 0 ? palette.accents[1] : palette.accents[2];
    for (let i = 0; i < count; i++) {
      const rx = unit * rng.nextRange(0.25, 0.5);
      const ry = rx * rng.nextRange(0.25, 0.5);
      const cy = horizon + ry * (row === 0 ? 0.4 : 0.7);
      const from = mixRgb(accent, palette.highlight, row === 0 ? 0.2 : 0);
      const shade: Fill = {
        kind: 'vertical',
        from,
        to: mixRgb(accent, palette.shadow, 0.5),
        y0: cy - ry,
        y1: cy,
      };
      const fill = ctx.highDetail ? addFurrows(ctx, shade, from) : shade;
      addShape(ctx, { kind: 'ellipse', cx: width * rng.nextRange(0, 1), cy, rx, ry }, fill);
    }
  }
}

/** hd only: thin slanted furrow lines every few rows over a shaded fill (fields on a hill). */
function addFurrows(ctx: SceneContext, shade: Fill, rgb: number): Fill {
  const stripe = Math.max(1, Math.round(ctx.unit / 160));
  const paint = createStripePaint(0, [
    { rgb: mixRgb(rgb, ctx.palette.highlight, 0.25), width: stripe },
    { rgb: mixRgb(rgb, ctx.palette.shadow, 0.35), width: stripe * 3 },
  ]);
  const period = Math.max(3, Math.round(ctx.unit / 90));
  const on: Fill = { kind: 'drift', paint, slope: 0.7, amplitude: 0, wavelength: 0 };
  return { kind: 'rows', on, off: shade, y0: 0, period, onRows: 1 };
}

/** Floating circles, rings, boxes and triangles with ramp and stripe fills; more and smaller in hd. */
export function drawFloatingShapes(ctx: SceneContext): void {
  const draw = (source: SceneContext['rng'], count: number, scale: number): void => {
    const { palette, width, unit } = ctx;
    for (let i = 0; i < count; i++) {
      const r = unit * source.nextRange(0.04, 0.14) * scale;
      const cx = width * source.nextRange(0.05, 0.95);
      const cy = ctx.horizon * source.nextRange(0.1, 1.1);
      const a = source.pick(palette.accents);
      const b = source.pick(palette.accents);
      const fills: Fill[] = [
        { kind: 'paint', paint: createRampPaint(a, mixRgb(b, palette.highlight, 0.3), cx - r, cx + r) },
        {
          kind: 'paint',
          paint: createStripePaint(Math.round(cx), [
            { rgb: a, width: r / 4 },
            { rgb: b, width: r / 4 },
          ]),
        },
        fillSolid(a),
      ];
      const fill = source.pick(fills);
      const kind = source.pick(['ellipse', 'ring', 'rect', 'triangle'] as const);
      if (kind === 'ellipse') addShape(ctx, { kind, cx, cy, rx: r, ry: r }, fill);
      else if (kind === 'ring') addShape(ctx, { kind, cx, cy, rx: r, ry: r, inner: 0.6 }, fill);
      else if (kind === 'rect')
        addShape(ctx, { kind, x0: cx - r, y0: cy - r * 0.7, x1: cx + r, y1: cy + r * 0.7 }, fill);
      else addShape(ctx, { kind, x: cx, y0: cy - r, y1: cy + r, left: r, right: r }, fill);
    }
  };
  draw(ctx.rng, ctx.rng.nextInt(5, 9), 1);
  if (ctx.highDetail) draw(ctx.detailRng, 14, 0.45);
}

/** Water below the horizon with wavy rows of light ripples (denser in hd); backdrop. */
export function drawWater(ctx: SceneContext): void {
  const { rng, palette, width, height, horizon, unit } = ctx;
  const top = mixRgb(palette.skyHorizon, palette.shadow, 0.35);
  const deep = mixRgb(palette.skyTop, palette.shadow, 0.5);
  const ripple = mixRgb(palette.highlight, top, 0.35);
  const dash = unit * rng.nextRange(0.03, 0.08) * (ctx.highDetail ? 0.5 : 1);
  const paint = createStripePaint(0, [
    { rgb: ripple, width: dash },
    { rgb: mixRgb(top, deep, 0.4), width: dash * rng.nextRange(1.5, 4) },
  ]);
  const period = Math.max(3, Math.round((unit / 60) * (ctx.highDetail ? 0.5 : 1)));
  const fill: Fill = {
    kind: 'rows',
    on: {
      kind: 'drift',
      paint,
      slope: 0,
      amplitude: width * 0.1,
      wavelength: period * rng.nextRange(2.5, 7),
    },
    off: { kind: 'vertical', from: top, to: deep, y0: horizon, y1: height },
    y0: horizon + 2,
    period,
    onRows: Math.max(1, Math.round(period / (ctx.highDetail ? 2 : 4))),
  };
  addBackdrop(ctx, { kind: 'rect', x0: 0, y0: horizon, x1: width, y1: height }, fill);
}

/** Diagonal furrows across the ground (backdrop). */
export function drawField(ctx: SceneContext): void {
  const { rng, palette, width, height, horizon, unit } = ctx;
  const band = unit * rng.nextRange(0.015, 0.04) * (ctx.highDetail ? 0.5 : 1);
  const [a, , , d] = palette.accents;
  const paint = createStripePaint(0, [
    { rgb: mixRgb(a, palette.groundTop, 0.6), width: band },
    { rgb: mixRgb(d, palette.groundBottom, 0.5), width: band },
  ]);
  const slope = rng.nextRange(0.4, 1.5) * (rng.chance(0.5) ? 1 : -1);
  addBackdrop(
    ctx,
    { kind: 'rect', x0: 0, y0: horizon + 1, x1: width, y1: height },
    { kind: 'drift', paint, slope, amplitude: 0, wavelength: 0 },
  );
}

/** Dark rounded hills in the foreground. */
export function drawForegroundHills(ctx: SceneContext): void {
  const { rng, palette, width, height, unit } = ctx;
  const count = rng.nextInt(2, 3);
  for (let i = 0; i < count; i++) {
    const rx = unit * rng.nextRange(0.35, 0.7);
    const ry = rx * rng.nextRange(0.25, 0.45);
    const cy = height + ry * rng.nextRange(0.1, 0.5);
    const from = mixRgb(palette.accents[4], palette.shadow, 0.3);
    const fill: Fill = { kind: 'vertical', from, to: palette.shadow, y0: cy - ry, y1: height };
    addShape(ctx, { kind: 'ellipse', cx: width * rng.nextRange(0, 1), cy, rx, ry }, fill);
  }
}

/** hd only: small pebbles or flowers scattered over the ground. */
export function drawPebbles(ctx: SceneContext): void {
  const { detailRng: rng, palette, width, height, horizon, unit } = ctx;
  const count = Math.round(40 + 60 * rng.nextFloat());
  for (let i = 0; i < count; i++) {
    const t = rng.nextFloat();
    const cy = horizon + (height - horizon) * (0.1 + 0.9 * t);
    const r = Math.max(1, unit * 0.006 * (0.5 + 1.5 * t));
    const rgb = mixRgb(rng.pick(palette.accents), palette.highlight, rng.nextRange(0, 0.5));
    addShape(ctx, { kind: 'ellipse', cx: width * rng.nextFloat(), cy, rx: r * 1.4, ry: r }, fillSolid(rgb));
  }
}

/** hd only: a fine woven texture over plain ground (every other row is fine stripes); backdrop. */
export function drawGroundTexture(ctx: SceneContext): void {
  const { detailRng: rng, palette, width, height, horizon, unit } = ctx;
  const stripe = Math.max(1, Math.round(unit / rng.nextRange(150, 250)));
  const light = mixRgb(palette.groundTop, palette.highlight, 0.15);
  const dark = mixRgb(palette.groundTop, palette.groundBottom, 0.6);
  const paint = createStripePaint(0, [
    { rgb: light, width: stripe },
    { rgb: dark, width: stripe * 2 },
  ]);
  const fill: Fill = {
    kind: 'rows',
    on: { kind: 'drift', paint, slope: rng.nextRange(0.5, 1.5), amplitude: 0, wavelength: 0 },
    off: { kind: 'vertical', from: palette.groundTop, to: palette.groundBottom, y0: horizon, y1: height },
    y0: horizon,
    period: Math.max(2, stripe * 2),
    onRows: Math.max(1, stripe),
  };
  addBackdrop(ctx, { kind: 'rect', x0: 0, y0: horizon, x1: width, y1: height }, fill);
}
