import { errors, type ApiError } from '../errors.js';
import { isRecord } from '../is-record.js';
import type { UploadedFile } from './read-multipart.js';

/** A JSON edit's references, read: the files its `data:` URLs carry. */
export interface JsonImages {
  images: UploadedFile[];
  mask?: UploadedFile;
}

const DATA_URL = /^data:([^;,]*)((?:;[^;,]*)*),(.*)$/s;

/**
 * Reads the `images` and `mask` of a JSON edit (`[{image_url}]`, `{image_url}`): each `image_url` must be a
 * base64 `data:` URL (the mock fetches nothing); a `file_id` is a 404, as this server has no Files API. The
 * first problem is the answer, in body order: the images, then the mask. A missing `images` is left to the
 * file checks (`Missing required parameter: 'image'`... as a form without one).
 */
export function readJsonImages(
  body: Record<string, unknown>,
): { ok: true; value: JsonImages } | { ok: false; error: ApiError } {
  const images: UploadedFile[] = [];
  if (body.images !== undefined && body.images !== null) {
    if (!Array.isArray(body.images))
      return fail(errors.invalidType('images', 'an array', kindOf(body.images)));
    for (const [index, ref] of body.images.entries()) {
      const read = readRef(ref, `images[${index}]`);
      if (!read.ok) return read;
      images.push(read.file);
    }
  }
  let mask: UploadedFile | undefined;
  if (body.mask !== undefined && body.mask !== null) {
    const read = readRef(body.mask, 'mask');
    if (!read.ok) return read;
    mask = { ...read.file, field: 'mask' };
  }
  return { ok: true, value: { images, ...(mask ? { mask } : {}) } };
}

function readRef(
  ref: unknown,
  path: string,
): { ok: true; file: UploadedFile } | { ok: false; error: ApiError } {
  if (!isRecord(ref)) return fail(errors.invalidType(path, 'an object', kindOf(ref)));
  if (typeof ref.file_id === 'string' && ref.image_url === undefined) {
    return fail(errors.fileNotFound(`${path}.file_id`, ref.file_id));
  }
  const url = ref.image_url;
  if (url === undefined) return fail(errors.missingParameter(`${path}.image_url`));
  if (typeof url !== 'string') return fail(errors.invalidType(`${path}.image_url`, 'a string', kindOf(url)));
  const match = DATA_URL.exec(url);
  if (!match || !/;base64$/i.test(match[2] ?? '')) return fail(errors.imageUrlNotData(`${path}.image_url`));
  const bytes = Buffer.from(match[3] ?? '', 'base64');
  const contentType = (match[1] ?? '').toLowerCase() || null;
  return { ok: true, file: { field: path, filename: null, contentType, bytes } };
}

function kindOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'number') return Number.isInteger(value) ? 'an integer' : 'a decimal';
  return typeof value === 'object' ? 'an object' : `a ${typeof value}`;
}

function fail(error: ApiError): { ok: false; error: ApiError } {
  return { ok: false, error };
}

/**
 * The body as the journal records it, whatever else is wrong with it: every `image_url` that is a `data:` URL
 * (under `images` or `mask`) shortened to its type and size, so no upload's bytes sit in the journal.
 */
export function redactDataUrls(body: Record<string, unknown>): Record<string, unknown> {
  const redact = (ref: unknown): unknown => {
    if (!isRecord(ref) || typeof ref.image_url !== 'string' || !ref.image_url.startsWith('data:')) return ref;
    const comma = ref.image_url.indexOf(',');
    const head = comma < 0 ? ref.image_url.slice(0, 64) : ref.image_url.slice(0, comma);
    return { ...ref, image_url: `${head},… (${ref.image_url.length} characters)` };
  };
  const recorded = { ...body };
  if (Array.isArray(body.images)) recorded.images = body.images.map(redact);
  if (body.mask !== undefined) recorded.mask = redact(body.mask);
  return recorded;
}
