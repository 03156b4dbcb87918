import { describe, expect, it } from 'vitest';
import { writeJpegHeaders } from './headers.js';
import {
  CHROMA_AC_SPEC,
  CHROMA_QUANT_BASE,
  LUMA_DC_SPEC,
  LUMA_QUANT_BASE,
  scaleQuantTable,
} from './tables.js';

/** The marker segments after SOI: marker and payload (without the length). */
function readSegments(bytes: Uint8Array): { marker: number; payload: number[] }[] {
  expect([bytes[0], bytes[1]]).toEqual([0xff, 0xd8]);
  const segments: { marker: number; payload: number[] }[] = [];
  for (let at = 2; at < bytes.length;) {
    expect(bytes[at]).toBe(0xff);
    const length = ((bytes[at + 2] ?? 0) << 8) | (bytes[at + 3] ?? 0);
    segments.push({ marker: bytes[at + 1] ?? 0, payload: [...bytes.subarray(at + 4, at + 2 + length)] });
    at += 2 + length;
  }
  return segments;
}

describe('writeJpegHeaders', () => {
  const frame = {
    width: 1023,
    height: 769,
    lumaQuant: LUMA_QUANT_BASE,
    chromaQuant: scaleQuantTable(CHROMA_QUANT_BASE, 90),
  };
  const segments = readSegments(writeJpegHeaders(frame));

  it('writes APP0, DQT, SOF0, DHT and SOS, in that order and nothing else', () => {
    expect(segments.map(({ marker }) => marker.toString(16))).toEqual(['e0', 'db', 'c0', 'c4', 'da']);
    expect(segments[0]?.payload).toEqual([0x4a, 0x46, 0x49, 0x46, 0, 1, 1, 0, 0, 1, 0, 1, 0, 0]);
  });

  it('writes both quantisation tables in zigzag order', () => {
    const dqt = segments[1]?.payload ?? [];
    expect(dqt).toHaveLength(2 * 65);
    expect(dqt.slice(0, 7)).toEqual([0, 16, 11, 12, 14, 12, 10]);
    expect(dqt[65]).toBe(1);
    expect(dqt.slice(66, 69)).toEqual([3, 4, 4]); // 17, 18, 18 scaled by 20%, rounded
  });

  it('declares an 8-bit 4:4:4 YCbCr frame of the size, big-endian', () => {
    expect(segments[2]?.payload).toEqual([8, 3, 1, 3, 255, 3, 1, 0x11, 0, 2, 0x11, 1, 3, 0x11, 1]);
  });

  it('writes the four Annex K Huffman tables and one scan of the three components', () => {
    const dht = segments[3]?.payload ?? [];
    expect(dht.slice(0, 17)).toEqual([0x00, ...LUMA_DC_SPEC.counts]);
    expect(dht.slice(-CHROMA_AC_SPEC.symbols.length - 17)).toEqual([
      0x11,
      ...CHROMA_AC_SPEC.counts,
      ...CHROMA_AC_SPEC.symbols,
    ]);
    expect(dht).toHaveLength(4 * 17 + 12 + 162 + 12 + 162);
    expect(segments[4]?.payload).toEqual([3, 1, 0x00, 2, 0x11, 3, 0x11, 0, 63, 0]);
  });
});
