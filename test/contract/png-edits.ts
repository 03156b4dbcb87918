import jpeg from 'jpeg-js';
import { PNG } from 'pngjs';

/**
 * Edits of a PNG a provider might ship instead of the image it was asked for. Each takes the conformant
 * image and returns new bytes; `seq` is a per-provider counter, so "different each time" needs no clock and
 * no randomness. pngjs decodes to RGBA and re-encodes, independently of the mock's own encoder.
 */

interface Pixels {
  width: number;
  height: number;
  /** RGBA, 4 bytes a pixel. */
  data: Buffer;
}

function decode(png: Buffer): Pixels {
  const { width, height, data } = PNG.sync.read(png);
  return { width, height, data };
}

function encode(pixels: Pixels, colorType: 2 | 6): Buffer {
  const png = new PNG({ width: pixels.width, height: pixels.height });
  pixels.data.copy(png.data);
  return PNG.sync.write(png, { colorType });
}

/** A valid RGB PNG twice as wide and tall (nearest neighbour): a provider that ignores `size`. */
export function doubleSize(png: Buffer): Buffer {
  const source = decode(png);
  const width = source.width * 2;
  const height = source.height * 2;
  const data = Buffer.alloc(width * height * 4);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const from = ((y >> 1) * source.width + (x >> 1)) * 4;
      source.data.copy(data, (y * width + x) * 4, from, from + 4);
    }
  }
  return encode({ width, height, data }, 2);
}

/** The same picture as a baseline JPEG: what some hosts send whatever format was asked. */
export function toJpeg(png: Buffer): Buffer {
  return jpeg.encode(decode(png), 85).data;
}

/** One bit of the first IDAT chunk's CRC flipped: the bytes look like a PNG but fail integrity checks. */
export function corruptIdatCrc(png: Buffer): Buffer {
  const bytes = Buffer.from(png);
  let offset = 8;
  while (offset + 12 <= bytes.length) {
    const length = bytes.readUInt32BE(offset);
    const crcOffset = offset + 8 + length;
    if (bytes.toString('latin1', offset + 4, offset + 8) === 'IDAT') {
      bytes.writeUInt32BE((bytes.readUInt32BE(crcOffset) ^ 1) >>> 0, crcOffset);
      return bytes;
    }
    offset = crcOffset + 4;
  }
  throw new Error('no IDAT chunk to corrupt');
}

/** The first two thirds of the file: a response cut short by a proxy's size limit. */
export function truncate(png: Buffer): Buffer {
  return png.subarray(0, Math.floor((png.length * 2) / 3));
}

/** The same pixels as an RGBA PNG (colour type 6), fully opaque: conformant, as transparent gpt-image output is. */
export function toRgba(png: Buffer): Buffer {
  return encode(decode(png), 6);
}

/** A few pixels changed by the counter: valid, right-sized, but never the same bytes twice. */
export function addPixelNoise(png: Buffer, seq: number): Buffer {
  const pixels = decode(png);
  const count = pixels.width * pixels.height;
  for (let k = 0; k < 8; k++) {
    const at = ((seq * 8 + k) * 7919) % count;
    pixels.data[at * 4] = (seq * 37 + k) & 0xff;
  }
  return encode(pixels, 2);
}

/**
 * What a real model's edit looks like beside the mock's: every colour moved 12 levels towards grey, a
 * little per-pixel noise from the counter, written again as RGBA. Right size, same picture, other pixels.
 */
export function repaint(png: Buffer, seq: number): Buffer {
  const pixels = decode(png);
  for (let at = 0; at < pixels.data.length; at += 4) {
    for (let channel = 0; channel < 3; channel++) {
      const value = pixels.data[at + channel] ?? 0;
      const noise = ((at * 31 + channel * 7 + seq * 13) % 13) - 6;
      const towardsGrey = value > 128 ? -12 : value < 128 ? 12 : 0;
      pixels.data[at + channel] = Math.max(0, Math.min(255, value + towardsGrey + noise));
    }
  }
  return encode(pixels, 6);
}

/** A valid 256x256 grey RGBA PNG, half transparent: what a lenient host draws from when the upload is no image. */
export function greyCanvas(): Buffer {
  const png = new PNG({ width: 256, height: 256 });
  for (let at = 0; at < png.data.length; at += 4)
    png.data.set([128, 128, 128, at < png.data.length / 2 ? 0 : 255], at);
  return PNG.sync.write(png, { colorType: 6 });
}
