import { mixRgb } from './color.js';
import { createRampPaint, createStripePaint } from './paint.js';
import { addBackdrop, addShape, fillSolid, type SceneContext } from './scene-context.js';

/** A sun disc with a light ramp and concentric halo rings (more, thinner rings in hd). */
export function drawSun(ctx: SceneContext): void {
  const { rng, palette, unit, width, horizon } = ctx;
  const radius = unit * rng.nextRange(0.06, 0.13);
  const cx = width * rng.nextRange(0.15, 0.85);
  const cy = horizon * rng.nextRange(0.25, 0.65);
  const rings = ctx.highDetail ? 5 : 2;
  const spacing = ctx.highDetail ? 0.22 : 0.4;
  const halo = mixRgb(palette.sun, palette.skyHorizon, 0.45);
  for (let i = rings; i >= 1; i--) {
    const outer = radius * (1 + i * spacing);
    const inner = radius * (1 + (i - 0.5) * spacing);
    const rgb = mixRgb(halo, palette.skyTop, i / (rings + 2));
    addShape(ctx, { kind: 'ring', cx, cy, rx: outer, ry: outer, inner: inner / outer }, fillSolid(rgb));
  }
  const paint = createRampPaint(palette.highlight, palette.sun, cx - radius, cx + radius);
  addShape(ctx, { kind: 'ellipse', cx, cy, rx: radius, ry: radius }, { kind: 'paint', paint });
}

/** A crescent: a bright disc with a sky-coloured (backdrop) disc over it, and a few stars. */
export function drawMoon(ctx: SceneContext): void {
  const { rng, palette, unit, width, horizon } = ctx;
  const radius = unit * rng.nextRange(0.05, 0.1);
  const cx = width * rng.nextRange(0.15, 0.85);
  const cy = horizon * rng.nextRange(0.2, 0.55);
  const side = rng.chance(0.5) ? 1 : -1;
  drawStars(ctx, 12);
  addShape(ctx, { kind: 'ellipse', cx, cy, rx: radius, ry: radius }, fillSolid(palette.highlight));
  const bite = { cx: cx + side * radius * 0.45, cy: cy - radius * 0.2, rx: radius * 0.9, ry: radius * 0.9 };
  addBackdrop(ctx, { kind: 'ellipse', ...bite }, ctx.skyFill);
}

/** Small square stars in the sky, part of the backdrop; hd adds many more. */
export function drawStars(ctx: SceneContext, count: number): void {
  const { palette, unit, width, horizon } = ctx;
  const size = Math.max(1, Math.round(unit / 320));
  const draw = (rng: SceneContext['rng'], n: number): void => {
    for (let i = 0; i < n; i++) {
      const x = Math.floor(rng.nextRange(0, width));
      const y = Math.floor(rng.nextRange(0, horizon * 0.8));
      const rgb = mixRgb(palette.highlight, palette.skyTop, rng.nextRange(0, 0.5));
      const s = rng.chance(0.2) ? size * 2 : size;
      addBackdrop(ctx, { kind: 'rect', x0: x, y0: y, x1: x + s, y1: y + s }, fillSolid(rgb));
    }
  };
  draw(ctx.rng, count);
  if (ctx.highDetail) draw(ctx.detailRng, count * 4 + 40);
}

/** Clusters of overlapping ellipses with a darker underside. */
export function drawClouds(ctx: SceneContext): void {
  const { rng, palette, unit, width, horizon } = ctx;
  const clusters = rng.nextInt(2, 3);
  const light = mixRgb(palette.highlight, palette.skyHorizon, 0.25);
  const shade = mixRgb(light, palette.skyTop, 0.3);
  for (let c = 0; c < clusters; c++) {
    const cx = width * rng.nextRange(0.05, 0.95);
    const cy = horizon * rng.nextRange(0.15, 0.7);
    const size = unit * rng.nextRange(0.04, 0.09);
    const puffs = rng.nextInt(3, 5);
    addShape(
      ctx,
      { kind: 'ellipse', cx, cy: cy + size * 0.35, rx: size * puffs * 0.8, ry: size * 0.6 },
      fillSolid(shade),
    );
    for (let p = 0; p < puffs; p++) {
      const px = cx + (p - (puffs - 1) / 2) * size * 1.1;
      const r = size * rng.nextRange(0.7, 1.2);
      addShape(ctx, { kind: 'ellipse', cx: px, cy: cy - r * 0.3, rx: r, ry: r * 0.8 }, fillSolid(light));
    }
  }
}

/** Slanted, wavy bands of accent colours across part of the sky (backdrop). */
export function drawAurora(ctx: SceneContext): void {
  const { rng, palette, unit, width, horizon } = ctx;
  const y0 = horizon * rng.nextRange(0.1, 0.35);
  const y1 = y0 + horizon * rng.nextRange(0.2, 0.4);
  const band = unit * rng.nextRange(0.02, 0.05) * (ctx.highDetail ? 0.45 : 1);
  const [a, b, c] = palette.accents;
  const colors = rng.chance(0.5) ? [a, palette.skyTop, b] : [a, c, palette.skyTop, b];
  const paint = createStripePaint(
    0,
    colors.map((rgb, i) => ({ rgb, width: band * (i === 0 ? 1.6 : 1) })),
  );
  const slope = rng.nextRange(0.3, 1.2) * (rng.chance(0.5) ? 1 : -1);
  const amplitude = unit * rng.nextRange(0.02, 0.08);
  const wavelength = (y1 - y0) * rng.nextRange(0.4, 1);
  addBackdrop(
    ctx,
    { kind: 'rect', x0: 0, y0, x1: width, y1 },
    { kind: 'drift', paint, slope, amplitude, wavelength },
  );
}
