/** Decoded pixels: 8-bit RGBA, row-major, no padding (data.length === width * height * 4). */
export interface Raster {
  width: number;
  height: number;
  data: Uint8Array;
}

/** Throws a RangeError naming `name` unless `raster` is a well-formed RGBA raster of at least 1x1. */
export function assertRaster(raster: Raster | undefined, name: string): asserts raster is Raster {
  if (typeof raster !== 'object' || raster === null) {
    throw new RangeError(`The ${name} must be a raster of RGBA pixels`);
  }
  const { width, height, data } = raster;
  for (const [side, value] of [
    ['width', width],
    ['height', height],
  ] as const) {
    if (!Number.isInteger(value) || value < 1) {
      throw new RangeError(`The ${name}'s ${side} must be a positive integer, got ${value}`);
    }
  }
  if (!(data instanceof Uint8Array) || data.length !== width * height * 4) {
    const length = data instanceof Uint8Array ? `${data.length} bytes` : 'no byte array';
    throw new RangeError(
      `The ${name} is ${width}x${height}, so it needs ${width * height * 4} RGBA bytes, got ${length}`,
    );
  }
}

/** Whether any pixel of the raster is less than fully opaque. */
export function hasTransparency(raster: Raster): boolean {
  const { data } = raster;
  for (let i = 3; i < data.length; i += 4) if (data[i] !== 255) return true;
  return false;
}
