import { ADLER_BASE, sumPeriodic, type ByteSums } from '../codecs/png/adler32.js';
import { createIdatStream, type IdatStream } from '../codecs/png/idat-stream.js';
import type { Scene } from '../scene/compose-scene.js';
import { colorAt, type Paint } from '../scene/paint.js';
import { scanScene, type ScanOptions } from './scan-scene.js';
import type { SpanList } from './span-list.js';
import { writeSubFilteredRgbaRow, type RgbaPatternCache } from './write-rgba-row.js';

const FILTER_SUB = 1;

export interface RasterizeOptions extends ScanOptions {
  /** RGBA scanlines (PNG colour type 6) instead of RGB; needed for a transparent backdrop. */
  readonly alpha?: boolean;
}

/**
 * Rasterizes the scene straight into PNG scanlines that are already filtered and compressed
 * (the IDAT zlib stream). A row is built as a span list (scan-scene.ts) and described to the
 * encoder with the Sub filter, whose bytes are zero inside a flat span and periodic inside a
 * patterned one, so the cost is per span, not per pixel: no per-pixel JavaScript loop and no
 * row buffer, not for filtering, compressing or the checksum. A row whose spans and paints
 * equal the previous row's becomes an Up row of zeros.
 */
export function rasterizeScene(scene: Scene, options: RasterizeOptions = {}): Buffer {
  const alpha = options.alpha === true;
  const stream = createIdatStream(scene.width, alpha ? 4 : 3);
  // Scratch sums reused by every row (no allocation per row or per span).
  const rowSums: ByteSums = { sum: 0, weighted: 0 };
  const patternSums: ByteSums = { sum: 0, weighted: 0 };
  const patterns: RgbaPatternCache = new Map();
  scanScene(scene, options, {
    row(row, paints) {
      if (alpha) writeSubFilteredRgbaRow(row, paints, stream, rowSums, patternSums, patterns);
      else writeSubFilteredRow(row, paints, stream, rowSums, patternSums);
      stream.commitRow(rowSums);
    },
    repeat() {
      stream.repeatRow();
    },
  });
  return stream.finish();
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
