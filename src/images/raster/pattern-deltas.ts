import { blueOf, greenOf, redOf } from '../scene/color.js';
import type { PatternPaint } from '../scene/paint.js';

/**
 * The left differences of a pattern's pixels: for each phase 0..period-1, the bytes of that pixel
 * minus those of the pixel on its left (channels mod 256; an alpha byte of 0 in RGBA, patterns being
 * opaque). They repeat with the period, the drift landing on phase 0, so one period describes any
 * stretch of the pattern (PNG's Sub filter writes exactly these bytes).
 *
 * Computed on first use for one render, not stored in the paint: shifted copies of a pattern share
 * `phaseRgb` and `drift`, so they share one entry.
 */
export class PatternDeltas {
  private readonly byPhases = new Map<Int32Array, { drift: PatternPaint['drift']; deltas: Uint8Array }>();
  // One-entry cache in front of the map: consecutive spans usually share a pattern.
  private lastPhases: Int32Array | undefined = undefined;
  private lastDrift: PatternPaint['drift'] | undefined = undefined;
  private lastDeltas: Uint8Array = new Uint8Array(0);

  /** `bytesPerPixel`: 3 for RGB, 4 for RGBA. */
  constructor(private readonly bytesPerPixel: 3 | 4) {}

  /** The deltas of `paint`, `bytesPerPixel` bytes per phase; the same array for every call with the pattern. */
  of(paint: PatternPaint): Uint8Array {
    const { phaseRgb, drift } = paint;
    if (phaseRgb === this.lastPhases && drift === this.lastDrift) return this.lastDeltas;
    let entry = this.byPhases.get(phaseRgb);
    if (entry?.drift !== drift) {
      entry = { drift, deltas: measureDeltas(phaseRgb, drift, this.bytesPerPixel) };
      this.byPhases.set(phaseRgb, entry);
    }
    this.lastPhases = phaseRgb;
    this.lastDrift = drift;
    this.lastDeltas = entry.deltas;
    return entry.deltas;
  }
}

function measureDeltas(
  phaseRgb: Int32Array,
  drift: PatternPaint['drift'],
  bytesPerPixel: number,
): Uint8Array {
  const period = phaseRgb.length;
  const deltas = new Uint8Array(period * bytesPerPixel);
  for (let p = 0; p < period; p++) {
    const current = phaseRgb[p] ?? 0;
    const previous = p === 0 ? (phaseRgb[period - 1] ?? 0) : (phaseRgb[p - 1] ?? 0);
    const [dr, dg, db] = p === 0 ? drift : [0, 0, 0];
    const at = p * bytesPerPixel;
    deltas[at] = (redOf(current) - redOf(previous) + dr) & 255;
    deltas[at + 1] = (greenOf(current) - greenOf(previous) + dg) & 255;
    deltas[at + 2] = (blueOf(current) - blueOf(previous) + db) & 255;
  }
  return deltas;
}
