import { crc32 } from 'node:zlib';
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
    if (type === 'IHDR' && length === 13) {
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
  if (problems.length > 0) return result;
  try {
    const png = PNG.sync.read(bytes, { checkCRC: true });
    if (png.width !== result.width || png.height !== result.height)
      problems.push('PNG decodes to another size than IHDR says');
    result.decoded = true;
  } catch (error) {
    problems.push(`PNG does not decode: ${(error as Error).message}`);
  }
  return result;
}
