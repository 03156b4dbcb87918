import type { Scene } from '../scene/compose-scene.js';
import { colorAt, type Paint } from '../scene/paint.js';
import { PatternDeltas } from './pattern-deltas.js';
import { toArgb } from './render-pixels.js';
import { scanScene, type ScanOptions } from './scan-scene.js';
import type { SpanList } from './span-list.js';

/**
 * Receives rows as left differences: each byte minus the same byte of the pixel on its left (the
 * pixel left of a row being all zeros), which is what PNG's Sub filter writes. Flat spans give
 * zero runs and patterned spans periodic bytes, so rows are described, never materialised.
 */
export interface DeltaRowSink {
  /** Starts the next row; `width * bytesPerPixel` bytes follow. */
  startRow(): void;
  /** The differences of one pixel, each 0-255: `a` only in RGBA, ignored in RGB. */
  pixel(r: number, g: number, b: number, a: number): void;
  zeros(count: number): void;
  /** `count` bytes of `pattern` repeated, starting at index `start` of it. */
  periodic(pattern: Uint8Array, start: number, count: number): void;
  /** The next row equals the one before it (never called for row 0). */
  repeatRow(): void;
}

/**
 * Describes the rows of the scene to `sink` as left differences: RGBA (4 bytes a pixel) with a
 * transparent background, RGB (3) otherwise. At each colour change the pixel's differences from
 * the colour before it, then zeros inside a flat span and the pattern's periodic differences
 * inside a patterned one (patterns are opaque: their alpha differences are 0). A row whose spans
 * and paints equal the previous row's is reported as a repeat. The cost is per span, not per
 * pixel.
 */
export function writeDeltaRows(scene: Scene, options: ScanOptions, sink: DeltaRowSink): void {
  const bytesPerPixel = options.transparent === true ? 4 : 3;
  const patterns = new PatternDeltas(bytesPerPixel);
  scanScene(scene, options, {
    row(row, paints) {
      writeDeltaRow(row, paints, sink, bytesPerPixel, patterns);
    },
    repeat() {
      sink.repeatRow();
    },
  });
}

function writeDeltaRow(
  row: SpanList,
  paints: readonly Paint[],
  sink: DeltaRowSink,
  bytesPerPixel: 3 | 4,
  patterns: PatternDeltas,
): void {
  const alpha = bytesPerPixel === 4;
  const { starts, ends, paintIds, count } = row;
  sink.startRow();
  // Pixels as 0xRRGGBB in RGB and 0xAARRGGBB in RGBA (kept apart: RGB values stay small integers,
  // which V8 handles faster). The pixel left of the row has all bytes 0.
  let previous = 0;
  for (let i = 0; i < count; i++) {
    const paint = paints[paintIds[i] ?? 0];
    if (paint === undefined) continue;
    const x0 = starts[i] ?? 0;
    const x1 = ends[i] ?? 0;
    const rgb = paint.kind === 'pattern' ? colorAt(paint, x0) : paint.rgb;
    const pixel = alpha ? toArgb(rgb) : rgb;
    if (pixel !== previous) {
      // The low byte of a difference depends only on the low bytes: no need to mask the channels.
      sink.pixel(
        ((pixel >>> 16) - (previous >>> 16)) & 255,
        ((pixel >>> 8) - (previous >>> 8)) & 255,
        (pixel - previous) & 255,
        ((pixel >>> 24) - (previous >>> 24)) & 255,
      );
    } else {
      sink.zeros(bytesPerPixel);
    }
    const rest = (x1 - x0 - 1) * bytesPerPixel;
    if (paint.kind === 'pattern' && rest > 0) {
      const { period } = paint;
      const phase = (((x0 + 1 - paint.origin) % period) + period) % period;
      sink.periodic(patterns.of(paint), phase * bytesPerPixel, rest);
      const last = colorAt(paint, x1 - 1);
      previous = alpha ? toArgb(last) : last;
    } else {
      sink.zeros(rest);
      previous = pixel;
    }
  }
}
