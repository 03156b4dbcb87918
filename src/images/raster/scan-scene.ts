import type { Scene } from '../scene/compose-scene.js';
import { measureLayerRows, traceLayerRow, type Layer, type RunSink } from '../scene/layer.js';
import { CLEAR_PAINT, colorAt, createFlatPaint, isSamePaint, type Paint } from '../scene/paint.js';
import { createSpanList, paintSpan, resetSpans, type SpanList } from './span-list.js';

const BAND_SHIFT = 4;

export interface ScanOptions {
  /** Backdrop layers (sky, ground) paint CLEAR_PAINT instead of their fill, as does the empty row. */
  readonly transparent?: boolean;
  /**
   * Mosaic of `blockSize` x `blockSize` blocks, each one flat colour: the colour the full image has
   * at the block's centre (clipped to the image). 1 or absent: the full image.
   */
  readonly blockSize?: number;
}

/** Receives the rows of a scene top to bottom, as spans: never a pixel loop. */
export interface RowVisitor {
  /** The next row: `row`'s paint ids index `paints`; both are reused after the call returns. */
  row(row: SpanList, paints: readonly Paint[]): void;
  /** The next row is identical to the one before it (never called for row 0). */
  repeat(): void;
}

interface PlacedLayer {
  readonly layer: Layer;
  readonly top: number;
  readonly bottom: number;
  /** Paints CLEAR_PAINT rather than its fill. */
  readonly clear: boolean;
}

/**
 * Builds every row of the scene as a span list (layers painted in order over the background)
 * and hands it to `visitor`, or reports it as a repeat when its spans and paints equal the
 * previous row's, which the encoders turn into a cheap copy. The output encoders (PNG RGB or
 * RGBA, pixels for WebP and JPEG) share this walk, so every format shows the same picture.
 */
export function scanScene(scene: Scene, options: ScanOptions, visitor: RowVisitor): void {
  const { width, height } = scene;
  const transparent = options.transparent === true;
  const block = Math.max(1, Math.floor(options.blockSize ?? 1));
  const bands = groupLayersByBand(scene.layers, height, transparent);
  const background = transparent ? CLEAR_PAINT : createFlatPaint(0);
  const traced = createSpanList(width);
  const tracedPaints: Paint[] = [background];
  let row = createSpanList(width);
  let paints: Paint[] = [background];
  let previousRow = createSpanList(width);
  let previousPaints: Paint[] = [background];
  let target = block === 1 ? row : traced;
  let targetPaints = block === 1 ? paints : tracedPaints;
  const emit: RunSink = (x0, x1, paint) => {
    if (targetPaints[targetPaints.length - 1] !== paint) targetPaints.push(paint);
    paintSpan(target, x0, x1, targetPaints.length - 1);
  };
  const emitClear: RunSink = (x0, x1) => emit(x0, x1, CLEAR_PAINT);
  for (let y = 0; y < height; y++) {
    if (y % block !== 0) {
      visitor.repeat();
      continue;
    }
    const tracedY = Math.min(height - 1, y + (block >> 1));
    if (block === 1) {
      target = row;
      targetPaints = paints;
    }
    resetSpans(target, 0);
    targetPaints.length = 1;
    const band = bands[tracedY >> BAND_SHIFT] ?? [];
    for (let i = 0; i < band.length; i++) {
      const placed = band[i];
      if (placed !== undefined && tracedY >= placed.top && tracedY < placed.bottom)
        traceLayerRow(placed.layer, tracedY, placed.clear ? emitClear : emit);
    }
    if (block > 1) sampleBlocks(traced, tracedPaints, block, row, paints);
    if (y > 0 && isSameRow(row, paints, previousRow, previousPaints)) {
      visitor.repeat();
    } else {
      visitor.row(row, paints);
    }
    const swapRow = row;
    row = previousRow;
    previousRow = swapRow;
    const swapPaints = paints;
    paints = previousPaints;
    previousPaints = swapPaints;
  }
}

/** Layers touching each band of 2^BAND_SHIFT rows, in painting order, so a row only visits nearby layers. */
function groupLayersByBand(layers: readonly Layer[], height: number, transparent: boolean): PlacedLayer[][] {
  const bands: PlacedLayer[][] = Array.from({ length: (height >> BAND_SHIFT) + 1 }, () => []);
  for (const layer of layers) {
    const { top, bottom } = measureLayerRows(layer);
    const clear = transparent && layer.kind === 'shape' && layer.backdrop === true;
    const first = Math.max(0, top) >> BAND_SHIFT;
    const last = Math.min(height - 1, bottom - 1) >> BAND_SHIFT;
    for (let band = first; band <= last; band++) bands[band]?.push({ layer, top, bottom, clear });
  }
  return bands;
}

/** Whether two rows have the same spans in the same colours (cheap: no bytes are compared). */
function isSameRow(
  row: SpanList,
  paints: readonly Paint[],
  other: SpanList,
  otherPaints: readonly Paint[],
): boolean {
  if (row.count !== other.count) return false;
  for (let i = 0; i < row.count; i++) {
    if (row.starts[i] !== other.starts[i] || row.ends[i] !== other.ends[i]) return false;
    const paint = paints[row.paintIds[i] ?? 0];
    const otherPaint = otherPaints[other.paintIds[i] ?? 0];
    if (paint === undefined || otherPaint === undefined || !isSamePaint(paint, otherPaint)) return false;
  }
  return true;
}

/**
 * Writes into `out` the mosaic of `source`: one flat span per run of blocks of equal colour,
 * each block coloured as `source` at the block's centre column.
 */
function sampleBlocks(
  source: SpanList,
  sourcePaints: readonly Paint[],
  block: number,
  out: SpanList,
  outPaints: Paint[],
): void {
  const { width } = source;
  out.count = 0;
  outPaints.length = 0;
  let span = 0;
  let previous = Number.NaN;
  for (let x0 = 0; x0 < width; x0 += block) {
    const center = Math.min(width - 1, x0 + (block >> 1));
    while ((source.ends[span] ?? width) <= center) span++;
    const paint = sourcePaints[source.paintIds[span] ?? 0] ?? CLEAR_PAINT;
    const rgb = colorAt(paint, center);
    const x1 = Math.min(width, x0 + block);
    if (rgb === previous) {
      out.ends[out.count - 1] = x1;
      continue;
    }
    out.starts[out.count] = x0;
    out.ends[out.count] = x1;
    out.paintIds[out.count] = outPaints.length;
    outPaints.push(paint.kind === 'flat' ? paint : createFlatPaint(rgb));
    out.count++;
    previous = rgb;
  }
}
