import { ADLER_BASE, sumPeriodic, type ByteSums } from './adler32.js';
import type { Scene } from './compose-scene.js';
import { createIdatStream } from './idat-stream.js';
import { measureLayerRows, traceLayerRow, type Layer, type RunSink } from './layer.js';
import { colorAt, createFlatPaint, type Paint } from './paint.js';
import { createSpanList, paintSpan, resetSpans, type SpanList } from './span-list.js';

const FILTER_SUB = 1;
const BAND_SHIFT = 4;

interface PlacedLayer {
  readonly layer: Layer;
  readonly top: number;
  readonly bottom: number;
}

/**
 * Rasterizes the scene straight into PNG scanlines that are already filtered, and returns
 * them compressed (the IDAT zlib stream). A row is built as a span list and written with the
 * Sub filter, whose bytes are zero inside a flat span, so only span boundaries and patterned
 * spans are written (patterns with a native Buffer.fill). There is no per-pixel JavaScript
 * loop: not for filtering, not for the checksum.
 */
export function rasterizeScene(scene: Scene): Buffer {
  const { width, height } = scene;
  const stream = createIdatStream(width);
  const bands = groupLayersByBand(scene.layers, height);
  const paints: Paint[] = [createFlatPaint(0)];
  const row = createSpanList(width);
  const emit: RunSink = (x0, x1, paint) => {
    if (paints[paints.length - 1] !== paint) paints.push(paint);
    paintSpan(row, x0, x1, paints.length - 1);
  };
  for (let y = 0; y < height; y++) {
    resetSpans(row, 0);
    for (const { layer, top, bottom } of bands[y >> BAND_SHIFT] ?? []) {
      if (y >= top && y < bottom) traceLayerRow(layer, y, emit);
    }
    stream.commitRow(writeSubFilteredRow(row, paints, stream.buffer, stream.rowOffset));
    paints.length = 1;
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

/**
 * Writes filter byte 1 and the Sub-filtered bytes of one row into a zeroed buffer, touching
 * only non-zero bytes, and returns the checksum sums of the row (see adler32.ts).
 */
function writeSubFilteredRow(
  row: SpanList,
  paints: readonly Paint[],
  out: Buffer,
  rowStart: number,
): ByteSums {
  const length = row.width * 3 + 1;
  out[rowStart] = FILTER_SUB;
  let sum = FILTER_SUB;
  let weighted = FILTER_SUB * length;
  let previous = 0;
  for (let i = 0; i < row.count; i++) {
    const paint = paints[row.paintIds[i] ?? 0];
    if (paint === undefined) continue;
    const x0 = row.starts[i] ?? 0;
    const x1 = row.ends[i] ?? 0;
    const rgb = colorAt(paint, x0);
    const at = 1 + x0 * 3; // position within the row
    if (rgb !== previous) {
      const r = ((rgb >> 16) - (previous >> 16)) & 255;
      const g = (((rgb >> 8) & 255) - ((previous >> 8) & 255)) & 255;
      const b = ((rgb & 255) - (previous & 255)) & 255;
      out[rowStart + at] = r;
      out[rowStart + at + 1] = g;
      out[rowStart + at + 2] = b;
      sum += r + g + b;
      weighted += (length - at) * r + (length - at - 1) * g + (length - at - 2) * b;
    }
    if (paint.kind === 'pattern' && x1 - x0 > 1) {
      // Copy the rest of the first period, then let Buffer.fill repeat whole periods.
      const { period, deltas } = paint;
      const phase = (((x0 + 1 - paint.origin) % period) + period) % period;
      const start = rowStart + at + 3;
      const end = rowStart + 1 + x1 * 3;
      const aligned =
        start + deltas.copy(out, start, phase * 3, Math.min(period * 3, phase * 3 + end - start));
      if (aligned < end) out.fill(deltas, aligned, end);
      const [patternSum, patternMoment] = sumPeriodic(paint.deltaSums, phase * 3, end - start);
      sum += patternSum;
      weighted += ((length - at - 3) % ADLER_BASE) * patternSum - patternMoment + ADLER_BASE;
      previous = colorAt(paint, x1 - 1);
    } else {
      previous = rgb;
    }
  }
  return { sum: sum % ADLER_BASE, weighted: weighted % ADLER_BASE };
}
