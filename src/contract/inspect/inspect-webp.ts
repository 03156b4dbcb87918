import type { ImageInspection } from './inspect-image.js';

/**
 * A WebP's container and first image chunk: RIFF size, then VP8 (lossy: start code, 14-bit sizes), VP8L
 * (lossless: signature 0x2f, 14-bit sizes minus one, alpha bit) or VP8X (extended: 24-bit canvas size minus
 * one, alpha flag). The pixels are not decoded.
 */
export function inspectWebp(bytes: Buffer): ImageInspection {
  const problems: string[] = [];
  const result: ImageInspection = {
    format: 'webp',
    width: undefined,
    height: undefined,
    hasAlpha: false,
    problems,
    decoded: false,
  };
  const riffSize = bytes.readUInt32LE(4);
  if (riffSize + 8 > bytes.length)
    problems.push(`WebP is truncated: RIFF says ${riffSize + 8} bytes, got ${bytes.length}`);
  if (bytes.length < 30) {
    problems.push('WebP is too short to hold an image header');
    return result;
  }
  const chunk = bytes.toString('latin1', 12, 16);
  const data = 20;
  switch (chunk) {
    case 'VP8 ':
      if (bytes[data + 3] !== 0x9d || bytes[data + 4] !== 0x01 || bytes[data + 5] !== 0x2a) {
        problems.push('WebP VP8 frame has no start code');
      } else {
        result.width = bytes.readUInt16LE(data + 6) & 0x3fff;
        result.height = bytes.readUInt16LE(data + 8) & 0x3fff;
      }
      break;
    case 'VP8L': {
      if (bytes[data] !== 0x2f) {
        problems.push('WebP VP8L chunk has no signature');
        break;
      }
      const bits = bytes.readUInt32LE(data + 1);
      result.width = (bits & 0x3fff) + 1;
      result.height = ((bits >>> 14) & 0x3fff) + 1;
      result.hasAlpha = ((bits >>> 28) & 1) === 1;
      break;
    }
    case 'VP8X':
      result.hasAlpha = ((bytes[data] ?? 0) & 0x10) !== 0;
      result.width = bytes.readUIntLE(data + 4, 3) + 1;
      result.height = bytes.readUIntLE(data + 7, 3) + 1;
      break;
    default:
      problems.push(`WebP starts with an unknown chunk '${chunk}'`);
  }
  return result;
}
