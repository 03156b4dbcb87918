import sharp from 'sharp';
import { drawSampleMask, drawSampleRaster } from '../src/images/index.js';

/** A PNG of the sample picture (gradient and checkerboard), RGBA, with a clear hole when asked. */
export async function samplePng(
  width: number,
  height: number,
  options: { clear?: { x0: number; y0: number; x1: number; y1: number }; alpha?: boolean } = {},
): Promise<Buffer> {
  const raster = drawSampleRaster({ width, height, ...(options.clear ? { clear: options.clear } : {}) });
  const image = sharp(Buffer.from(raster.data), { raw: { width, height, channels: 4 } });
  return (options.alpha === false ? image.removeAlpha() : image).png().toBuffer();
}

/** The same picture as a JPEG (no alpha) or a WebP. */
export async function sampleImage(width: number, height: number, format: 'jpeg' | 'webp'): Promise<Buffer> {
  const raster = drawSampleRaster({ width, height, seed: 1 });
  return sharp(Buffer.from(raster.data), { raw: { width, height, channels: 4 } })
    .toFormat(format)
    .toBuffer();
}

/** A mask PNG: opaque, with a fully transparent rectangle where the edit goes. */
export async function sampleMask(
  width: number,
  height: number,
  clear = {
    x0: Math.floor(width / 4),
    y0: Math.floor(height / 4),
    x1: Math.floor((3 * width) / 4),
    y1: Math.floor((3 * height) / 4),
  },
): Promise<Buffer> {
  const raster = drawSampleMask({ width, height, clear });
  return sharp(Buffer.from(raster.data), { raw: { width, height, channels: 4 } })
    .png()
    .toBuffer();
}

/** A multipart body by hand, for what no well-behaved client sends (no name, truncation...). */
export function multipartBody(
  boundary: string,
  parts: { headers: string[]; body: Buffer | string }[],
  { close = true }: { close?: boolean } = {},
): Buffer {
  const chunks: Buffer[] = [];
  for (const part of parts) {
    chunks.push(Buffer.from(`--${boundary}\r\n${part.headers.join('\r\n')}\r\n\r\n`));
    chunks.push(Buffer.isBuffer(part.body) ? part.body : Buffer.from(part.body));
    chunks.push(Buffer.from('\r\n'));
  }
  if (close) chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return Buffer.concat(chunks);
}
