import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import zlib from 'node:zlib';
import { decode } from 'fast-png';
import { PNG } from 'pngjs';
import { describe, expect, it } from 'vitest';
import { renderPng, type ImageParams } from './render-png.js';

interface GoldenImage {
  params: ImageParams;
  sha256: string;
}

const GOLDEN = JSON.parse(
  readFileSync(new URL('../../fixtures/golden-images.json', import.meta.url), 'utf8'),
) as GoldenImage[];

describe('golden images', () => {
  it('covers every size, both styles, both qualities and a Unicode prompt', () => {
    const sizes = new Set(GOLDEN.map(({ params }) => `${params.width}x${params.height}`));
    for (const size of ['256x256', '512x512', '1024x1024', '1792x1024', '1024x1792'])
      expect(sizes).toContain(size);
    expect(new Set(GOLDEN.map(({ params }) => params.style))).toEqual(new Set(['vivid', 'natural']));
    expect(GOLDEN.some(({ params }) => params.quality === 'hd')).toBe(true);
    expect(GOLDEN.some(({ params }) => params.quality === 'standard')).toBe(true);
    expect(GOLDEN.some(({ params }) => /[^\x20-\x7e]/.test(params.prompt))).toBe(true);
  });

  it.each(GOLDEN.map((golden) => [describeCase(golden.params), golden] as const))(
    'renders %s unchanged',
    (_, golden) => {
      const actual = createHash('sha256').update(renderPng(golden.params)).digest('hex');
      expect(
        actual,
        'renderPng output changed: every user of the mock sees different images. If intended, look at the new ' +
          'PNGs, then put the received hash into fixtures/golden-images.json (or regenerate the whole file with a ' +
          'scratch script that maps each params entry to sha256(renderPng(params))).',
      ).toBe(golden.sha256);
    },
  );

  it.each(GOLDEN.map((golden) => [describeCase(golden.params), golden.params] as const))(
    'decodes %s with pngjs and fast-png alike, and its IDAT stream inflates with a valid Adler-32',
    (_, params) => {
      const png = renderPng(params);
      const { width, height } = params;
      const viaPngjs = PNG.sync.read(png);
      const viaFastPng = decode(png);
      expect([viaPngjs.width, viaPngjs.height, viaFastPng.width, viaFastPng.height]).toEqual([
        width,
        height,
        width,
        height,
      ]);
      const rgba = Buffer.from(viaFastPng.data.buffer, viaFastPng.data.byteOffset, viaFastPng.data.length);
      for (let i = 0; i < width * height; i += 997) {
        expect(viaPngjs.data.subarray(i * 4, i * 4 + 3)).toEqual(rgba.subarray(i * 3, i * 3 + 3));
      }
      // inflateSync verifies the Adler-32 trailer and throws on a mismatch.
      expect(zlib.inflateSync(readIdat(png)).length).toBe((width * 3 + 1) * height);
    },
  );
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

function describeCase(params: ImageParams): string {
  const prompt = params.prompt.length > 24 ? `${params.prompt.slice(0, 24)}...` : params.prompt;
  return `${params.width}x${params.height} ${params.quality} ${params.style} #${params.index} "${prompt}"`;
}
