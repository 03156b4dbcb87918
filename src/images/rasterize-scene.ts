import { ADLER_BASE, sumPeriodic, type ByteSums } from './adler32.js';
import type { Scene } from './compose-scene.js';
import { createIdatStream, type IdatStream } from './idat-stream.js';
import { measureLayerRows, traceLayerRow, type Layer, type RunSink } from './layer.js';
import { colorAt, createFlatPaint, isSamePaint, type Paint } from './paint.js';
import { createSpanList, paintSpan, resetSpans, type SpanList } from './span-list.js';

const FILTER_SUB = 1;
const BAND_SHIFT = 4;

interface PlacedLayer {
  readonly layer: Layer;
  readonly top: number;
  readonly bottom: number;
}

/**
 * Rasterizes the scene straight into PNG scanlines that are already filtered and compressed
 * (the IDAT zlib stream). A row is built as a span list and described to the encoder with
 * the Sub filter, whose bytes are zero inside a flat span and periodic inside a patterned
 * one, so the cost is per span, not per pixel: no per-pixel JavaScript loop and no row
 * buffer, not for filtering, compressing or the checksum. A row whose spans and paints
 * equal the previous row's becomes an Up row of zeros.
 */
export function rasterizeScene(scene: Scene): Buffer {
  const { width, height } = scene;
  const stream = createIdatStream(width);
  const bands = groupLayersByBand(scene.layers, height);
  const background = createFlatPaint(0);
  let row = createSpanList(width);
  let paints: Paint[] = [background];
  let previousRow = createSpanList(width);
  let previousPaints: Paint[] = [background];
  // Scratch sums reused by every row (no allocation per row or per span).
  const rowSums: ByteSums = { sum: 0, weighted: 0 };
  const patternSums: ByteSums = { sum: 0, weighted: 0 };
  const emit: RunSink = (x0, x1, paint) => {
    if (paints[paints.length - 1] !== paint) paints.push(paint);
    paintSpan(row, x0, x1, paints.length - 1);
  };
  for (let y = 0; y < height; y++) {
    resetSpans(row, 0);
    paints.length = 1;
    const band = bands[y >> BAND_SHIFT] ?? [];
    for (let i = 0; i < band.length; i++) {
      const placed = band[i];
      if (placed !== undefined && y >= placed.top && y < placed.bottom) traceLayerRow(placed.layer, y, emit);
    }
    if (y > 0 && isSameRow(row, paints, previousRow, previousPaints)) {
      stream.repeatRow();
    } else {
      writeSubFilteredRow(row, paints, stream, rowSums, patternSums);
      stream.commitRow(rowSums);
    }
    const swapRow = row;
    row = previousRow;
    previousRow = swapRow;
    const swapPaints = paints;
    paints = previousPaints;
    previousPaints = swapPaints;
  }
  return stream.finish();
}

/** Layers touching each band of 2^BAND_SHIFT rows, in painting order, so a row only visits nearby layers. */
function groupLayersByBand(layers: readonly Layer[], height: number): PlacedLayer[][] {
  const bands: PlacedLayer[][] = Array.from({ length: (height >> BAND_SHIFT) + 1 }, () => []);
  for (const layer of layers) {
    const { top, bottom } = measureLayerRows(layer);
    const first = Math.max(0, top) >> BAND_SHIFT;
    const last = Math.min(height - 1, bottom - 1) >> BAND_SHIFT;
    for (let band = first; band <= last; band++) bands[band]?.push({ layer, top, bottom });
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
 * Describes filter byte 1 and the Sub-filtered bytes of one row to the stream: 3 bytes at
 * each colour change, zero runs inside flat spans and the periodic deltas of patterned
 * spans. Stores the checksum sums of the row (see adler32.ts) in `out`; `scratch` is
 * working space.
 */
function writeSubFilteredRow(
  row: SpanList,
  paints: readonly Paint[],
  stream: IdatStream,
  out: ByteSums,
  scratch: ByteSums,
): void {
  const length = row.width * 3 + 1;
  const { starts, ends, paintIds, count } = row;
  stream.byte(FILTER_SUB);
  let sum = FILTER_SUB;
  let weighted = FILTER_SUB * length;
  let previous = 0;
  for (let i = 0; i < count; i++) {
    const paint = paints[paintIds[i] ?? 0];
    if (paint === undefined) continue;
    const x0 = starts[i] ?? 0;
    const x1 = ends[i] ?? 0;
    const isPattern = paint.kind === 'pattern';
    const rgb = isPattern ? colorAt(paint, x0) : paint.rgb;
    const at = 1 + x0 * 3; // position within the row
    if (rgb !== previous) {
      const r = ((rgb >> 16) - (previous >> 16)) & 255;
      const g = (((rgb >> 8) & 255) - ((previous >> 8) & 255)) & 255;
      const b = ((rgb & 255) - (previous & 255)) & 255;
      stream.byte(r);
      stream.byte(g);
      stream.byte(b);
      sum += r + g + b;
      weighted += (length - at) * r + (length - at - 1) * g + (length - at - 2) * b;
    } else {
      stream.zeros(3);
    }
    const rest = (x1 - x0 - 1) * 3;
    if (isPattern && rest > 0) {
      const { period, deltas } = paint;
      const phase = (((x0 + 1 - paint.origin) % period) + period) % period;
      stream.periodic(deltas, phase * 3, rest);
      sumPeriodic(paint.deltaSums, phase * 3, rest, scratch);
      sum += scratch.sum;
      weighted += ((length - at - 3) % ADLER_BASE) * scratch.sum - scratch.weighted + ADLER_BASE;
      previous = colorAt(paint, x1 - 1);
    } else {
      stream.zeros(rest);
      previous = rgb;
    }
  }
  out.sum = sum % ADLER_BASE;
  out.weighted = weighted % ADLER_BASE;
}
