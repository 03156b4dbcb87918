import type { Request, RequestHandler } from 'express';
import { errors } from '../errors.js';
import { IMAGE_MEDIA_TYPES, type RenderParams } from '../images/index.js';
import type { BuiltDeps } from './app-deps.js';
import { imageBaseUrl, isRenderable, sendImage } from './image-route.js';
import { ADMIN_PREFIX } from './journal-routes.js';
import { serveKeptImage } from './kept-image.js';
import { sendError } from './respond.js';

/** Where the admin image route lives: beside the journal, outside `/v1`. */
export const ADMIN_IMAGE_PREFIX = `${ADMIN_PREFIX}images/`;

/** The admin URL of any image the mock rendered: `/__imagegen/images/<token>.<png|jpeg|webp>`. */
export function adminImageUrl(
  req: Request,
  publicUrl: string | undefined,
  params: RenderParams,
  token: string,
): string {
  return `${imageBaseUrl(req, publicUrl)}${ADMIN_IMAGE_PREFIX}${token}.${params.outputFormat ?? 'png'}`;
}

/**
 * Serves any image the mock rendered (any model, format, background, partial image) from its render token,
 * so every journalled image can be fetched, including the b64-only GPT image models' that the real API gives
 * no URL. The token is checked against the spec as a generation request would be, and its extension must
 * be the image's format; anything else is the 404 in the envelope.
 */
export function serveAdminImage({
  spec,
  images,
  uploads,
}: Pick<BuiltDeps, 'spec' | 'images' | 'uploads'>): RequestHandler {
  return (req, res) => {
    const file = String(req.params.file ?? '');
    if (serveKeptImage(req, res, uploads, file, ADMIN_IMAGE_PREFIX + file)) return;
    const dot = file.lastIndexOf('.');
    const image = dot > 0 ? images.getRendered(file.slice(0, dot)) : undefined;
    const format = image?.params.outputFormat ?? 'png';
    if (!image || file.slice(dot + 1) !== format || !isRenderable(spec, image.params)) {
      return sendError(req, res, errors.imageNotFound(ADMIN_IMAGE_PREFIX + file));
    }
    sendImage(req, res, image, IMAGE_MEDIA_TYPES[format]);
  };
}
