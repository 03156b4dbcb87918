import { createHash } from 'node:crypto';
import { crc32, inflateSync } from 'node:zlib';
import { PNG } from 'pngjs';
import type { ImageInspection } from './inspect-image.js';

const SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
/** Colour types with an alpha channel: grey + alpha, RGBA. */
const ALPHA_COLOUR_TYPES = new Set([4, 6]);

/** A PNG to the last byte: signature, chunk layout and CRCs, IHDR first, IDAT, IEND last, then a full decode. */
export function inspectPng(bytes: Buffer): ImageInspection {
  const problems: string[] = [];
  const result: ImageInspection = {
    format: 'png',
    width: undefined,
    height: undefined,
    hasAlpha: false,
    problems,
    decoded: false,
  };
  if (!bytes.subarray(0, 8).equals(SIGNATURE)) {
    problems.push('PNG signature is damaged (line endings rewritten?)');
    return result;
  }
  const types: string[] = [];
  const idat: Buffer[] = [];
  let header: Buffer | undefined;
  let offset = 8;
  while (offset < bytes.length) {
    if (offset + 12 > bytes.length) {
      problems.push(`PNG is truncated inside a chunk header at byte ${offset}`);
      break;
    }
    const length = bytes.readUInt32BE(offset);
    const type = bytes.toString('latin1', offset + 4, offset + 8);
    const end = offset + 12 + length;
    if (end > bytes.length) {
      problems.push(`PNG chunk ${type} at byte ${offset} runs past the end of the file`);
      break;
    }
    const stored = bytes.readUInt32BE(end - 4);
    if (crc32(bytes.subarray(offset + 4, end - 4)) !== stored)
      problems.push(`PNG chunk ${type} at byte ${offset} has a bad CRC`);
    if (type === 'IDAT') idat.push(bytes.subarray(offset + 8, end - 4));
    if (type === 'IHDR' && length === 13) {
      header = bytes.subarray(offset + 8, offset + 21);
      result.width = bytes.readUInt32BE(offset + 8);
      result.height = bytes.readUInt32BE(offset + 12);
      result.hasAlpha ||= ALPHA_COLOUR_TYPES.has(bytes[offset + 17] ?? -1);
    }
    if (type === 'tRNS') result.hasAlpha = true;
    types.push(type);
    offset = end;
    if (type === 'IEND') break;
  }
  if (types[0] !== 'IHDR') problems.push('PNG does not start with an IHDR chunk');
  if (!types.includes('IDAT')) problems.push('PNG has no IDAT chunk');
  if (types.at(-1) !== 'IEND') problems.push('PNG has no IEND chunk at the end');
  else if (offset < bytes.length) problems.push(`PNG has ${bytes.length - offset} bytes after IEND`);
  if (problems.length > 0 || !header) return result;
  const pixelProblem = checkPixelData(header, Buffer.concat(idat));
  if (pixelProblem) {
    problems.push(pixelProblem);
    return result;
  }
  try {
    const png = PNG.sync.read(bytes, { checkCRC: true });
    if (png.width !== result.width || png.height !== result.height)
      problems.push('PNG decodes to another size than IHDR says');
    result.decoded = true;
    result.pixelDigest = createHash('sha256').update(png.data).digest('hex');
  } catch (error) {
    problems.push(`PNG does not decode: ${(error as Error).message}`);
  }
  return result;
}

/** Samples per pixel by colour type: grey, -, RGB, palette, grey + alpha, -, RGBA. */
const CHANNELS: Record<number, number> = { 0: 1, 2: 3, 3: 1, 4: 2, 6: 4 };
/** Adam7 passes: first column, first row, column step, row step. */
const ADAM7 = [
  [0, 0, 8, 8],
  [4, 0, 8, 8],
  [0, 4, 4, 8],
  [2, 0, 4, 4],
  [0, 2, 2, 4],
  [1, 0, 2, 2],
  [0, 1, 1, 2],
] as const;

/**
 * Inflates the image data and checks it holds exactly the scanlines IHDR promises, each with a valid filter
 * type: decoders differ in what they forgive (pngjs decodes short data), so this is checked here.
 */
function checkPixelData(header: Buffer, compressed: Buffer): string | undefined {
  const width = header.readUInt32BE(0);
  const height = header.readUInt32BE(4);
  const [bitDepth = 0, colorType = -1, , , interlace = 0] = header.subarray(8);
  const channels = CHANNELS[colorType];
  if (!channels || width === 0 || height === 0)
    return `PNG IHDR is invalid (${width}x${height}, colour type ${colorType})`;
  const rows: [number, number][] = (interlace === 1 ? ADAM7 : [[0, 0, 1, 1] as const]).map(
    ([x0, y0, dx, dy]) => [Math.ceil((width - x0) / dx), Math.ceil((height - y0) / dy)],
  );
  const lineBytes = (columns: number): number => 1 + Math.ceil((columns * channels * bitDepth) / 8);
  const expected = rows.reduce(
    (sum, [columns, count]) => (columns > 0 && count > 0 ? sum + count * lineBytes(columns) : sum),
    0,
  );
  let raw: Buffer;
  try {
    raw = inflateSync(compressed, { maxOutputLength: expected + 1 });
  } catch (error) {
    return (error as Error).name === 'RangeError'
      ? `PNG holds more pixel data than its ${width}x${height} IHDR`
      : `PNG image data does not inflate: ${(error as Error).message}`;
  }
  if (raw.length !== expected)
    return `PNG holds ${raw.length} bytes of scanlines, its ${width}x${height} IHDR needs ${expected}`;
  let offset = 0;
  for (const [columns, count] of rows) {
    if (columns === 0 || count === 0) continue;
    for (let row = 0; row < count; row++, offset += lineBytes(columns)) {
      if ((raw[offset] ?? 0) > 4) return `PNG scanline at byte ${offset} has filter type ${raw[offset]}`;
    }
  }
  return undefined;
}
