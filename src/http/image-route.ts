import type { Request, RequestHandler, Response } from 'express';
import { errors } from '../errors.js';
import {
  IMAGE_MEDIA_TYPES,
  type ImageParams,
  type OutputFormat,
  type RenderParams,
} from '../images/index.js';
import type { StoredImage } from '../generations/image-store.js';
import type { Spec } from '../openapi/load-spec.js';
import { resolveRequest } from '../validation/resolve-request.js';
import type { BuiltDeps } from './app-deps.js';
import { serveKeptImage } from './kept-image.js';
import { sendError } from './respond.js';

/** Where image URLs point, below the server's base URL. */
export const IMAGE_ROUTE_PREFIX = '/v1/images/files/';

/** The absolute URL of an image token: below `publicUrl` if set, else the address the request came to. */
export function imageUrl(req: Request, publicUrl: string | undefined, token: string): string {
  return `${imageBaseUrl(req, publicUrl)}${IMAGE_ROUTE_PREFIX}${token}.png`;
}

/** The base of this server's image URLs: `publicUrl` if set, else the address the request came to. */
export function imageBaseUrl(req: Request, publicUrl: string | undefined): string {
  return (
    publicUrl?.replace(/\/+$/, '') ??
    `${req.protocol}://${req.get('host') ?? `${req.socket.localAddress}:${req.socket.localPort}`}`
  );
}

/**
 * Serves the PNG behind an image URL. The token is checked against the same spec as a generation request,
 * so a hand-made URL cannot ask for an image the API would refuse to make.
 */
export function serveImage({
  spec,
  images,
  uploads,
}: Pick<BuiltDeps, 'spec' | 'images' | 'uploads'>): RequestHandler {
  return (req, res) => {
    const file = String(req.params.file ?? '');
    // An edit's image is kept, not drawn again: its inputs are not in the URL.
    if (serveKeptImage(req, res, uploads, file, IMAGE_ROUTE_PREFIX + file, ['png'])) return;
    const image = file.endsWith('.png') ? images.get(file.slice(0, -'.png'.length)) : undefined;
    if (!image || !isIssuable(spec, image.params)) {
      return sendError(req, res, errors.imageNotFound(IMAGE_ROUTE_PREFIX + file));
    }
    sendImage(req, res, image, 'image/png');
  };
}

/** Answers with an image's bytes, its ETag and an immutable cache header (a token's image never changes). */
export function sendImage(req: Request, res: Response, image: StoredImage<RenderParams>, type: string): void {
  const etag = `"${image.key}"`;
  res.setHeader('etag', etag);
  res.setHeader('cache-control', 'public, max-age=31536000, immutable');
  if (req.get('if-none-match') === etag) {
    res.status(304).end();
    return;
  }
  const bytes = image.bytes();
  res.status(200).setHeader('content-type', type).setHeader('content-length', String(bytes.length));
  res.end(req.method === 'HEAD' ? undefined : bytes);
}

/**
 * Whether a generation request could have issued this URL: a model that answers with `url`, and an image
 * that request could have rendered (PNG, the only format URL answers carry).
 */
function isIssuable(spec: Spec, params: ImageParams): boolean {
  return (
    spec.models.get(params.model)?.responseFormats?.includes('url') === true && isRenderable(spec, params)
  );
}

/** Whether a generation request could have rendered this image: same model rules, same resolved options. */
export function isRenderable(spec: Spec, params: RenderParams): boolean {
  const size = `${params.width}x${params.height}`;
  const { outputFormat, compression, background, partial } = params;
  if (outputFormat !== undefined && !(outputFormat in IMAGE_MEDIA_TYPES)) return false;
  const body = {
    model: params.model,
    prompt: params.prompt,
    size,
    quality: params.quality,
    style: params.style,
    ...(outputFormat !== undefined ? { output_format: outputFormat } : {}),
    ...(compression !== undefined ? { output_compression: compression } : {}),
    ...(background !== undefined ? { background } : {}),
    ...(partial !== undefined ? { stream: true, partial_images: partial.count } : {}),
  };
  // Lenient, so a model's unused settings are dropped, then compared below.
  const resolution = resolveRequest(spec, body, { strict: false, retiredModels: 'serve' });
  if (!resolution.ok) return false;
  const { request } = resolution;
  const format: OutputFormat = outputFormat ?? 'png';
  return (
    params.index >= 0 &&
    params.index < request.profile.maxN &&
    request.size === size &&
    request.quality === params.quality &&
    request.style === params.style &&
    request.output_format === format &&
    (compression === undefined || request.output_compression === compression) &&
    request.background === (background ?? 'opaque') &&
    (partial === undefined ||
      (request.partial_images === partial.count && partial.index >= 0 && partial.index < partial.count))
  );
}
