import zlib from 'node:zlib';
import { decode } from 'fast-png';
import { PNG } from 'pngjs';
import { describe, expect, it } from 'vitest';
import { createPrng } from '../../scene/prng.js';
import { encodePng } from './encode-png.js';

describe('encodePng', () => {
  it('encodes unfiltered (type 0) rows exactly', () => {
    const width = 3;
    const rows = Buffer.from([0, 255, 0, 0, 0, 255, 0, 0, 0, 255, 0, 10, 20, 30, 40, 50, 60, 70, 80, 90]);
    const png = encodePng({ width, height: 2, idat: zlib.deflateSync(rows), text: [] });
    expect(Array.from(PNG.sync.read(png).data)).toEqual([
      255, 0, 0, 255, 0, 255, 0, 255, 0, 0, 255, 255, 10, 20, 30, 255, 40, 50, 60, 255, 70, 80, 90, 255,
    ]);
  });

  it('splits large compressed data over several IDAT chunks that decode as one stream', () => {
    const rng = createPrng('noise');
    const width = 800;
    const height = 600;
    const rows = Buffer.alloc((width * 3 + 1) * height);
    for (let i = 0; i < rows.length; i++) rows[i] = i % (width * 3 + 1) === 0 ? 0 : rng.nextInt(0, 255);
    const idat = zlib.deflateSync(rows, { level: 0 });
    const png = encodePng({ width, height, idat, text: [{ keyword: 'Comment', text: 'noise' }] });
    expect(png.toString('latin1').split('IDAT').length - 1).toBeGreaterThan(1);
    const decoded = decode(png);
    expect([decoded.width, decoded.height, decoded.text.Comment]).toEqual([width, height, 'noise']);
    expect(decoded.data[3]).toBe(rows[4]);
  });
});
