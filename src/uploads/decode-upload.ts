import sharp from 'sharp';
import { MAX_INPUT_PIXELS } from './upload-limits.js';

/** The formats an upload may be, by what its bytes are (not what its part says): the real API's three. */
export type UploadFormat = 'png' | 'jpeg' | 'webp';

/** The colour mode as the real API's messages name it (Pillow's names). */
export type ImageMode = 'L' | 'LA' | 'RGB' | 'RGBA';

/** What an upload is, once decoded whole. */
export interface DecodedUpload {
  format: UploadFormat;
  width: number;
  height: number;
  mode: ImageMode;
  hasAlpha: boolean;
}

/** Pixels, 4 bytes per pixel (RGBA), rows top to bottom: what the edit renderer takes. */
export interface RgbaRaster {
  width: number;
  height: number;
  data: Uint8Array;
}

const MODES: Readonly<Record<number, ImageMode>> = { 1: 'L', 2: 'LA', 3: 'RGB', 4: 'RGBA' };

/** The format the bytes start with, from their signature; undefined for anything else (GIF, SVG, text...). */
export function sniffFormat(bytes: Uint8Array): UploadFormat | undefined {
  const ascii = (from: number, to: number): string =>
    Buffer.from(bytes.subarray(from, to)).toString('latin1');
  if (bytes.length >= 8 && ascii(0, 8) === '\x89PNG\r\n\x1a\n') return 'png';
  if (bytes.length >= 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'jpeg';
  if (bytes.length >= 12 && ascii(0, 4) === 'RIFF' && ascii(8, 12) === 'WEBP') return 'webp';
  return undefined;
}

/**
 * Decodes an upload whole (a truncated or corrupt file fails here, not later), within MAX_INPUT_PIXELS.
 * Resolves to what it is and, with `pixels`, its RGBA raster; undefined when it is not a PNG, JPEG or WebP
 * that decodes. Only those three signatures reach the decoder.
 */
export async function decodeUpload(
  bytes: Buffer,
  options: { pixels: true },
): Promise<(DecodedUpload & { raster: RgbaRaster }) | undefined>;
export async function decodeUpload(
  bytes: Buffer,
  options?: { pixels?: false },
): Promise<DecodedUpload | undefined>;
export async function decodeUpload(
  bytes: Buffer,
  { pixels = false }: { pixels?: boolean } = {},
): Promise<(DecodedUpload & { raster?: RgbaRaster }) | undefined> {
  const format = sniffFormat(bytes);
  if (!format) return undefined;
  try {
    const image = sharp(bytes, { limitInputPixels: MAX_INPUT_PIXELS });
    const meta = await image.metadata();
    const { width, height, channels } = meta;
    const mode = MODES[channels];
    if (!width || !height || !mode) return undefined;
    const described: DecodedUpload = { format, width, height, mode, hasAlpha: meta.hasAlpha };
    // The full decode: it reads every row, so a file cut short is refused here.
    const raw = await image.ensureAlpha().toColourspace('srgb').raw().toBuffer({ resolveWithObject: true });
    if (raw.info.width !== width || raw.info.height !== height || raw.info.channels !== 4) return undefined;
    if (!pixels) return described;
    const data = new Uint8Array(raw.data.buffer, raw.data.byteOffset, raw.data.length);
    return { ...described, raster: { width, height, data } };
  } catch {
    return undefined;
  }
}
