import { PNG } from 'pngjs';

/**
 * The files the suite uploads to the edits and variations endpoints, drawn here, the same bytes every run:
 * a 256x256 RGBA PNG of a 4x4 grid of coloured squares, dark and light in turn like a chessboard, with no
 * white and no red in it (the edit prompt asks for a red circle), so that the input is easy to tell apart
 * from a plain generation for the prompt; a mask of the same size whose centre square is fully transparent;
 * and the same pattern with that centre erased, which dall-e-2 needs when no mask is sent (the real API
 * edits only where the image itself is transparent).
 */

/** Width and height of every uploaded image: square, small and legal for every model that edits. */
export const INPUT_SIZE = 256;

/** The part of the picture the mask opens for editing, in fractions of width and height: the centre quarter. */
export const MASK_REGION = { x0: 0.25, y0: 0.25, x1: 0.75, y1: 0.75 } as const;

/** The prompt of every edit: it describes the input as it is, plus a change where the mask is open. */
export const EDIT_PROMPT = 'The same grid of coloured squares, with a red circle in the middle';

/** What an uploaded text file holds: a file that is no image at all. */
export const NOT_AN_IMAGE_TEXT =
  'This is a text file, not an image. The contract suite sends it where an image belongs, and expects 4xx.\n';

const GRID = 4;
/** Dark and light colours taken in turn, so that brightness alternates like a chessboard. */
const DARK: readonly (readonly [number, number, number])[] = [
  [24, 40, 120],
  [20, 100, 60],
  [90, 30, 110],
  [110, 60, 20],
];
const LIGHT: readonly (readonly [number, number, number])[] = [
  [240, 210, 40],
  [80, 220, 230],
  [250, 150, 50],
  [170, 230, 120],
];

export interface InputImages {
  /** The opaque pattern. */
  pattern: Buffer;
  /** The pattern with the mask region fully transparent. */
  erased: Buffer;
  /** Opaque white, with the mask region fully transparent. */
  mask: Buffer;
  /** A mask of half the size, which no edit may accept. */
  smallMask: Buffer;
}

let cached: InputImages | undefined;

/** The upload files, drawn once. */
export function inputImages(): InputImages {
  cached ??= {
    pattern: encode(draw(INPUT_SIZE, false, patternPixel)),
    erased: encode(draw(INPUT_SIZE, true, patternPixel)),
    mask: encode(draw(INPUT_SIZE, true, () => [255, 255, 255])),
    smallMask: encode(draw(INPUT_SIZE / 2, true, () => [255, 255, 255])),
  };
  return cached;
}

/** The colour of the pattern at a point, from fractions of width and height. */
function patternPixel(u: number, v: number): readonly [number, number, number] {
  const column = Math.min(GRID - 1, Math.floor(u * GRID));
  const row = Math.min(GRID - 1, Math.floor(v * GRID));
  const palette = (row + column) % 2 === 0 ? DARK : LIGHT;
  return palette[(row * 3 + column) % palette.length] ?? [0, 0, 0];
}

function draw(
  size: number,
  erase: boolean,
  colour: (u: number, v: number) => readonly [number, number, number],
): PNG {
  const png = new PNG({ width: size, height: size });
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const u = (x + 0.5) / size;
      const v = (y + 0.5) / size;
      const open =
        erase && u >= MASK_REGION.x0 && u < MASK_REGION.x1 && v >= MASK_REGION.y0 && v < MASK_REGION.y1;
      const [r, g, b] = open ? [0, 0, 0] : colour(u, v);
      png.data.set([r, g, b, open ? 0 : 255], (y * size + x) * 4);
    }
  }
  return png;
}

function encode(png: PNG): Buffer {
  return PNG.sync.write(png, { colorType: 6 });
}
