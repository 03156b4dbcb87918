import type { Request, Response } from 'express';
import { errors } from '../errors.js';
import { IMAGE_MEDIA_TYPES, type OutputFormat } from '../images/index.js';
import { OUTPUT_TOKEN, type UploadStore } from '../uploads/upload-store.js';
import { sendError } from './respond.js';

/**
 * Serves an edit's or a variation's output image, kept by the process that made it (`e<digest>.<format>`).
 * Returns false for any other name, which the caller serves as before; a kept name no longer held (evicted,
 * or made by another process) is the 404 in the envelope. `formats` limits what the route serves (the
 * public route: PNG, the only format `url` answers carry).
 */
export function serveKeptImage(
  req: Request,
  res: Response,
  uploads: UploadStore,
  file: string,
  path: string,
  formats: readonly OutputFormat[] = ['png', 'jpeg', 'webp'],
): boolean {
  const match = OUTPUT_TOKEN.exec(file);
  if (!match) return false;
  const format = match[1] as OutputFormat;
  const bytes = formats.includes(format) ? uploads.output(file) : undefined;
  if (!bytes) {
    sendError(req, res, errors.editImageGone(path));
    return true;
  }
  sendKept(req, res, bytes, IMAGE_MEDIA_TYPES[format], `"${file.slice(1, file.indexOf('.'))}"`);
  return true;
}

/** Answers with kept bytes, an ETag (their digest) and an immutable cache header: a name's bytes never change. */
export function sendKept(req: Request, res: Response, bytes: Buffer, type: string, etag: string): void {
  res.setHeader('etag', etag);
  res.setHeader('cache-control', 'public, max-age=31536000, immutable');
  if (req.get('if-none-match') === etag) {
    res.status(304).end();
    return;
  }
  res.status(200).setHeader('content-type', type).setHeader('content-length', String(bytes.length));
  res.end(req.method === 'HEAD' ? undefined : bytes);
}
