import { createHash } from 'node:crypto';
import jpeg from 'jpeg-js';
import { inspectPng } from './inspect-png.js';
import { inspectWebp } from './inspect-webp.js';

export type ImageFormat = 'png' | 'jpeg' | 'webp';

/** What the bytes are: format and size, and every way they fall short of a valid file. */
export interface ImageInspection {
  /** Undefined when the bytes are no PNG, JPEG or WebP at all. */
  format: ImageFormat | undefined;
  width: number | undefined;
  height: number | undefined;
  hasAlpha: boolean;
  /** Empty when the file is valid. */
  problems: string[];
  /** Whether every pixel was decoded (PNG, JPEG); WebP is checked to its frame header only. */
  decoded: boolean;
  /** SHA-256 of the decoded RGBA pixels, when decoded: two files of the same picture share it. */
  pixelDigest?: string;
}

/** Decoders refuse images beyond this, so hostile answers cannot exhaust memory (gpt-image-2 4K is 8.3 MP). */
export const MAX_DECODE_MEGAPIXELS = 40;

/**
 * Inspects image bytes without trusting any claim about them. PNG: signature, chunk layout, every chunk's
 * CRC, IHDR, then a full decode with pngjs. JPEG: SOI and EOI markers, then a full decode with jpeg-js.
 * WebP: the RIFF/WEBP container and the VP8, VP8L or VP8X header with its dimensions.
 *
 * @example
 * const { format, width, height, problems } = inspectImage(Buffer.from(item.b64_json, 'base64'));
 */
export function inspectImage(bytes: Buffer): ImageInspection {
  if (bytes.subarray(0, 4).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47]))) return inspectPng(bytes);
  if (bytes[0] === 0xff && bytes[1] === 0xd8) return inspectJpeg(bytes);
  if (
    bytes.subarray(0, 4).toString('latin1') === 'RIFF' &&
    bytes.subarray(8, 12).toString('latin1') === 'WEBP'
  ) {
    return inspectWebp(bytes);
  }
  return {
    format: undefined,
    width: undefined,
    height: undefined,
    hasAlpha: false,
    problems: [`not a PNG, JPEG or WebP (${bytes.length} bytes, starting ${describeStart(bytes)})`],
    decoded: false,
  };
}

function inspectJpeg(bytes: Buffer): ImageInspection {
  const problems: string[] = [];
  let end = bytes.length;
  while (end > 2 && bytes[end - 1] === 0) end--;
  if (!(bytes[end - 2] === 0xff && bytes[end - 1] === 0xd9))
    problems.push('JPEG does not end with an EOI marker');
  try {
    const image = jpeg.decode(bytes, {
      useTArray: true,
      maxResolutionInMP: MAX_DECODE_MEGAPIXELS,
      maxMemoryUsageInMB: 1024,
    });
    return {
      format: 'jpeg',
      width: image.width,
      height: image.height,
      hasAlpha: false,
      problems,
      decoded: true,
      pixelDigest: createHash('sha256').update(image.data).digest('hex'),
    };
  } catch (error) {
    problems.push(`JPEG does not decode: ${(error as Error).message}`);
    return { format: 'jpeg', width: undefined, height: undefined, hasAlpha: false, problems, decoded: false };
  }
}

/** The first bytes, as text when they are printable (an HTML page, a data: URI) or else as hex. */
export function describeStart(bytes: Buffer): string {
  const head = bytes.subarray(0, 16);
  const printable = head.length > 0 && head.every((byte) => byte >= 0x20 && byte < 0x7f);
  return printable ? JSON.stringify(head.toString('latin1')) : `0x${head.subarray(0, 8).toString('hex')}`;
}
