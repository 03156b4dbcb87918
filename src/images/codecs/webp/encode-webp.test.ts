import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { renderPixels, toRgbaBytes, type ArgbImage } from '../../raster/render-pixels.js';
import { composeScene } from '../../scene/compose-scene.js';
import { encodeWebp } from './encode-webp.js';

/** Decodes with libwebp (through sharp), always as RGBA. */
async function decodeWithLibwebp(webp: Buffer): Promise<{ width: number; height: number; rgba: Buffer }> {
  const { data, info } = await sharp(webp).ensureAlpha().raw().toBuffer({ resolveWithObject: true });
  return { width: info.width, height: info.height, rgba: data };
}

function seededPixels(
  width: number,
  height: number,
  seed: number,
  map: (random: number) => number,
): ArgbImage {
  let state = seed;
  const pixels = Uint32Array.from({ length: width * height }, () => {
    state = (Math.imul(state, 1103515245) + 12345) >>> 0;
    return map(state) >>> 0;
  });
  return { width, height, pixels };
}

async function expectLosslessRoundTrip(image: ArgbImage): Promise<Buffer> {
  const webp = encodeWebp(image);
  const decoded = await decodeWithLibwebp(webp);
  expect([decoded.width, decoded.height]).toEqual([image.width, image.height]);
  expect(decoded.rgba.equals(toRgbaBytes(image))).toBe(true);
  return webp;
}

describe('encodeWebp', () => {
  it.each([
    ['one opaque pixel', { width: 1, height: 1, pixels: Uint32Array.from([0xff336699]) }],
    ['one transparent pixel', { width: 1, height: 1, pixels: Uint32Array.from([0]) }],
    ['a flat 5x3 image', { width: 5, height: 3, pixels: new Uint32Array(15).fill(0xff204060) }],
    ['noise with alpha', seededPixels(17, 9, 1, (r) => r)],
    ['opaque noise, all 256 values per channel', seededPixels(64, 64, 2, (r) => 0xff000000 | r)],
    ['two colours', seededPixels(31, 7, 3, (r) => (r & 0x100 ? 0xff000001 : 0xff010000))],
    ['a wide strip', seededPixels(4000, 2, 4, (r) => (r & 0x10000 ? 0xffffffff : 0x80000000))],
    [
      'every grey, in runs',
      {
        width: 256,
        height: 3,
        pixels: Uint32Array.from({ length: 768 }, (_, i) => 0xff000000 | ((i % 256) * 0x010101)),
      },
    ],
  ])('is decoded by libwebp to exactly the pixels encoded: %s', async (_, image) => {
    await expectLosslessRoundTrip(image);
  });

  it.each([
    [1, 1],
    [17, 9],
    [256, 256],
    [1024, 1536],
  ])(
    'round-trips rendered %ix%i pictures exactly, opaque and with a transparent backdrop',
    async (width, height) => {
      const scene = composeScene({
        model: 'gpt-image-1',
        prompt: 'a fox at dawn',
        width,
        height,
        quality: 'high',
        style: 'vivid',
        index: 0,
      });
      for (const transparent of [false, true]) {
        const image = renderPixels(scene, { transparent });
        const webp = await expectLosslessRoundTrip(image);
        const metadata = await sharp(webp).metadata();
        expect([metadata.format, metadata.width, metadata.height]).toEqual(['webp', width, height]);
        // The VP8L alpha hint is set exactly when a pixel is not opaque (at 1x1 it may be the subject's).
        expect(metadata.hasAlpha).toBe(image.pixels.some((argb) => argb >>> 24 !== 255));
        if (width > 1) expect(metadata.hasAlpha).toBe(transparent);
      }
    },
  );

  it('writes a RIFF container with one VP8L chunk, padded to an even size, and the header bits', () => {
    for (const image of [seededPixels(17, 9, 5, (r) => r), seededPixels(3, 2, 6, (r) => 0xff000000 | r)]) {
      const webp = encodeWebp(image);
      expect(webp.toString('latin1', 0, 4)).toBe('RIFF');
      expect(webp.readUInt32LE(4)).toBe(webp.length - 8);
      expect(webp.toString('latin1', 8, 16)).toBe('WEBPVP8L');
      const chunkSize = webp.readUInt32LE(16);
      expect(webp.length).toBe(20 + chunkSize + (chunkSize & 1));
      expect(webp.length % 2).toBe(0);
      expect(webp[20]).toBe(0x2f);
      const header = webp.readUInt32LE(21);
      expect([(header & 0x3fff) + 1, ((header >>> 14) & 0x3fff) + 1]).toEqual([image.width, image.height]);
      const alphaIsUsed = image.pixels.some((argb) => argb >>> 24 !== 255);
      expect((header >>> 28) & 1).toBe(alphaIsUsed ? 1 : 0);
      expect(header >>> 29).toBe(0); // version
      expect(webp.toString('base64').startsWith('UklGR')).toBe(true);
    }
  });

  it('is deterministic and compact on flat colours', () => {
    const scene = composeScene({
      model: 'gpt-image-1',
      prompt: 'a lighthouse',
      width: 1024,
      height: 1024,
      quality: 'medium',
      style: 'vivid',
      index: 0,
    });
    const image = renderPixels(scene, {});
    const webp = encodeWebp(image);
    expect(encodeWebp(image).equals(webp)).toBe(true);
    expect(webp.length).toBeLessThan(60_000); // 4 MiB of pixels
  });

  it('rejects sizes VP8L cannot hold or a pixel count that does not match', () => {
    expect(() => encodeWebp({ width: 16385, height: 1, pixels: new Uint32Array(16385) })).toThrow(RangeError);
    expect(() => encodeWebp({ width: 2, height: 2, pixels: new Uint32Array(3) })).toThrow(RangeError);
  });
});
