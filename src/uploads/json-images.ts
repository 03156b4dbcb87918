import { errors, type ApiError } from '../errors.js';
import { isRecord } from '../is-record.js';
import type { UploadedFile } from './read-multipart.js';

/** A JSON edit's references, read: the files its `data:` URLs carry, and the body without their bytes. */
export interface JsonImages {
  images: UploadedFile[];
  mask?: UploadedFile;
  /** The body with each `data:` URL replaced by a short description, for the journal. */
  recorded: Record<string, unknown>;
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
  const recorded: Record<string, unknown> = { ...body };
  const images: UploadedFile[] = [];
  if (body.images !== undefined && body.images !== null) {
    if (!Array.isArray(body.images))
      return fail(errors.invalidType('images', 'an array', kindOf(body.images)));
    const kept: unknown[] = [];
    for (const [index, ref] of body.images.entries()) {
      const read = readRef(ref, `images[${index}]`);
      if (!read.ok) return read;
      images.push(read.file);
      kept.push(read.recorded);
    }
    recorded.images = kept;
  }
  let mask: UploadedFile | undefined;
  if (body.mask !== undefined && body.mask !== null) {
    const read = readRef(body.mask, 'mask');
    if (!read.ok) return read;
    mask = { ...read.file, field: 'mask' };
    recorded.mask = read.recorded;
  }
  return { ok: true, value: { images, ...(mask ? { mask } : {}), recorded } };
}

function readRef(
  ref: unknown,
  path: string,
): { ok: true; file: UploadedFile; recorded: unknown } | { ok: false; error: ApiError } {
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
  return {
    ok: true,
    file: { field: path, filename: null, contentType, bytes },
    recorded: { ...ref, image_url: `data:${contentType ?? ''};base64,… (${bytes.length} bytes, see files)` },
  };
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
