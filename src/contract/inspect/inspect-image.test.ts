import jpeg from 'jpeg-js';
import { PNG } from 'pngjs';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { crc32 } from 'node:zlib';
import { inspectImage } from './inspect-image.js';

function png(width: number, height: number, colorType: 2 | 6 = 2): Buffer {
  const image = new PNG({ width, height, colorType, inputHasAlpha: true });
  image.data.fill(200);
  return PNG.sync.write(image, { colorType });
}

function solid(width: number, height: number, channels: 3 | 4) {
  return sharp({ create: { width, height, channels, background: { r: 250, g: 10, b: 10, alpha: 0.5 } } });
}

describe('inspectImage', () => {
  it('reads a valid RGB PNG to the last pixel', () => {
    expect(inspectImage(png(64, 48))).toEqual({
      format: 'png',
      width: 64,
      height: 48,
      hasAlpha: false,
      problems: [],
      decoded: true,
      pixelDigest: expect.stringMatching(/^[0-9a-f]{64}$/) as unknown,
    });
  });

  it('tolerates RGBA', () => {
    expect(inspectImage(png(8, 8, 6))).toMatchObject({ hasAlpha: true, problems: [] });
  });

  it('reads interlaced, palette and 16-bit PNGs from other encoders', async () => {
    const interlaced = await solid(33, 17, 3).png({ progressive: true }).toBuffer();
    const palette = await solid(20, 10, 4).png({ palette: true }).toBuffer();
    const deep = await solid(9, 7, 4).toColourspace('rgb16').png().toBuffer();
    expect(inspectImage(interlaced)).toMatchObject({ width: 33, height: 17, problems: [], decoded: true });
    expect(inspectImage(palette)).toMatchObject({ width: 20, height: 10, hasAlpha: true, problems: [] });
    expect(inspectImage(deep)).toMatchObject({ width: 9, height: 7, problems: [], decoded: true });
  });

  it('finds a bad CRC in any chunk', () => {
    const bytes = png(16, 16);
    bytes.writeUInt8((bytes.at(-20) ?? 0) ^ 0xff, bytes.length - 20); // inside the IDAT data
    expect(inspectImage(bytes).problems.join()).toMatch(/IDAT .* bad CRC/);
  });

  it('finds truncation, a damaged signature and bytes after IEND', () => {
    const bytes = png(16, 16);
    expect(inspectImage(bytes.subarray(0, bytes.length - 30)).problems.join()).toMatch(
      /runs past the end|truncated/,
    );
    const crlf = Buffer.from(bytes);
    crlf[4] = 0x0a;
    expect(inspectImage(crlf).problems.join()).toMatch(/signature/);
    expect(inspectImage(Buffer.concat([bytes, Buffer.from('trailer')])).problems.join()).toMatch(
      /after IEND/,
    );
  });

  it('reports a PNG whose chunks are intact but whose pixels do not decode', () => {
    const bytes = png(16, 16);
    const ihdr = 8;
    bytes.writeUInt32BE(17, ihdr + 8); // claim 17 px wide, then fix the CRC so only the decode notices
    bytes.writeUInt32BE(crc32(bytes.subarray(ihdr + 4, ihdr + 8 + 13)), ihdr + 8 + 13);
    const inspection = inspectImage(bytes);
    expect(inspection.decoded).toBe(false);
    expect(inspection.problems.join()).toMatch(/IHDR needs/);
  });

  it('decodes a JPEG and faults a truncated one', () => {
    const data = Buffer.alloc(32 * 24 * 4, 128);
    const bytes = jpeg.encode({ width: 32, height: 24, data }, 80).data;
    expect(inspectImage(bytes)).toMatchObject({
      format: 'jpeg',
      width: 32,
      height: 24,
      problems: [],
      decoded: true,
    });
    expect(inspectImage(bytes.subarray(0, bytes.length - 40)).problems.length).toBeGreaterThan(0);
  });

  it('reads WebP dimensions from VP8, VP8L and VP8X headers', async () => {
    const lossy = await solid(40, 30, 3).webp().toBuffer();
    const lossless = await solid(41, 31, 4).webp({ lossless: true }).toBuffer();
    const extended = await solid(42, 32, 4).webp().toBuffer();
    expect(inspectImage(lossy)).toMatchObject({ format: 'webp', width: 40, height: 30, problems: [] });
    expect(inspectImage(lossless)).toMatchObject({ width: 41, height: 31, hasAlpha: true, problems: [] });
    expect(inspectImage(extended)).toMatchObject({ width: 42, height: 32, hasAlpha: true, problems: [] });
    expect(inspectImage(lossy.subarray(0, lossy.length - 4)).problems.join()).toMatch(/truncated/);
  });

  it('names what unknown bytes look like', () => {
    expect(inspectImage(Buffer.from('<html>oops</html>')).problems[0]).toMatch(
      /not a PNG, JPEG or WebP.*"<html>/,
    );
    expect(inspectImage(Buffer.from('data:image/png;base64,iVBOR')).format).toBeUndefined();
  });
});
