import jpeg from 'jpeg-js';
import { describe, expect, it } from 'vitest';
import { encodeJpeg, toJpegQuality } from './encode-jpeg.js';

describe('encodeJpeg', () => {
  it('uses compression as the quality, 0 raised to 1', () => {
    expect([100, 75, 50, 1, 0].map(toJpegQuality)).toEqual([100, 75, 50, 1, 1]);
  });

  it('writes a baseline JFIF JPEG of the pixels, ignoring alpha', () => {
    const pixels = Uint32Array.from({ length: 24 * 10 }, (_, i) => (i % 24 < 12 ? 0xff2060a0 : 0x00e0c040));
    const image = encodeJpeg({ width: 24, height: 10, pixels }, 100);
    expect([...image.subarray(0, 4)]).toEqual([0xff, 0xd8, 0xff, 0xe0]);
    expect(image.toString('latin1', 6, 11)).toBe('JFIF\0');
    expect(image.indexOf(Buffer.from([0xff, 0xc0]))).toBeGreaterThan(0); // SOF0: baseline
    expect(image.indexOf(Buffer.from([0xff, 0xc2]))).toBe(-1); // no progressive frame
    const decoded = jpeg.decode(image, { useTArray: true });
    expect([decoded.width, decoded.height]).toEqual([24, 10]);
    const left = [...decoded.data.subarray(0, 3)];
    const right = [...decoded.data.subarray(20 * 4, 20 * 4 + 3)];
    left.forEach((value, channel) =>
      expect(Math.abs(value - ([0x20, 0x60, 0xa0][channel] ?? 0))).toBeLessThanOrEqual(3),
    );
    right.forEach((value, channel) =>
      expect(Math.abs(value - ([0xe0, 0xc0, 0x40][channel] ?? 0))).toBeLessThanOrEqual(3),
    );
  });
});
