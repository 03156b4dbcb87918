import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import type { ReturnedImage } from '../engine/types.js';
import { inspectImage } from '../inspect/inspect-image.js';
import { makeThumbnails, MAX_THUMBNAILS, THUMBNAIL_EDGE, type Thumbnail } from './thumbnails.js';

/**
 * A picture as hard to compress as a photograph (deterministic noise), so its PNG is as big as a real
 * provider's (a megabyte and a half at 1024x512).
 */
async function pictureOf(width: number, height: number, format: 'png' | 'jpeg' = 'png'): Promise<Buffer> {
  const raw = Buffer.alloc(width * height * 3);
  let state = 12345;
  for (let i = 0; i < raw.length; i++) {
    state = (Math.imul(state, 1103515245) + 12345) >>> 0;
    raw[i] = state >>> 24;
  }
  const image = sharp(raw, { raw: { width, height, channels: 3 } });
  return format === 'png' ? image.png().toBuffer() : image.jpeg({ quality: 90 }).toBuffer();
}

/** A returned image as the run keeps it: the bytes and what inspecting them found. */
function returned(bytes: Buffer | undefined, extra: Partial<ReturnedImage> = {}): ReturnedImage {
  const inspection = bytes ? inspectImage(bytes) : undefined;
  return {
    purpose: 'generate.b64',
    index: 0,
    count: 1,
    request: { method: 'POST', url: 'http://127.0.0.1:4010/v1/images/generations', body: '{}' },
    asked: { n: 1, size: '1024x512', responseFormat: 'b64_json' },
    source: 'b64_json',
    ...(bytes ? { bytes } : {}),
    ...(inspection?.format ? { format: inspection.format } : {}),
    ...(inspection?.width ? { width: inspection.width, height: inspection.height } : {}),
    problems: inspection ? inspection.problems : ['the url answered 404'],
    ...extra,
  };
}

function bytesOf(thumbnail: Thumbnail | undefined): Buffer {
  if (!thumbnail?.ok) throw new Error(`no thumbnail: ${JSON.stringify(thumbnail)}`);
  const [, base64 = ''] = /^data:image\/[a-z]+;base64,([A-Za-z0-9+/]+=*)$/.exec(thumbnail.dataUrl) ?? [];
  return Buffer.from(base64, 'base64');
}

describe('makeThumbnails', () => {
  it('scales each picture down to a WebP within the edge, keeping its shape, far smaller than the original', async () => {
    const png = await pictureOf(768, 384);
    const jpeg = await pictureOf(256, 512, 'jpeg');
    const [wide, tall] = await makeThumbnails([returned(png), returned(jpeg)]);
    expect(wide).toMatchObject({
      ok: true,
      width: THUMBNAIL_EDGE,
      height: THUMBNAIL_EDGE / 2,
      kind: 'thumbnail',
    });
    expect(tall).toMatchObject({ ok: true, width: THUMBNAIL_EDGE / 2, height: THUMBNAIL_EDGE });
    const decoded = await sharp(bytesOf(wide)).metadata();
    expect(decoded).toMatchObject({ format: 'webp', width: THUMBNAIL_EDGE, height: THUMBNAIL_EDGE / 2 });
    expect(bytesOf(wide).length).toBeLessThan(png.length / 10);
  });

  it('never enlarges a small picture, and keeps its transparency', async () => {
    const raw = Buffer.alloc(64 * 48 * 4);
    const png = await sharp(raw, { raw: { width: 64, height: 48, channels: 4 } })
      .png()
      .toBuffer();
    const [small] = await makeThumbnails([returned(png)]);
    expect(small).toMatchObject({ ok: true, width: 64, height: 48 });
    expect(await sharp(bytesOf(small)).metadata()).toMatchObject({ hasAlpha: true });
  });

  it('says why when there is no picture: no bytes, not an image, or bytes that do not decode', async () => {
    const png = await pictureOf(256, 256);
    const svg = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><rect/></svg>');
    const thumbnails = await makeThumbnails([
      returned(undefined),
      returned(svg),
      returned(png.subarray(0, png.length / 2)),
    ]);
    expect(thumbnails[0]).toEqual({ ok: false, reason: 'the url answered 404' });
    // SVG is a picture sharp could draw, but no provider's answer: it is never decoded.
    expect(thumbnails[1]).toMatchObject({
      ok: false,
      reason: expect.stringMatching(/^not a PNG, JPEG or WebP/) as string,
    });
    expect(thumbnails[2]).toMatchObject({
      ok: false,
      reason: expect.stringMatching(/^does not decode: /) as string,
    });
  });

  it('embeds valid originals at the display size when sharp cannot be loaded', async () => {
    const png = await pictureOf(640, 320);
    const broken = Buffer.concat([png.subarray(0, 40), Buffer.alloc(8), png.subarray(48)]);
    let loads = 0;
    const [original, invalid] = await makeThumbnails([returned(png), returned(broken)], {
      loadSharp: () => {
        loads++;
        return Promise.reject(new Error('Could not load the "sharp" module'));
      },
    });
    expect(original).toMatchObject({
      ok: true,
      kind: 'original',
      width: THUMBNAIL_EDGE,
      height: THUMBNAIL_EDGE / 2,
    });
    expect(bytesOf(original).equals(png)).toBe(true);
    expect(invalid).toMatchObject({ ok: false });
    expect(loads).toBe(1);
  });

  it('embeds at most MAX_THUMBNAILS pictures, however many the provider sent', async () => {
    const png = await pictureOf(16, 16);
    const thumbnails = await makeThumbnails(Array.from({ length: MAX_THUMBNAILS + 2 }, () => returned(png)));
    expect(thumbnails.filter((thumbnail) => thumbnail.ok)).toHaveLength(MAX_THUMBNAILS);
    expect(thumbnails.at(-1)).toEqual({
      ok: false,
      reason: `left out: the page embeds the first ${MAX_THUMBNAILS} pictures`,
    });
  });
});
