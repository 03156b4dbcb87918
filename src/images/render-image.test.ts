import { decode } from 'fast-png';
import { PNG } from 'pngjs';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { IMAGE_MEDIA_TYPES, renderImage, type OutputFormat, type RenderParams } from './render-image.js';
import { renderPng } from './render-png.js';

const BASE: RenderParams = {
  model: 'gpt-image-1',
  prompt: 'a lighthouse on a cliff at dawn',
  width: 256,
  height: 256,
  quality: 'high',
  style: 'vivid',
  index: 0,
};

const SIGNATURES: Record<OutputFormat, string> = { png: 'iVBORw0KGgo', jpeg: '/9j/', webp: 'UklGR' };

/** Decodes with libvips (sharp), always to RGBA. */
async function decodeRgba(
  image: Buffer,
): Promise<{ format: string; width: number; height: number; rgba: Buffer }> {
  const { format = 'unknown' } = await sharp(image).metadata();
  const { data, info } = await sharp(image).ensureAlpha().raw().toBuffer({ resolveWithObject: true });
  return { format, width: info.width, height: info.height, rgba: data };
}

function alphaValues(rgba: Buffer): Set<number> {
  const values = new Set<number>();
  for (let i = 3; i < rgba.length; i += 4) values.add(rgba[i] ?? -1);
  return values;
}

/** Mean absolute difference per channel value, 0-255. */
function meanDifference(a: Buffer, b: Buffer): number {
  let total = 0;
  for (let i = 0; i < a.length; i++) total += Math.abs((a[i] ?? 0) - (b[i] ?? 0));
  return total / a.length;
}

describe('renderImage', () => {
  it('gives exactly renderPng bytes without output options, or with png, opaque and no partial', () => {
    const png = renderPng(BASE);
    expect(renderImage(BASE).equals(png)).toBe(true);
    expect(
      renderImage({ ...BASE, outputFormat: 'png', background: 'opaque', compression: 100 }).equals(png),
    ).toBe(true);
    expect(renderImage({ ...BASE, compression: 20 }).equals(png)).toBe(true);
  });

  it.each([
    ['png', 'opaque'],
    ['png', 'transparent'],
    ['jpeg', 'opaque'],
    ['webp', 'opaque'],
    ['webp', 'transparent'],
  ] as const)(
    'renders %s with a %s background at the exact size, with alpha only if transparent',
    async (format, background) => {
      for (const [width, height] of [
        [1536, 1024],
        [17, 9],
        [256, 256],
      ] as const) {
        const image = renderImage({ ...BASE, width, height, outputFormat: format, background });
        expect(image.toString('base64').startsWith(SIGNATURES[format])).toBe(true);
        const metadata = await sharp(image).metadata();
        expect([metadata.format, metadata.width, metadata.height]).toEqual([format, width, height]);
        const decoded = await decodeRgba(image);
        expect([decoded.width, decoded.height]).toEqual([width, height]);
        if (width < 256) continue; // a tiny picture may show no backdrop or no subject
        expect(metadata.hasAlpha).toBe(background === 'transparent');
        expect(alphaValues(decoded.rgba)).toEqual(
          background === 'transparent' ? new Set([0, 255]) : new Set([255]),
        );
      }
    },
  );

  it('writes an RGB PNG when opaque and an RGBA PNG when transparent, read alike by pngjs and fast-png', () => {
    for (const background of ['opaque', 'transparent'] as const) {
      const png = renderImage({ ...BASE, background, partial: { index: 0, count: 1 } });
      const viaPngjs = PNG.sync.read(png);
      const viaFastPng = decode(png);
      const channels = background === 'transparent' ? 4 : 3;
      expect([viaPngjs.colorType, viaFastPng.channels]).toEqual([channels === 4 ? 6 : 2, channels]);
      for (let i = 0; i < 256 * 256; i++) {
        const fast = viaFastPng.data.subarray(i * channels, i * channels + channels);
        const expected = channels === 4 ? [...fast] : [...fast, 255];
        if (viaPngjs.data.readUInt32BE(i * 4) !== Buffer.from(expected).readUInt32BE(0)) {
          expect([...viaPngjs.data.subarray(i * 4, i * 4 + 4)]).toEqual(expected);
        }
      }
    }
    const transparent = PNG.sync.read(renderImage({ ...BASE, background: 'transparent' }));
    expect(alphaValues(transparent.data)).toEqual(new Set([0, 255]));
  });

  it('shows the same picture in every format: lossless ones exactly, JPEG closely', async () => {
    const params = { ...BASE, width: 320, height: 200 };
    const reference = (await decodeRgba(renderImage(params))).rgba;
    expect((await decodeRgba(renderImage({ ...params, outputFormat: 'webp' }))).rgba.equals(reference)).toBe(
      true,
    );
    const transparentPng = (await decodeRgba(renderImage({ ...params, background: 'transparent' }))).rgba;
    const transparentWebp = (
      await decodeRgba(renderImage({ ...params, outputFormat: 'webp', background: 'transparent' }))
    ).rgba;
    expect(transparentWebp.equals(transparentPng)).toBe(true);
    for (let i = 0; i < reference.length; i += 4) {
      // Wherever the transparent version is opaque, it has the opaque version's colour.
      if (transparentPng[i + 3] === 255)
        expect(transparentPng.readUInt32BE(i)).toBe(reference.readUInt32BE(i));
    }
    const jpeg = (await decodeRgba(renderImage({ ...params, outputFormat: 'jpeg' }))).rgba;
    expect(meanDifference(jpeg, reference)).toBeLessThan(3);
  });

  it.each(['png', 'jpeg', 'webp'] as const)(
    'is deterministic in %s, and another prompt gives other bytes',
    (format) => {
      const params = { ...BASE, outputFormat: format };
      const image = renderImage(params);
      expect(renderImage({ ...params }).equals(image)).toBe(true);
      expect(renderImage({ ...params, prompt: 'a red fox' }).equals(image)).toBe(false);
      expect(renderImage({ ...params, index: 1 }).equals(image)).toBe(false);
    },
  );

  it('makes smaller JPEGs as compression falls (0 counts as 1); WebP and PNG ignore it', () => {
    const sizes = [100, 90, 75, 50, 20, 1].map(
      (compression) => renderImage({ ...BASE, outputFormat: 'jpeg', compression }).length,
    );
    for (let i = 1; i < sizes.length; i++) expect(sizes[i]).toBeLessThan(sizes[i - 1] ?? 0);
    expect(renderImage({ ...BASE, outputFormat: 'jpeg', compression: 0 })).toEqual(
      renderImage({ ...BASE, outputFormat: 'jpeg', compression: 1 }),
    );
    expect(renderImage({ ...BASE, outputFormat: 'webp', compression: 10 })).toEqual(
      renderImage({ ...BASE, outputFormat: 'webp' }),
    );
  });

  it.each(['png', 'jpeg', 'webp'] as const)(
    'streams %s partial images that come closer to the final image and differ from it and each other',
    async (format) => {
      const params = { ...BASE, width: 512, height: 384, outputFormat: format };
      const final = renderImage(params);
      const partials = [0, 1, 2].map((index) => renderImage({ ...params, partial: { index, count: 3 } }));
      expect(new Set([final, ...partials].map((image) => image.toString('base64'))).size).toBe(4);
      const finalPixels = (await decodeRgba(final)).rgba;
      const distances: number[] = [];
      for (const partial of partials) {
        expect(partial.toString('base64').startsWith(SIGNATURES[format])).toBe(true);
        const decoded = await decodeRgba(partial);
        expect([decoded.format, decoded.width, decoded.height]).toEqual([format, 512, 384]);
        distances.push(meanDifference(decoded.rgba, finalPixels));
      }
      expect(distances[0]).toBeGreaterThan(distances[1] ?? 0);
      expect(distances[1]).toBeGreaterThan(distances[2] ?? 0);
      expect(distances[2]).toBeGreaterThan(0);
      expect(
        renderImage({ ...params, partial: { index: 1, count: 3 } }).equals(partials[1] ?? Buffer.alloc(0)),
      ).toBe(true);
    },
  );

  it('streams transparent partial images with alpha', async () => {
    for (const format of ['png', 'webp'] as const) {
      const partial = renderImage({
        ...BASE,
        outputFormat: format,
        background: 'transparent',
        partial: { index: 1, count: 2 },
      });
      expect(alphaValues((await decodeRgba(partial)).rgba)).toEqual(new Set([0, 255]));
    }
  });

  it('describes the output options in the PNG Description chunk', () => {
    const png = renderImage({ ...BASE, background: 'transparent', partial: { index: 1, count: 3 } });
    expect(JSON.parse(decode(png).text.Description ?? '')).toEqual({
      model: 'gpt-image-1',
      prompt: BASE.prompt,
      size: '256x256',
      quality: 'high',
      style: 'vivid',
      index: 0,
      background: 'transparent',
      partial: { index: 1, count: 3 },
    });
  });

  it.each([
    ['JPEG with a transparent background', { outputFormat: 'jpeg', background: 'transparent' }],
    ['compression below 0', { compression: -1 }],
    ['compression above 100', { compression: 101 }],
    ['a fractional compression', { compression: 50.5 }],
    ['a NaN compression', { compression: Number.NaN }],
    ['a partial index below 0', { partial: { index: -1, count: 3 } }],
    ['a partial index equal to the count', { partial: { index: 3, count: 3 } }],
    ['a fractional partial index', { partial: { index: 0.5, count: 3 } }],
    ['no partial images', { partial: { index: 0, count: 0 } }],
    ['an unknown format', { outputFormat: 'gif' }],
    ['an unknown background', { background: 'auto' }],
    ['a zero width', { width: 0 }],
  ])('throws a RangeError for %s', (_, extra) => {
    expect(() => renderImage({ ...BASE, ...(extra as Partial<RenderParams>) })).toThrow(RangeError);
  });

  it('names the media type of each format', () => {
    expect(IMAGE_MEDIA_TYPES).toEqual({ png: 'image/png', jpeg: 'image/jpeg', webp: 'image/webp' });
  });
});
