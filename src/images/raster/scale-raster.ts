import { hasTransparency, type Raster } from './rgba-raster.js';
import { computeTaps, WEIGHT_BITS, type AxisTaps } from './scale-taps.js';

/** A rectangle of whole pixels inside a raster. */
export interface Crop {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

/** Which bytes of each RGBA pixel are scaled: all four (colours weighted by alpha, or plain if opaque), or alpha. */
type Channels = 'premultiplied' | 'opaque' | 'alpha';

const ONE = 2 ** (2 * WEIGHT_BITS);
const HALF = ONE / 2;
const INVERSE_ONE = 1 / ONE;
const EMPTY_ROW = new Int32Array(0);

/**
 * Scales `crop` of `source` (default: all of it) to `width` x `height`. Each axis on its own: an
 * area average when shrinking (every source pixel counts by the share of it an output pixel
 * covers) and bilinear when enlarging (pixel centres aligned). Colours are averaged weighted by
 * alpha (premultiplied), so transparent pixels lend no colour to their neighbours. Integer weights
 * and exactly rounded arithmetic only: the result is the same on every platform. Without a crop at
 * the same size the source itself is returned: pixels stay exactly as they are. Memory: the output
 * and a few resampled rows, never a second full-size intermediate.
 */
export function scaleRaster(source: Raster, width: number, height: number, crop?: Crop): Raster {
  if (crop === undefined && width === source.width && height === source.height) return source;
  const channels = hasTransparency(source) ? 'premultiplied' : 'opaque';
  return { width, height, data: scaleChannels(source, width, height, crop, channels) };
}

/** The alpha channel of `source` scaled like scaleRaster scales it: one byte a pixel. */
export function scaleAlpha(source: Raster, width: number, height: number): Uint8Array {
  if (width !== source.width || height !== source.height) {
    return scaleChannels(source, width, height, undefined, 'alpha');
  }
  const alpha = new Uint8Array(width * height);
  for (let i = 0; i < alpha.length; i++) alpha[i] = source.data[i * 4 + 3] ?? 0;
  return alpha;
}

function scaleChannels(
  source: Raster,
  width: number,
  height: number,
  crop: Crop | undefined,
  channels: Channels,
): Uint8Array {
  const area = crop ?? { x: 0, y: 0, width: source.width, height: source.height };
  const xs = computeTaps(area.x, area.width, width);
  const ys = computeTaps(area.y, area.height, height);
  const stride = channels === 'alpha' ? 1 : 4;
  const out = new Uint8Array(width * height * stride);
  // Horizontally resampled source rows, cached by row number modulo the slot count: the rows one
  // output row reads are consecutive and never more than maxCount, so none evicts another.
  const slots = ys.maxCount + 1;
  const rows = Array.from({ length: slots }, () => new Int32Array(width * stride));
  const rowOf = new Int32Array(slots).fill(-1);
  const sums = new Float64Array(width * stride);
  const zeros = new Int32Array(width * stride);
  const picked: Int32Array[] = [];
  for (let y = 0; y < height; y++) {
    const first = ys.offset[y] ?? 0;
    const taps = ys.count[y] ?? 0;
    picked.length = 0;
    for (let t = first; t < first + taps; t++) {
      const sourceRow = ys.index[t] ?? 0;
      const slot = sourceRow % slots;
      const row = rows[slot] ?? EMPTY_ROW;
      if (rowOf[slot] !== sourceRow) {
        resampleRow(source.data, sourceRow * source.width * 4, xs, row, channels);
        rowOf[slot] = sourceRow;
      }
      picked.push(row);
    }
    const at = y * width * stride;
    if (taps <= 3 && channels !== 'premultiplied') {
      // Up to three rows (any enlargement, shrinking by up to 2): straight to bytes, in one pass.
      const [r0 = zeros, r1 = zeros, r2 = zeros] = picked;
      const w0 = ys.weight[first] ?? 0;
      const w1 = taps > 1 ? (ys.weight[first + 1] ?? 0) : 0;
      const w2 = taps > 2 ? (ys.weight[first + 2] ?? 0) : 0;
      for (let i = 0; i < sums.length; i++) {
        // At most 255.5 before truncation: the weights sum to ONE.
        out[at + i] = ((w0 * (r0[i] ?? 0) + w1 * (r1[i] ?? 0) + w2 * (r2[i] ?? 0) + HALF) * INVERSE_ONE) | 0;
      }
      continue;
    }
    const top = picked[0] ?? zeros;
    const topWeight = ys.weight[first] ?? 0;
    for (let i = 0; i < sums.length; i++) sums[i] = topWeight * (top[i] ?? 0);
    for (let t = 1; t < taps; t++) {
      const row = picked[t] ?? zeros;
      const weight = ys.weight[first + t] ?? 0;
      for (let i = 0; i < sums.length; i++) sums[i] = (sums[i] ?? 0) + weight * (row[i] ?? 0);
    }
    if (channels === 'premultiplied') unpremultiply(sums, out, at);
    else
      for (let i = 0; i < sums.length; i++) out[at + i] = Math.floor(((sums[i] ?? 0) + HALF) * INVERSE_ONE);
  }
  return out;
}

/** Sums (alpha, r*alpha, g*alpha, b*alpha) of each pixel -> RGBA bytes, colours rounded. */
function unpremultiply(sums: Float64Array, out: Uint8Array, at: number): void {
  for (let i = 0; i < sums.length; i += 4) {
    const a = sums[i] ?? 0;
    out[at + i + 3] = Math.floor((a + HALF) * INVERSE_ONE);
    if (a === 0) continue;
    out[at + i] = Math.min(255, Math.floor((2 * (sums[i + 1] ?? 0) + a) / (2 * a)));
    out[at + i + 1] = Math.min(255, Math.floor((2 * (sums[i + 2] ?? 0) + a) / (2 * a)));
    out[at + i + 2] = Math.min(255, Math.floor((2 * (sums[i + 3] ?? 0) + a) / (2 * a)));
  }
}

/**
 * The source row starting at byte `start`, resampled along x into `row`: per output pixel the
 * weighted sums of r, g, b, a ('opaque'), of a, r*a, g*a, b*a ('premultiplied') or of a ('alpha').
 * One loop per kind, so the hot loops test nothing but their bounds.
 */
function resampleRow(
  data: Uint8Array,
  start: number,
  xs: AxisTaps,
  row: Int32Array,
  channels: Channels,
): void {
  const { offset, count, index, weight } = xs;
  const width = offset.length;
  if (channels === 'alpha') {
    for (let x = 0; x < width; x++) {
      const first = offset[x] ?? 0;
      const last = first + (count[x] ?? 0);
      let a = 0;
      for (let t = first; t < last; t++) a += (weight[t] ?? 0) * (data[start + (index[t] ?? 0) * 4 + 3] ?? 0);
      row[x] = a;
    }
    return;
  }
  const opaqueAlpha = 255 << WEIGHT_BITS;
  for (let x = 0, o = 0; x < width; x++, o += 4) {
    const first = offset[x] ?? 0;
    const last = first + (count[x] ?? 0);
    let a = 0;
    let r = 0;
    let g = 0;
    let b = 0;
    if (channels === 'opaque') {
      for (let t = first; t < last; t++) {
        const i = start + (index[t] ?? 0) * 4;
        const w = weight[t] ?? 0;
        r += w * (data[i] ?? 0);
        g += w * (data[i + 1] ?? 0);
        b += w * (data[i + 2] ?? 0);
      }
      row[o] = r;
      row[o + 1] = g;
      row[o + 2] = b;
      row[o + 3] = opaqueAlpha;
      continue;
    }
    for (let t = first; t < last; t++) {
      const i = start + (index[t] ?? 0) * 4;
      const wa = (weight[t] ?? 0) * (data[i + 3] ?? 0);
      a += wa;
      r += wa * (data[i] ?? 0);
      g += wa * (data[i + 1] ?? 0);
      b += wa * (data[i + 2] ?? 0);
    }
    row[o] = a;
    row[o + 1] = r;
    row[o + 2] = g;
    row[o + 3] = b;
  }
}
