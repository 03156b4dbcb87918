import jpeg from 'jpeg-js';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { renderPixels, type ArgbImage } from '../../raster/render-pixels.js';
import { renderImage, type RenderParams } from '../../render-image.js';
import { composeScene } from '../../scene/compose-scene.js';
import { encodeJpeg, toJpegQuality } from './encode-jpeg.js';

const PARAMS: RenderParams = {
  model: 'gpt-image-1',
  prompt: 'a lighthouse on a cliff at dawn',
  width: 512,
  height: 512,
  quality: 'high',
  style: 'vivid',
  index: 0,
};

/** One of our pictures, as the JPEG encoder gets it. */
function pictureOf(width: number, height: number, prompt = PARAMS.prompt): ArgbImage {
  return renderPixels(composeScene({ ...PARAMS, prompt, width, height }), {});
}

/**
 * A picture that takes every path of the encoder: one-colour squares, a vertical gradient (squares
 * equal to their left neighbour), stripes three pixels wide (squares equal to one further left),
 * noise (the DCT), with edges off the 8x8 grid.
 */
function testCard(width: number, height: number): ArgbImage {
  let state = 7;
  const pixels = new Uint32Array(width * height);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      state = (Math.imul(state, 1103515245) + 12345) >>> 0;
      let rgb = 0x3060c0;
      if (y >= height / 4 && y < height / 2) rgb = 0x102030 + ((y * 3) & 127) * 0x10101;
      else if (y >= height / 2 && x < (3 * width) / 4)
        rgb = Math.floor(x / 3) % 2 === 0 ? 0xe0c040 : 0x2040a0;
      else if (y >= height / 2) rgb = state >>> 8;
      pixels[y * width + x] = (0xff000000 | rgb) >>> 0;
    }
  }
  return { width, height, pixels };
}

/** Decodes with libjpeg-turbo (sharp) and returns the mean absolute error per channel against `image`. */
async function decodeError(
  bytes: Buffer,
  image: ArgbImage,
): Promise<{ width: number; height: number; error: number }> {
  const { data, info } = await sharp(bytes).raw().toBuffer({ resolveWithObject: true });
  expect(info.channels).toBe(3);
  let total = 0;
  image.pixels.forEach((argb, i) => {
    total +=
      Math.abs((data[i * 3] ?? 0) - ((argb >>> 16) & 255)) +
      Math.abs((data[i * 3 + 1] ?? 0) - ((argb >>> 8) & 255)) +
      Math.abs((data[i * 3 + 2] ?? 0) - (argb & 255));
  });
  return { width: info.width, height: info.height, error: total / (image.pixels.length * 3) };
}

describe('encodeJpeg', () => {
  it('uses compression as the quality, 0 raised to 1', () => {
    expect([100, 75, 50, 1, 0].map(toJpegQuality)).toEqual([100, 75, 50, 1, 1]);
  });

  it('writes a baseline 4:4:4 JFIF JPEG that libjpeg-turbo and jpeg-js decode alike, ignoring alpha', async () => {
    const pixels = Uint32Array.from({ length: 24 * 10 }, (_, i) => (i % 24 < 12 ? 0xff2060a0 : 0x00e0c040));
    const image = encodeJpeg({ width: 24, height: 10, pixels }, 100);
    expect([...image.subarray(0, 4)]).toEqual([0xff, 0xd8, 0xff, 0xe0]);
    expect(image.toString('latin1', 6, 11)).toBe('JFIF\0');
    expect([...image.subarray(-2)]).toEqual([0xff, 0xd9]);
    const metadata = await sharp(image).metadata();
    expect(metadata).toMatchObject({ format: 'jpeg', isProgressive: false, chromaSubsampling: '4:4:4' });
    expect((await decodeError(image, { width: 24, height: 10, pixels })).error).toBeLessThan(1);

    const picture = pictureOf(96, 64);
    const bytes = encodeJpeg(picture, 90);
    const viaJpegJs = jpeg.decode(bytes, { useTArray: true });
    const viaSharp = await sharp(bytes).raw().toBuffer();
    let difference = 0;
    for (let i = 0; i < 96 * 64; i++) {
      for (let c = 0; c < 3; c++)
        difference += Math.abs((viaJpegJs.data[i * 4 + c] ?? 0) - (viaSharp[i * 3 + c] ?? 0));
    }
    expect(difference / (96 * 64 * 3)).toBeLessThan(1);
  });

  it.each([
    [1, 1],
    [17, 9],
    [9, 17],
    [8, 8],
    [1023, 769],
    [3840, 2160],
  ])('encodes %ix%i at its exact size, close to the pixels at compression 100', async (width, height) => {
    for (const image of [pictureOf(width, height), testCard(width, height)]) {
      const decoded = await decodeError(encodeJpeg(image, 100), image);
      expect([decoded.width, decoded.height]).toEqual([width, height]);
      expect(decoded.error).toBeLessThan(1);
    }
  });

  it('stays within bounds as compression falls, and makes smaller files', async () => {
    const picture = pictureOf(512, 384);
    const card = testCard(257, 131);
    const bounds: [number, number, number][] = [
      // compression, most error for the picture, most for the test card (an eighth of it noise)
      [100, 1, 1],
      [90, 4, 4],
      [75, 7, 8],
      [50, 9, 14],
      [20, 12, 24],
      [1, 25, 40],
    ];
    const sizes: number[][] = [];
    for (const [compression, pictureBound, cardBound] of bounds) {
      const pictureBytes = encodeJpeg(picture, compression);
      const cardBytes = encodeJpeg(card, compression);
      expect((await decodeError(pictureBytes, picture)).error).toBeLessThan(pictureBound);
      expect((await decodeError(cardBytes, card)).error).toBeLessThan(cardBound);
      sizes.push([pictureBytes.length, cardBytes.length]);
    }
    for (let i = 1; i < sizes.length; i++) {
      expect(sizes[i]?.[0]).toBeLessThan(sizes[i - 1]?.[0] ?? 0);
      expect(sizes[i]?.[1]).toBeLessThan(sizes[i - 1]?.[1] ?? 0);
    }
    expect(encodeJpeg(picture, 0)).toEqual(encodeJpeg(picture, 1));
  });

  it('is a pure function of the pixels and compression: same bytes again, other bytes for another prompt', () => {
    for (const compression of [100, 75, 1]) {
      const params = { ...PARAMS, outputFormat: 'jpeg', compression } as const;
      const bytes = renderImage(params);
      expect(renderImage({ ...params }).equals(bytes)).toBe(true);
      expect(encodeJpeg(pictureOf(512, 512), compression).equals(bytes)).toBe(true);
      expect(renderImage({ ...params, prompt: 'a red fox' }).equals(bytes)).toBe(false);
    }
  });

  it('rejects sizes JPEG cannot hold and pixel arrays of the wrong length', () => {
    const pixels = new Uint32Array(4);
    expect(() => encodeJpeg({ width: 2, height: 3, pixels }, 100)).toThrow(RangeError);
    expect(() => encodeJpeg({ width: 0, height: 0, pixels: new Uint32Array(0) }, 100)).toThrow(RangeError);
    expect(() => encodeJpeg({ width: 65536, height: 1, pixels: new Uint32Array(65536) }, 100)).toThrow(
      RangeError,
    );
  });
});
