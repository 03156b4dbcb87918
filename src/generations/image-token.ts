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

/**
 * A render token (version 2) adds the output options: `[2, ...params, [format, compression, background,
 * partial index, partial count]]`. Only the admin image route reads it; the public URL route keeps taking
 * version 1 alone, so it never serves anything but the PNG a `url` answer names.
 */
const RENDER_TOKEN_VERSION = 2;

type RenderExtras = [string | null, number | null, string | null, number | null, number | null];

export function encodeImageToken(params: ImageParams): string {
  return encodeJson(toTuple(params));
}

/** The token of any image the mock renders, output options (format, background, partial) included. */
export function encodeRenderToken(params: RenderParams): string {
  const { outputFormat, compression, background, partial } = params;
  const extras: RenderExtras = [
    outputFormat ?? null,
    compression ?? null,
    background ?? null,
    partial?.index ?? null,
    partial?.count ?? null,
  ];
  const [, ...rest] = toTuple(params);
  return encodeJson([RENDER_TOKEN_VERSION, ...rest, extras]);
}

function encodeJson(tuple: unknown[]): string {
  const json = Buffer.from(JSON.stringify(tuple));
  return json.length > DEFLATE_ABOVE_BYTES
    ? `z${deflateRawSync(json).toString('base64url')}`
    : `j${json.toString('base64url')}`;
}

/** The params a token stands for, or undefined for anything this server did not issue. */
export function decodeImageToken(token: string): ImageParams | undefined {
  const tuple = decodeJson(token);
  return tuple?.length === 8 && tuple[0] === TOKEN_VERSION ? toParams(tuple) : undefined;
}

/** The render params of a render token or of a URL token (the default PNG), or undefined. */
export function decodeRenderToken(token: string): RenderParams | undefined {
  const tuple = decodeJson(token);
  if (tuple?.length === 8 && tuple[0] === TOKEN_VERSION) return toParams(tuple);
  if (tuple?.length !== 9 || tuple[0] !== RENDER_TOKEN_VERSION) return undefined;
  const base = toParams(tuple.slice(0, 8));
  const extras = tuple[8];
  if (!base || !Array.isArray(extras) || extras.length !== 5) return undefined;
  const [format, compression, background, partialIndex, partialCount] = extras as unknown[];
  const params: RenderParams = { ...base };
  if (format !== null) {
    if (typeof format !== 'string') return undefined;
    params.outputFormat = format as RenderParams['outputFormat'];
  }
  if (compression !== null) {
    if (!Number.isSafeInteger(compression)) return undefined;
    params.compression = compression as number;
  }
  if (background !== null) {
    if (typeof background !== 'string') return undefined;
    params.background = background as RenderParams['background'];
  }
  if (partialIndex !== null || partialCount !== null) {
    if (!Number.isSafeInteger(partialIndex) || !Number.isSafeInteger(partialCount)) return undefined;
    params.partial = { index: partialIndex as number, count: partialCount as number };
  }
  return params;
}

function decodeJson(token: string): unknown[] | undefined {
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
  return Array.isArray(tuple) ? (tuple as unknown[]) : undefined;
}

function toParams(tuple: unknown[]): ImageParams | undefined {
  const [, model, prompt, width, height, quality, style, index] = tuple;
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
