import type { ArgbImage } from '../../raster/render-pixels.js';
import { BitWriter } from '../shared/bit-writer.js';
import {
  countExtraBits,
  findBackwardRefs,
  readExtraBits,
  toPrefix,
  type BackwardRefs,
} from './backward-refs.js';
import { buildPrefixCode, putSymbol, writePrefixCode, type PrefixCode } from './prefix-code.js';

const SIGNATURE = 0x2f;
const MAX_SIDE = 16384;

/**
 * Encodes a lossless WebP: a RIFF container with one `VP8L` chunk (no VP8X: no metadata or
 * animation to declare, and the VP8L header says whether alpha is used).
 *
 * The bitstream (RFC 9649) is the simplest that suits our flat-colour pictures: no transforms,
 * no colour cache, one group of five prefix codes (green/length, red, blue, alpha, distance)
 * fitted to this image's symbol counts, and LZ77 copies from the previous pixel or the one
 * above (backward-refs.ts). Lossless, so a requested compression level cannot change a
 * pixel, and we do not let it change the bytes either: the output depends on the pixels only.
 *
 * Why not sharp or another library: the bytes must be a pure function of the pixels on every
 * platform and Node version (see the golden hashes), and the package ships no native code.
 */
export function encodeWebp(image: ArgbImage): Buffer {
  const { width, height, pixels } = image;
  if (width < 1 || height < 1 || width > MAX_SIDE || height > MAX_SIDE || pixels.length !== width * height) {
    throw new RangeError(`Cannot encode a ${width}x${height} WebP from ${pixels.length} pixels`);
  }
  const refs = findBackwardRefs(pixels, width);
  const codes = [refs.green, refs.red, refs.blue, refs.alpha, refs.distance].map((histogram) =>
    buildPrefixCode(histogram),
  );
  const [green, red, blue, alpha, distance] = codes as [
    PrefixCode,
    PrefixCode,
    PrefixCode,
    PrefixCode,
    PrefixCode,
  ];
  const alphaIsUsed = refs.alpha.some((count, value) => count > 0 && value !== 255);

  const writer = new BitWriter(Math.max(1024, refs.count * 3));
  writer.put(SIGNATURE, 8);
  writer.put(width - 1, 14);
  writer.put(height - 1, 14);
  writer.put(alphaIsUsed ? 1 : 0, 1);
  writer.put(0, 3); // version
  writer.put(0, 1); // no transform
  writer.put(0, 1); // no colour cache
  writer.put(0, 1); // one prefix code group for the whole image
  for (const code of codes) writePrefixCode(writer, code);
  writeTokens(writer, refs, green, red, blue, alpha, distance);
  return wrapInRiff(writer.finish());
}

function writeTokens(
  writer: BitWriter,
  refs: BackwardRefs,
  green: PrefixCode,
  red: PrefixCode,
  blue: PrefixCode,
  alpha: PrefixCode,
  distance: PrefixCode,
): void {
  const { lengths, values, count } = refs;
  for (let t = 0; t < count; t++) {
    const length = lengths[t] ?? 0;
    const value = values[t] ?? 0;
    if (length === 0) {
      putSymbol(writer, green, (value >>> 8) & 255);
      putSymbol(writer, red, (value >>> 16) & 255);
      putSymbol(writer, blue, value & 255);
      putSymbol(writer, alpha, value >>> 24);
      continue;
    }
    const lengthPrefix = toPrefix(length);
    putSymbol(writer, green, 256 + lengthPrefix);
    writer.put(readExtraBits(length, lengthPrefix), countExtraBits(lengthPrefix));
    const distancePrefix = toPrefix(value);
    putSymbol(writer, distance, distancePrefix);
    writer.put(readExtraBits(value, distancePrefix), countExtraBits(distancePrefix));
  }
}

/** RIFF header, `WEBP`, and the `VP8L` chunk (signature byte included), padded to an even size. */
function wrapInRiff(stream: Buffer): Buffer {
  const padded = stream.length + (stream.length & 1);
  const webp = Buffer.alloc(20 + padded);
  webp.write('RIFF', 0, 'latin1');
  webp.writeUInt32LE(12 + padded, 4);
  webp.write('WEBPVP8L', 8, 'latin1');
  webp.writeUInt32LE(stream.length, 16);
  stream.copy(webp, 20);
  return webp;
}
