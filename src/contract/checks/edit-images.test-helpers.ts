/**
 * Pictures for the edit checks' unit tests, made from the suite's own input pattern with pngjs: what a
 * faithful edit, a repaint, a plain generation or an edit that ignores its mask would answer.
 */
import { PNG } from 'pngjs';

type Rgb = readonly [number, number, number];
type Region = { x0: number; y0: number; x1: number; y1: number };

/** A picture of `size` drawn pixel by pixel from fractions of width and height. */
export function drawn(
  size: number,
  colour: (u: number, v: number) => readonly [number, number, number, number?],
): Buffer {
  const png = new PNG({ width: size, height: size });
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const [r, g, b, a = 255] = colour((x + 0.5) / size, (y + 0.5) / size);
      png.data.set([r, g, b, a], (y * size + x) * 4);
    }
  }
  return PNG.sync.write(png);
}

/**
 * `png` redrawn at `size` (nearest neighbour), its colours moved `shift` levels towards grey, and `region`
 * filled with `fill` when given: an edit as a model might answer it.
 */
export function repainted(
  png: Buffer,
  size: number,
  { shift = 0, region, fill = [220, 20, 20] }: { shift?: number; region?: Region; fill?: Rgb } = {},
): Buffer {
  const source = PNG.sync.read(png);
  return drawn(size, (u, v) => {
    if (region && u >= region.x0 && u < region.x1 && v >= region.y0 && v < region.y1) return fill;
    const x = Math.floor(u * source.width);
    const y = Math.floor(v * source.height);
    const at = (y * source.width + x) * 4;
    const alpha = (source.data[at + 3] ?? 255) / 255;
    const channel = (offset: number): number => {
      const value = (source.data[at + offset] ?? 0) * alpha + 255 * (1 - alpha);
      return Math.round(value + Math.sign(128 - value) * Math.min(shift, Math.abs(128 - value)));
    };
    return [channel(0), channel(1), channel(2)];
  });
}

/** A red circle on white, as a plain generation for the contract prompt is drawn. */
export function plainCircle(size: number): Buffer {
  return drawn(size, (u, v) => ((u - 0.5) ** 2 + (v - 0.5) ** 2 < 0.1 ? [220, 20, 20] : [255, 255, 255]));
}

/** `png` at `size`, rolled down by `fraction` of its height: the same colours, every one in another place. */
export function rolled(png: Buffer, size: number, fraction: number): Buffer {
  const source = PNG.sync.read(png);
  return drawn(size, (u, v) => {
    const x = Math.floor(u * source.width);
    const y = Math.floor(((v + fraction) % 1) * source.height);
    const at = (y * source.width + x) * 4;
    return [source.data[at] ?? 0, source.data[at + 1] ?? 0, source.data[at + 2] ?? 0];
  });
}

/** `png` at `size` as vertical stripes, each column the colour of the top of `png`: its palette, another layout. */
export function striped(png: Buffer, size: number): Buffer {
  const source = PNG.sync.read(png);
  return drawn(size, (u) => {
    const at = Math.floor(u * source.width) * 4;
    return [source.data[at] ?? 0, source.data[at + 1] ?? 0, source.data[at + 2] ?? 0];
  });
}
