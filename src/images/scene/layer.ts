import { mixRgb } from './color.js';
import { traceLabelRow, type Label } from './label.js';
import { createFlatPaint, shiftPaint, type Paint } from './paint.js';

export type Geometry =
  | {
      readonly kind: 'rect';
      readonly x0: number;
      readonly y0: number;
      readonly x1: number;
      readonly y1: number;
    }
  | {
      readonly kind: 'ellipse';
      readonly cx: number;
      readonly cy: number;
      readonly rx: number;
      readonly ry: number;
    }
  /** An ellipse with a concentric hole `inner` (0..1) times its size. */
  | {
      readonly kind: 'ring';
      readonly cx: number;
      readonly cy: number;
      readonly rx: number;
      readonly ry: number;
      readonly inner: number;
    }
  /** Apex at (x, y0), widening linearly to [x - left, x + right] at y1. */
  | {
      readonly kind: 'triangle';
      readonly x: number;
      readonly y0: number;
      readonly y1: number;
      readonly left: number;
      readonly right: number;
    };

export type Fill =
  | { readonly kind: 'paint'; readonly paint: Paint }
  /** A flat colour per row, blending from `from` at row y0 to `to` at row y1. */
  | {
      readonly kind: 'vertical';
      readonly from: number;
      readonly to: number;
      readonly y0: number;
      readonly y1: number;
    }
  /** A pattern whose origin moves per row: `slope` px per row plus a wave of `amplitude` px. */
  | {
      readonly kind: 'drift';
      readonly paint: Paint;
      readonly slope: number;
      readonly amplitude: number;
      readonly wavelength: number;
    }
  /** Rows alternate: `onRows` of `on`, then `period - onRows` of `off`, counted from y0. */
  | {
      readonly kind: 'rows';
      readonly on: Fill;
      readonly off: Fill;
      readonly y0: number;
      readonly period: number;
      readonly onRows: number;
    };

export type Layer =
  | {
      readonly kind: 'shape';
      readonly geometry: Geometry;
      readonly fill: Fill;
      /** Part of the backdrop (sky, ground and their textures): cleared by a transparent background. */
      readonly backdrop?: boolean;
    }
  | { readonly kind: 'label'; readonly label: Label };

/** First and last+1 row a layer can touch, for skipping layers cheaply. */
export function measureLayerRows(layer: Layer): { top: number; bottom: number } {
  if (layer.kind === 'label') return { top: layer.label.y, bottom: layer.label.y + layer.label.height };
  const g = layer.geometry;
  switch (g.kind) {
    case 'rect':
      return { top: Math.round(g.y0), bottom: Math.round(g.y1) };
    case 'ellipse':
    case 'ring':
      return { top: Math.floor(g.cy - g.ry), bottom: Math.ceil(g.cy + g.ry) + 1 };
    case 'triangle':
      return { top: Math.floor(g.y0), bottom: Math.ceil(g.y1) + 1 };
  }
}

/** Receives the runs a layer covers on one row: [x0, x1) in `paint`. */
export type RunSink = (x0: number, x1: number, paint: Paint) => void;

/** Emits the runs `layer` covers on row `y`, left to right, without overlaps. */
export function traceLayerRow(layer: Layer, y: number, emit: RunSink): void {
  if (layer.kind === 'label') {
    traceLabelRow(layer.label, y, emit);
    return;
  }
  const g = layer.geometry;
  const fill = layer.fill;
  switch (g.kind) {
    case 'rect':
      if (y >= Math.round(g.y0) && y < Math.round(g.y1))
        emit(Math.round(g.x0), Math.round(g.x1), resolveFill(fill, y));
      return;
    case 'ellipse': {
      const half = measureEllipseHalfWidth(g.rx, g.ry, y + 0.5 - g.cy);
      if (half >= 0) emit(Math.round(g.cx - half), Math.round(g.cx + half), resolveFill(fill, y));
      return;
    }
    case 'ring': {
      const dy = y + 0.5 - g.cy;
      const outer = measureEllipseHalfWidth(g.rx, g.ry, dy);
      if (outer < 0) return;
      const inner = measureEllipseHalfWidth(g.rx * g.inner, g.ry * g.inner, dy);
      const paint = resolveFill(fill, y);
      if (inner < 0) {
        emit(Math.round(g.cx - outer), Math.round(g.cx + outer), paint);
      } else {
        emit(Math.round(g.cx - outer), Math.round(g.cx - inner), paint);
        emit(Math.round(g.cx + inner), Math.round(g.cx + outer), paint);
      }
      return;
    }
    case 'triangle': {
      const t = (y + 0.5 - g.y0) / (g.y1 - g.y0);
      if (t >= 0 && t <= 1)
        emit(Math.round(g.x - g.left * t), Math.round(g.x + g.right * t), resolveFill(fill, y));
      return;
    }
  }
}

/** The paint a fill uses on row `y`. */
export function resolveFill(fill: Fill, y: number): Paint {
  switch (fill.kind) {
    case 'paint':
      return fill.paint;
    case 'vertical': {
      const span = fill.y1 - fill.y0;
      const t = span <= 0 ? 0 : Math.min(1, Math.max(0, (y - fill.y0) / span));
      return createFlatPaint(mixRgb(fill.from, fill.to, t));
    }
    case 'drift': {
      if (fill.paint.kind === 'flat') return fill.paint;
      const wave = fill.wavelength > 0 ? fill.amplitude * waveAt(y / fill.wavelength) : 0;
      return shiftPaint(fill.paint, fill.paint.origin + Math.round(y * fill.slope + wave));
    }
    case 'rows': {
      const phase = (((y - fill.y0) % fill.period) + fill.period) % fill.period;
      return resolveFill(phase < fill.onRows ? fill.on : fill.off, y);
    }
  }
}

/** Half the chord of an ellipse at vertical offset `dy`, or -1 when the row misses it. */
function measureEllipseHalfWidth(rx: number, ry: number, dy: number): number {
  if (ry <= 0) return -1;
  const v = dy / ry;
  const rest = 1 - v * v;
  return rest <= 0 ? -1 : rx * Math.sqrt(rest);
}

/** A smooth periodic wave in [-1, 1] (piecewise parabola; no Math.sin, whose last bit may vary). */
function waveAt(turns: number): number {
  const f = turns - Math.floor(turns);
  return f < 0.5 ? 16 * f * (0.5 - f) : -16 * (f - 0.5) * (1 - f);
}
