import {
  CHROMA_AC_SPEC,
  CHROMA_DC_SPEC,
  LUMA_AC_SPEC,
  LUMA_DC_SPEC,
  ZIGZAG_TO_NATURAL,
  type HuffmanSpec,
} from './tables.js';

export interface JpegFrame {
  readonly width: number;
  readonly height: number;
  /** Row-major quantisation tables, entries 1-255. */
  readonly lumaQuant: readonly number[];
  readonly chromaQuant: readonly number[];
}

const SOI = 0xd8;
const APP0 = 0xe0;
const DQT = 0xdb;
const SOF0 = 0xc0;
const DHT = 0xc4;
const SOS = 0xda;

/** The end-of-image marker. */
export const JPEG_END = Uint8Array.of(0xff, 0xd9);

/**
 * Everything before the entropy-coded data of a baseline JFIF file with one interleaved scan of
 * Y, Cb and Cr, all at full resolution (4:4:4): SOI, APP0 (JFIF 1.01, square pixels, no
 * thumbnail), both quantisation tables, SOF0, the four Annex K Huffman tables and SOS. Nothing
 * varies but the size and the quantisation tables.
 */
export function writeJpegHeaders(frame: JpegFrame): Uint8Array {
  const { width, height } = frame;
  return Uint8Array.from([
    0xff,
    SOI,
    ...segment(APP0, [0x4a, 0x46, 0x49, 0x46, 0, 1, 1, 0, 0, 1, 0, 1, 0, 0]),
    ...segment(DQT, [0, ...toZigzag(frame.lumaQuant), 1, ...toZigzag(frame.chromaQuant)]),
    ...segment(SOF0, [
      8,
      height >> 8,
      height & 255,
      width >> 8,
      width & 255,
      3,
      1,
      0x11,
      0,
      2,
      0x11,
      1,
      3,
      0x11,
      1,
    ]),
    ...segment(DHT, [
      ...huffmanTable(0x00, LUMA_DC_SPEC),
      ...huffmanTable(0x10, LUMA_AC_SPEC),
      ...huffmanTable(0x01, CHROMA_DC_SPEC),
      ...huffmanTable(0x11, CHROMA_AC_SPEC),
    ]),
    ...segment(SOS, [3, 1, 0x00, 2, 0x11, 3, 0x11, 0, 63, 0]),
  ]);
}

/** A marker segment: 0xFF, the marker, the big-endian length (counting itself), the payload. */
function segment(marker: number, payload: readonly number[]): number[] {
  const length = payload.length + 2;
  return [0xff, marker, length >> 8, length & 255, ...payload];
}

function toZigzag(table: readonly number[]): number[] {
  return ZIGZAG_TO_NATURAL.map((natural) => table[natural] ?? 1);
}

/** One table of a DHT segment: class (0 DC, 1 AC) << 4 | id, the 16 counts, the symbols. */
function huffmanTable(classAndId: number, spec: HuffmanSpec): number[] {
  return [classAndId, ...spec.counts, ...spec.symbols];
}
