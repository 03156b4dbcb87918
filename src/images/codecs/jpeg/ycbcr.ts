/*
 * Y, Cb and Cr of an 0xAARRGGBB pixel (alpha ignored): ITU-R BT.601 as JFIF uses it, in 16-bit
 * fixed point like IJG jccolor.c. Integer arithmetic, so exact on every platform. The results are
 * level-shifted (minus 128) for the DCT: for Cb and Cr, the +128 offset and the -128 shift cancel,
 * as >> rounds toward minus infinity.
 */

/** Luma, rounded to the nearest integer, minus 128: -128 to 127. */
export function toLuma(argb: number): number {
  return (
    ((19595 * ((argb >> 16) & 255) + 38470 * ((argb >> 8) & 255) + 7471 * (argb & 255) + 32768) >> 16) - 128
  );
}

/** Blue-difference chroma, rounded to the nearest integer (halves down), minus 128: -128 to 127. */
export function toCb(argb: number): number {
  return (-11059 * ((argb >> 16) & 255) - 21709 * ((argb >> 8) & 255) + 32768 * (argb & 255) + 32767) >> 16;
}

/** Red-difference chroma, rounded like Cb, minus 128: -128 to 127. */
export function toCr(argb: number): number {
  return (32768 * ((argb >> 16) & 255) - 27439 * ((argb >> 8) & 255) - 5329 * (argb & 255) + 32767) >> 16;
}
