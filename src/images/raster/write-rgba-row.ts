import {
  ADLER_BASE,
  createPeriodicSums,
  sumPeriodic,
  type ByteSums,
  type PeriodicSums,
} from '../codecs/png/adler32.js';
import type { IdatStream } from '../codecs/png/idat-stream.js';
import { CLEAR_RGB, colorAt, type Paint, type PatternPaint } from '../scene/paint.js';
import type { SpanList } from './span-list.js';

const FILTER_SUB = 1;

/**
 * The RGBA Sub-filter bytes of patterns (their RGB deltas with an alpha delta of 0), for one render,
 * keyed by the RGB deltas, which shifted copies of a pattern share.
 */
export type RgbaPatternCache = Map<Buffer, { readonly deltas: Buffer; readonly sums: PeriodicSums }>;

/** 0xAARRGGBB as an unsigned number: CLEAR_RGB is transparent black, any colour is opaque. */
export function toArgb(rgb: number): number {
  return rgb === CLEAR_RGB ? 0 : (0xff000000 | rgb) >>> 0;
}

/**
 * The RGBA twin of the RGB row writer in rasterize-scene.ts: filter byte 1, then 4 delta bytes
 * at each colour change, zero runs inside flat spans and the periodic deltas of patterned spans
 * (patterns are opaque, so their alpha deltas are 0). Stores the checksum sums of the row in
 * `out`; `scratch` is working space and `patterns` caches the 4-byte deltas of each pattern.
 */
export function writeSubFilteredRgbaRow(
  row: SpanList,
  paints: readonly Paint[],
  stream: IdatStream,
  out: ByteSums,
  scratch: ByteSums,
  patterns: RgbaPatternCache,
): void {
  const length = row.width * 4 + 1;
  const { starts, ends, paintIds, count } = row;
  stream.byte(FILTER_SUB);
  let sum = FILTER_SUB;
  let weighted = FILTER_SUB * length;
  let previous = 0; // the pixel left of the row is transparent black
  for (let i = 0; i < count; i++) {
    const paint = paints[paintIds[i] ?? 0];
    if (paint === undefined) continue;
    const x0 = starts[i] ?? 0;
    const x1 = ends[i] ?? 0;
    const argb = toArgb(paint.kind === 'pattern' ? colorAt(paint, x0) : paint.rgb);
    const at = 1 + x0 * 4; // position within the row
    if (argb !== previous) {
      const r = (((argb >>> 16) & 255) - ((previous >>> 16) & 255)) & 255;
      const g = (((argb >>> 8) & 255) - ((previous >>> 8) & 255)) & 255;
      const b = ((argb & 255) - (previous & 255)) & 255;
      const a = ((argb >>> 24) - (previous >>> 24)) & 255;
      stream.byte(r);
      stream.byte(g);
      stream.byte(b);
      stream.byte(a);
      sum += r + g + b + a;
      weighted += (length - at) * r + (length - at - 1) * g + (length - at - 2) * b + (length - at - 3) * a;
    } else {
      stream.zeros(4);
    }
    const rest = (x1 - x0 - 1) * 4;
    if (paint.kind === 'pattern' && rest > 0) {
      const { deltas, sums } = readRgbaDeltas(paint, patterns);
      const { period } = paint;
      const phase = (((x0 + 1 - paint.origin) % period) + period) % period;
      stream.periodic(deltas, phase * 4, rest);
      sumPeriodic(sums, phase * 4, rest, scratch);
      sum += scratch.sum;
      weighted += ((length - at - 4) % ADLER_BASE) * scratch.sum - scratch.weighted + ADLER_BASE;
      previous = toArgb(colorAt(paint, x1 - 1));
    } else {
      stream.zeros(rest);
      previous = argb;
    }
  }
  out.sum = sum % ADLER_BASE;
  out.weighted = weighted % ADLER_BASE;
}

function readRgbaDeltas(
  paint: PatternPaint,
  patterns: RgbaPatternCache,
): { readonly deltas: Buffer; readonly sums: PeriodicSums } {
  const cached = patterns.get(paint.deltas);
  if (cached !== undefined) return cached;
  const deltas = Buffer.alloc(paint.period * 4);
  for (let p = 0; p < paint.period; p++) paint.deltas.copy(deltas, p * 4, p * 3, p * 3 + 3);
  const entry = { deltas, sums: createPeriodicSums(deltas) };
  patterns.set(paint.deltas, entry);
  return entry;
}
