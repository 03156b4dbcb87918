import { createHash } from 'node:crypto';
import { deflateRawSync, inflateRawSync } from 'node:zlib';
import type { ImageParams, RenderParams } from '../images/index.js';

/**
 * Image URLs carry everything needed to draw the image again, so a URL keeps working after a restart and
 * on any replica behind a load balancer, and the server keeps no per-URL state. The token is versioned JSON
 * in base64url, prefixed `j`; long prompts are deflated first (prefix `z`) to keep URLs short, while short
 * ones skip zlib, whose set-up costs more than the whole rest of a url-mode request.
 */
const TOKEN_VERSION = 1;
const DEFLATE_ABOVE_BYTES = 512;
/** A decoded token larger than this is refused before parsing (prompts are far shorter). */
const MAX_TOKEN_JSON_BYTES = 256 * 1024;

type TokenTuple = [number, string, string, number, number, string, string, number];

/** The params in a fixed order: the token's payload and the material of the image's identity. */
function toTuple(params: ImageParams): TokenTuple {
  const { model, prompt, width, height, quality, style, index } = params;
  return [TOKEN_VERSION, model, prompt, width, height, quality, style, index];
}

export function encodeImageToken(params: ImageParams): string {
  const tuple = toTuple(params);
  const json = Buffer.from(JSON.stringify(tuple));
  return json.length > DEFLATE_ABOVE_BYTES
    ? `z${deflateRawSync(json).toString('base64url')}`
    : `j${json.toString('base64url')}`;
}

/** The params a token stands for, or undefined for anything this server did not issue. */
export function decodeImageToken(token: string): ImageParams | undefined {
  if (!/^[A-Za-z0-9_-]+$/.test(token)) return undefined;
  let tuple: unknown;
  try {
    const bytes = Buffer.from(token.slice(1), 'base64url');
    const json =
      token[0] === 'z'
        ? inflateRawSync(bytes, { maxOutputLength: MAX_TOKEN_JSON_BYTES })
        : token[0] === 'j' && bytes.length <= MAX_TOKEN_JSON_BYTES
          ? bytes
          : undefined;
    if (!json) return undefined;
    tuple = JSON.parse(json.toString('utf8'));
  } catch {
    return undefined;
  }
  if (!Array.isArray(tuple) || tuple.length !== 8 || tuple[0] !== TOKEN_VERSION) return undefined;
  const [, model, prompt, width, height, quality, style, index] = tuple as unknown[];
  if (
    typeof model !== 'string' ||
    typeof prompt !== 'string' ||
    typeof quality !== 'string' ||
    typeof style !== 'string' ||
    !Number.isSafeInteger(width) ||
    !Number.isSafeInteger(height) ||
    !Number.isSafeInteger(index)
  ) {
    return undefined;
  }
  return { model, prompt, width, height, quality, style, index } as ImageParams;
}

/** A stable identity for an image's parameters: cache key material and the ETag. */
/**
 * The image's identity, for the ETag and the render cache: its token payload, plus the output options when
 * they are not the default PNG (URL images are always that PNG, so their keys are the token's alone).
 */
export function imageKey(params: RenderParams): string {
  const { outputFormat, compression, background, partial } = params;
  const extras = [outputFormat, compression, background, partial?.index, partial?.count];
  const hash = createHash('sha256').update(JSON.stringify(toTuple(params)));
  if (extras.some((extra) => extra !== undefined)) hash.update(JSON.stringify(extras));
  return hash.digest('base64url');
}
