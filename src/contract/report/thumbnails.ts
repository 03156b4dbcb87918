import type { ReturnedImage } from '../engine/types.js';

/** A picture ready to embed: a `data:` URL with its display size, or why there is none. */
export type Thumbnail =
  | {
      ok: true;
      dataUrl: string;
      /** The size to show it at (`width`/`height` attributes), within THUMBNAIL_EDGE. */
      width: number;
      height: number;
      /** `thumbnail`: a WebP scaled down by sharp; `original`: the provider's own bytes (sharp missing). */
      kind: 'thumbnail' | 'original';
    }
  | { ok: false; reason: string };

/** The longest edge of a thumbnail, px: sharp enough at the report's 240 CSS px on a 1.3x screen. */
export const THUMBNAIL_EDGE = 320;

/** Pictures embedded at most: a provider that ignores `n` and answers hundreds cannot make the page huge. */
export const MAX_THUMBNAILS = 48;

/** Pictures at most this big are decoded; a hostile answer cannot exhaust memory (gpt-image-2 4K is 8.3 MP). */
const MAX_INPUT_PIXELS = 40_000_000;

type SharpModule = typeof import('sharp');
type Sharp = SharpModule['default'];

export interface ThumbnailOptions {
  /** Loads sharp; replaced in tests to show what happens without it. */
  loadSharp?: () => Promise<Sharp>;
}

/**
 * A small WebP of each returned image (longest edge THUMBNAIL_EDGE, never enlarged; WebP keeps alpha), so
 * the HTML report of a real provider's 1024x1536 PNGs stays tens of kilobytes an image rather than megabytes,
 * and the embedded bytes are sharp's, never the provider's. Only bytes that are PNG, JPEG or WebP by their
 * signature are decoded (sharp would render an SVG too). One at a time, to keep a CI runner's CPU for the
 * rest. Should sharp not load on this platform, valid originals are embedded at the same display size.
 */
export async function makeThumbnails(
  images: readonly ReturnedImage[],
  options: ThumbnailOptions = {},
): Promise<Thumbnail[]> {
  const load = options.loadSharp ?? (async () => (await import('sharp')).default);
  let sharp: Sharp | undefined;
  let missing: string | undefined;
  const thumbnails: Thumbnail[] = [];
  for (const image of images) {
    const { bytes, format } = image;
    if (thumbnails.length >= MAX_THUMBNAILS) {
      thumbnails.push({
        ok: false,
        reason: `left out: the page embeds the first ${MAX_THUMBNAILS} pictures`,
      });
      continue;
    }
    if (bytes === undefined) {
      thumbnails.push({ ok: false, reason: image.problems[0] ?? 'no image bytes' });
      continue;
    }
    if (format === undefined) {
      thumbnails.push({ ok: false, reason: image.problems[0] ?? 'not a PNG, JPEG or WebP' });
      continue;
    }
    if (sharp === undefined && missing === undefined) {
      try {
        sharp = await load();
      } catch (error) {
        missing = (error as Error).message;
      }
    }
    thumbnails.push(sharp ? await scaleDown(sharp, bytes) : original(image, bytes, format));
  }
  return thumbnails;
}

async function scaleDown(sharp: Sharp, bytes: Buffer): Promise<Thumbnail> {
  try {
    const { data, info } = await sharp(bytes, { limitInputPixels: MAX_INPUT_PIXELS, failOn: 'error' })
      .resize({ width: THUMBNAIL_EDGE, height: THUMBNAIL_EDGE, fit: 'inside', withoutEnlargement: true })
      .webp({ quality: 80, effort: 4 })
      .toBuffer({ resolveWithObject: true });
    return {
      ok: true,
      dataUrl: `data:image/webp;base64,${data.toString('base64')}`,
      width: info.width,
      height: info.height,
      kind: 'thumbnail',
    };
  } catch (error) {
    return { ok: false, reason: `does not decode: ${(error as Error).message}` };
  }
}

/** Without sharp: the provider's bytes as they are, when they are a valid image, shown within the edge. */
function original(image: ReturnedImage, bytes: Buffer, format: string): Thumbnail {
  const { width, height } = image;
  if (image.problems.length > 0 || width === undefined || height === undefined || width < 1 || height < 1) {
    return { ok: false, reason: image.problems[0] ?? 'no size' };
  }
  const scale = Math.min(1, THUMBNAIL_EDGE / Math.max(width, height));
  return {
    ok: true,
    dataUrl: `data:image/${format};base64,${bytes.toString('base64')}`,
    width: Math.max(1, Math.round(width * scale)),
    height: Math.max(1, Math.round(height * scale)),
    kind: 'original',
  };
}
