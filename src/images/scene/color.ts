/** Colours are packed 0xRRGGBB integers. Only + - * / and rounding are used, so results are bit-exact everywhere. */

export function packRgb(r: number, g: number, b: number): number {
  return (clampByte(r) << 16) | (clampByte(g) << 8) | clampByte(b);
}

export function clampByte(value: number): number {
  return value <= 0 ? 0 : value >= 255 ? 255 : Math.round(value);
}

export function redOf(rgb: number): number {
  return (rgb >> 16) & 255;
}

export function greenOf(rgb: number): number {
  return (rgb >> 8) & 255;
}

export function blueOf(rgb: number): number {
  return rgb & 255;
}

/** Linear mix: t = 0 gives `from`, t = 1 gives `to`. */
export function mixRgb(from: number, to: number, t: number): number {
  return packRgb(
    redOf(from) + (redOf(to) - redOf(from)) * t,
    greenOf(from) + (greenOf(to) - greenOf(from)) * t,
    blueOf(from) + (blueOf(to) - blueOf(from)) * t,
  );
}

/** Hue in degrees (any value), saturation and lightness in [0, 1]. */
export function hslToRgb(hue: number, saturation: number, lightness: number): number {
  const h = (((hue % 360) + 360) % 360) / 60;
  const chroma = (1 - Math.abs(2 * lightness - 1)) * saturation;
  const x = chroma * (1 - Math.abs((h % 2) - 1));
  const m = lightness - chroma / 2;
  const sector = Math.floor(h);
  const [r, g, b] =
    sector === 0
      ? [chroma, x, 0]
      : sector === 1
        ? [x, chroma, 0]
        : sector === 2
          ? [0, chroma, x]
          : sector === 3
            ? [0, x, chroma]
            : sector === 4
              ? [x, 0, chroma]
              : [chroma, 0, x];
  return packRgb((r + m) * 255, (g + m) * 255, (b + m) * 255);
}
