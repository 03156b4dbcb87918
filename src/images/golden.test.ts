import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import zlib from 'node:zlib';
import { decode } from 'fast-png';
import { PNG } from 'pngjs';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { renderImage, type RenderParams } from './render-image.js';

interface GoldenImage {
  params: RenderParams;
  sha256: string;
}

const GOLDEN = JSON.parse(
  readFileSync(new URL('../../fixtures/golden-images.json', import.meta.url), 'utf8'),
) as GoldenImage[];

const isPng = ({ params }: GoldenImage): boolean => (params.outputFormat ?? 'png') === 'png';

describe('golden images', () => {
  it('covers every size, both styles, both qualities, a Unicode prompt and every output option', () => {
    const sizes = new Set(GOLDEN.map(({ params }) => `${params.width}x${params.height}`));
    for (const size of [
      '256x256',
      '512x512',
      '1024x1024',
      '1792x1024',
      '1024x1792',
      '1536x1024',
      '1024x1536',
    ])
      expect(sizes).toContain(size);
    expect(new Set(GOLDEN.map(({ params }) => params.style))).toEqual(new Set(['vivid', 'natural']));
    expect(GOLDEN.some(({ params }) => params.quality === 'hd')).toBe(true);
    expect(GOLDEN.some(({ params }) => params.quality === 'standard')).toBe(true);
    expect(GOLDEN.some(({ params }) => /[^\x20-\x7e]/.test(params.prompt))).toBe(true);
    const options = GOLDEN.map(({ params }) => describeOptions(params));
    for (const option of ['jpeg 80', 'webp', 'png transparent', 'webp transparent', 'png partial 1/3'])
      expect(options).toContain(option);
  });

  it.each(GOLDEN.map((golden) => [describeCase(golden.params), golden] as const))(
    'renders %s unchanged',
    (_, golden) => {
      const actual = createHash('sha256').update(renderImage(golden.params)).digest('hex');
      expect(
        actual,
        'renderImage output changed: every user of the mock sees different images. If intended, look at the new ' +
          'images, then put the received hash into fixtures/golden-images.json (or regenerate the whole file with ' +
          'a scratch script that maps each params entry to sha256(renderImage(params))).',
      ).toBe(golden.sha256);
    },
  );

  it.each(GOLDEN.filter(isPng).map((golden) => [describeCase(golden.params), golden.params] as const))(
    'decodes %s with pngjs and fast-png alike, and its IDAT stream inflates with a valid Adler-32',
    (_, params) => {
      const png = renderImage(params);
      const { width, height } = params;
      const channels = params.background === 'transparent' ? 4 : 3;
      const viaPngjs = PNG.sync.read(png);
      const viaFastPng = decode(png);
      expect([viaPngjs.width, viaPngjs.height, viaFastPng.width, viaFastPng.height]).toEqual([
        width,
        height,
        width,
        height,
      ]);
      expect(viaFastPng.channels).toBe(channels);
      const pixels = Buffer.from(viaFastPng.data.buffer, viaFastPng.data.byteOffset, viaFastPng.data.length);
      for (let i = 0; i < width * height; i += 997) {
        expect(viaPngjs.data.subarray(i * 4, i * 4 + channels)).toEqual(
          pixels.subarray(i * channels, i * channels + channels),
        );
      }
      // inflateSync verifies the Adler-32 trailer and throws on a mismatch.
      expect(zlib.inflateSync(readIdat(png)).length).toBe((width * channels + 1) * height);
    },
  );

  it.each(
    GOLDEN.filter((golden) => !isPng(golden)).map(
      (golden) => [describeCase(golden.params), golden.params] as const,
    ),
  )('decodes %s with libvips at its size', async (_, params) => {
    const { data, info } = await sharp(renderImage(params)).raw().toBuffer({ resolveWithObject: true });
    expect([info.width, info.height, data.length]).toEqual([
      params.width,
      params.height,
      params.width * params.height * info.channels,
    ]);
  });
});

/** The IDAT chunks' data, joined. */
function readIdat(png: Buffer): Buffer {
  const parts: Buffer[] = [];
  for (let at = 8; at < png.length;) {
    const length = png.readUInt32BE(at);
    if (png.toString('latin1', at + 4, at + 8) === 'IDAT') parts.push(png.subarray(at + 8, at + 8 + length));
    at += length + 12;
  }
  return Buffer.concat(parts);
}

/** The output options of a case, e.g. `webp transparent` or `png partial 1/3`; `png` without any. */
function describeOptions(params: RenderParams): string {
  const { outputFormat = 'png', compression, background, partial } = params;
  return [
    outputFormat,
    compression === undefined ? '' : String(compression),
    background === 'transparent' ? background : '',
    partial === undefined ? '' : `partial ${partial.index}/${partial.count}`,
  ]
    .filter((part) => part !== '')
    .join(' ');
}

function describeCase(params: RenderParams): string {
  const prompt = params.prompt.length > 24 ? `${params.prompt.slice(0, 24)}...` : params.prompt;
  const options = describeOptions(params);
  return `${params.width}x${params.height} ${params.quality} ${params.style} #${params.index} "${prompt}"${options === 'png' ? '' : ` ${options}`}`;
}
