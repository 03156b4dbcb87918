import { hasHighDetail, resolveStyle, type ImageParams } from './image-params.js';
import { layoutLabel } from './label.js';
import {
  drawCity,
  drawField,
  drawFloatingShapes,
  drawForegroundHills,
  drawGroundTexture,
  drawHills,
  drawMountains,
  drawPebbles,
  drawWater,
} from './land-motifs.js';
import type { Fill, Layer } from './layer.js';
import { createFlatPaint } from './paint.js';
import { createPalette } from './palette.js';
import { createPrng } from './prng.js';
import { addBackdrop, type SceneContext } from './scene-context.js';
import { drawAurora, drawClouds, drawMoon, drawStars, drawSun } from './sky-motifs.js';

/** Everything needed to rasterize one picture: layers in painting order. */
export interface Scene {
  readonly width: number;
  readonly height: number;
  readonly layers: readonly Layer[];
}

type Motif = (ctx: SceneContext) => void;

const SKY_MOTIFS: readonly Motif[] = [drawSun, drawMoon, drawAurora, drawClouds];
const MIDDLE_MOTIFS: readonly Motif[] = [drawMountains, drawCity, drawHills, drawFloatingShapes];
const drawPlainGround: Motif = (ctx) => {
  if (ctx.highDetail) drawGroundTexture(ctx);
};
const GROUND_MOTIFS: readonly Motif[] = [drawWater, drawField, drawPlainGround];

/**
 * Builds the scene for `params`. The composition is seeded from the model, prompt, size and
 * index only: `quality` adds detail and `style` recolours, so the hd and natural variants of
 * a request show the same scene.
 */
export function composeScene(params: ImageParams): Scene {
  const { width, height } = params;
  const key = JSON.stringify({
    model: params.model,
    prompt: params.prompt,
    width,
    height,
    index: params.index,
  });
  const palette = createPalette(createPrng(`palette:${key}`), resolveStyle(params.style));
  const rng = createPrng(`layout:${key}`);
  const horizon = Math.round(height * rng.nextRange(0.5, 0.72));
  const skyFill: Fill = {
    kind: 'vertical',
    from: palette.skyTop,
    to: palette.skyHorizon,
    y0: 0,
    y1: horizon,
  };
  const ctx: SceneContext = {
    width,
    height,
    horizon,
    unit: Math.min(width, height),
    palette,
    skyFill,
    rng,
    detailRng: createPrng(`detail:${key}`),
    highDetail: hasHighDetail(params.quality),
    layers: [],
  };
  addBackdrop(ctx, { kind: 'rect', x0: 0, y0: 0, x1: width, y1: horizon }, skyFill);
  const groundFill: Fill = {
    kind: 'vertical',
    from: palette.groundTop,
    to: palette.groundBottom,
    y0: horizon,
    y1: height,
  };
  addBackdrop(ctx, { kind: 'rect', x0: 0, y0: horizon, x1: width, y1: height }, groundFill);

  const sky = rng.pick(SKY_MOTIFS);
  const middle = rng.pick(MIDDLE_MOTIFS);
  const ground = rng.pick(GROUND_MOTIFS);
  const clouds = sky !== drawClouds && rng.chance(0.4);
  const hillsInFront = rng.chance(0.4);
  if (sky !== drawMoon) drawStars(ctx, 0);
  sky(ctx);
  if (clouds) drawClouds(ctx);
  ground(ctx);
  middle(ctx);
  if (ctx.highDetail && ground !== drawWater) drawPebbles(ctx);
  if (hillsInFront) drawForegroundHills(ctx);

  const label = layoutLabel(params, createFlatPaint(palette.plate), createFlatPaint(palette.ink));
  const layers = label === undefined ? ctx.layers : [...ctx.layers, { kind: 'label' as const, label }];
  return { width, height, layers };
}
