import zlib from 'node:zlib';
import { decode } from 'fast-png';
import { PNG } from 'pngjs';
import { describe, expect, it } from 'vitest';
import { renderPng, type ImageParams } from './render-png.js';

const BASE: ImageParams = {
  model: 'dall-e-3',
  prompt: 'A lighthouse on a cliff at sunset',
  width: 256,
  height: 256,
  quality: 'standard',
  style: 'vivid',
  index: 0,
};

interface Chunk {
  type: string;
  data: Buffer;
  crcValid: boolean;
}

/** Splits a PNG into chunks, checking each CRC independently of the encoder. */
function readChunks(png: Buffer): Chunk[] {
  expect(png.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
  const chunks: Chunk[] = [];
  for (let at = 8; at < png.length;) {
    const length = png.readUInt32BE(at);
    const typeAndData = png.subarray(at + 4, at + 8 + length);
    chunks.push({
      type: typeAndData.subarray(0, 4).toString('latin1'),
      data: typeAndData.subarray(4),
      crcValid: zlib.crc32(typeAndData) === png.readUInt32BE(at + 8 + length),
    });
    at += length + 12;
  }
  return chunks;
}

function readText(png: Buffer): Map<string, string> {
  const entries = readChunks(png)
    .filter((chunk) => chunk.type === 'tEXt')
    .map((chunk) => {
      const nul = chunk.data.indexOf(0);
      return [
        chunk.data.subarray(0, nul).toString('latin1'),
        chunk.data.subarray(nul + 1).toString('latin1'),
      ] as const;
    });
  return new Map(entries);
}

describe('renderPng output format', () => {
  const sizes = [
    [256, 256],
    [512, 512],
    [1024, 1024],
    [1792, 1024],
    [1024, 1792],
    [336, 208],
  ] as const;

  it.each(sizes)('decodes as %ix%i 8-bit RGB with pngjs and fast-png, same pixels', (width, height) => {
    const png = renderPng({ ...BASE, width, height, quality: 'hd' });
    const viaPngjs = PNG.sync.read(png);
    const viaFastPng = decode(png);
    expect([viaPngjs.width, viaPngjs.height, viaPngjs.colorType, viaPngjs.depth]).toEqual([
      width,
      height,
      2,
      8,
    ]);
    expect(viaPngjs.interlace).toBe(false);
    expect([viaFastPng.width, viaFastPng.height, viaFastPng.depth, viaFastPng.channels]).toEqual([
      width,
      height,
      8,
      3,
    ]);
    const rgbFromPngjs = Buffer.alloc(width * height * 3);
    for (let i = 0; i < width * height; i++) viaPngjs.data.copy(rgbFromPngjs, i * 3, i * 4, i * 4 + 3);
    expect(
      rgbFromPngjs.equals(
        Buffer.from(viaFastPng.data.buffer, viaFastPng.data.byteOffset, viaFastPng.data.length),
      ),
    ).toBe(true);
  });

  it('has IHDR first, tEXt before IDAT, IEND last, and a valid CRC on every chunk', () => {
    const chunks = readChunks(renderPng({ ...BASE, width: 1792, height: 1024 }));
    expect(chunks.map((chunk) => chunk.type)).toEqual([
      'IHDR',
      'tEXt',
      'tEXt',
      ...chunks.slice(3, -1).map(() => 'IDAT'),
      'IEND',
    ]);
    expect(chunks.length).toBeGreaterThanOrEqual(5);
    expect(chunks.filter((chunk) => !chunk.crcValid).map((chunk) => chunk.type)).toEqual([]);
    const ihdr = chunks[0]?.data ?? Buffer.alloc(0);
    expect([ihdr.readUInt32BE(0), ihdr.readUInt32BE(4), ...ihdr.subarray(8)]).toEqual([
      1792, 1024, 8, 2, 0, 0, 0,
    ]);
  });

  it('is byte-identical for the same params', () => {
    expect(renderPng({ ...BASE }).equals(renderPng({ ...BASE }))).toBe(true);
  });

  it('stores Software and the params as escaped, reversible JSON in tEXt chunks', () => {
    const prompt = 'Café «naïve» 日本語 🦊 emoji, "quotes" \\ and a\nnewline';
    const params = { ...BASE, prompt, quality: 'hd', style: 'natural', index: 3 };
    const png = renderPng(params);
    const text = readText(png);
    expect(text.get('Software')).toBe('imagegen-mock');
    const description = text.get('Description') ?? '';
    expect(/^[\x20-\x7e]*$/.test(description)).toBe(true);
    expect(JSON.parse(description)).toEqual({
      model: 'dall-e-3',
      prompt,
      size: '256x256',
      quality: 'hd',
      style: 'natural',
      index: 3,
    });
    expect(Object.keys(JSON.parse(description) as object)).toEqual([
      'model',
      'prompt',
      'size',
      'quality',
      'style',
      'index',
    ]);
    expect(decode(png).text.Description).toBe(description);
  });

  it('renders a single-space prompt and a 4000-character prompt', () => {
    for (const prompt of [' ', 'a very long prompt '.repeat(211).slice(0, 4000)]) {
      const png = renderPng({ ...BASE, prompt });
      expect(PNG.sync.read(png).width).toBe(256);
      expect(JSON.parse(readText(png).get('Description') ?? '')).toMatchObject({ prompt });
    }
  });

  it('renders tiny and large sizes', () => {
    for (const [width, height] of [
      [1, 1],
      [16, 16],
      [3840, 2160],
    ] as const) {
      const decoded = decode(renderPng({ ...BASE, width, height }));
      expect([decoded.width, decoded.height]).toEqual([width, height]);
    }
  });

  it('rejects sizes that are not positive integers within bounds', () => {
    for (const [width, height] of [
      [0, 256],
      [256, 10.5],
      [Number.NaN, 256],
      [256, 9000],
    ] as const) {
      expect(() => renderPng({ ...BASE, width, height })).toThrow(RangeError);
    }
  });
});
