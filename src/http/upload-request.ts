import type { Request, Response } from 'express';
import type { ApiError } from '../errors.js';
import { isRecord } from '../is-record.js';
import type { JournalFile } from '../journal/index.js';
import type { DecodedUpload } from '../uploads/decode-upload.js';
import { readJsonImages, redactDataUrls } from '../uploads/json-images.js';
import { readMultipart, type UploadedFile } from '../uploads/read-multipart.js';
import { UPLOAD_LIMITS } from '../uploads/upload-limits.js';
import type { UploadStore } from '../uploads/upload-store.js';
import type { EditFields } from '../validation/resolve-edit-request.js';
import { ADMIN_PREFIX } from './journal-routes.js';
import { imageBaseUrl } from './image-route.js';
import { requestState, sendError } from './respond.js';

/** An upload request, read: its text fields, its files (images in order, then the mask). */
export interface UploadRequest extends EditFields {
  images: UploadedFile[];
  mask?: UploadedFile;
}

/**
 * Reads an edit's or a variation's body: a multipart form (streamed, within `UPLOAD_LIMITS`), or an edit's
 * JSON (`images: [{image_url}]`, already parsed by the app). Any other body is no body, as the real API
 * ignores a body it cannot read (the text checks then answer the missing field). Records the text fields
 * and the files for the journal as it goes.
 */
export async function readUploadRequest(
  req: Request,
  res: Response,
  json: boolean,
): Promise<{ ok: true; value: UploadRequest } | { ok: false; error: ApiError }> {
  const state = requestState(res);
  if (req.is('multipart/form-data')) {
    const reading = await readMultipart(req, req.headers);
    if (!reading.ok) return reading;
    const { fields: entries, files } = reading.form;
    const fields = Object.fromEntries(entries);
    state.body = fields;
    const images = files.filter((file) => file.field === 'image' || file.field === 'image[]');
    const mask = files.find((file) => file.field === 'mask');
    return {
      ok: true,
      value: {
        fields,
        fileFields: files.map((file) => file.field),
        form: true,
        images,
        ...(mask ? { mask } : {}),
      },
    };
  }
  const body: unknown = req.body;
  if (!json || !isRecord(body))
    return { ok: true, value: { fields: {}, fileFields: [], form: false, images: [] } };
  state.body = redactDataUrls(body);
  const read = readJsonImages(body);
  if (!read.ok) return read;
  const fields = Object.fromEntries(
    Object.entries(body).filter(([name]) => name !== 'images' && name !== 'mask'),
  );
  const { images, mask } = read.value;
  return { ok: true, value: { fields, fileFields: [], form: false, images, ...(mask ? { mask } : {}) } };
}

/**
 * Keeps every uploaded file for the journal's links and describes it there, with the dimensions decoding
 * finds later (`describeDecoded`). With the admin routes off, files are described but not kept.
 */
export function journalUploads(
  req: Request,
  res: Response,
  files: readonly UploadedFile[],
  store: UploadStore,
  options: { inspector: boolean; publicUrl?: string | undefined },
): (file: UploadedFile, decoded: DecodedUpload) => void {
  const entries = new Map<UploadedFile, JournalFile>();
  for (const file of files) {
    const { sha256, file: name } = store.keepUpload(file.bytes);
    entries.set(file, {
      field: file.field,
      filename: file.filename,
      contentType: file.contentType,
      bytes: file.bytes.length,
      sha256,
      width: null,
      height: null,
      url: options.inspector ? `${imageBaseUrl(req, options.publicUrl)}${ADMIN_PREFIX}uploads/${name}` : null,
    });
  }
  requestState(res).files = [...entries.values()];
  return (file, decoded) => {
    const entry = entries.get(file);
    if (!entry) return;
    entry.width = decoded.width;
    entry.height = decoded.height;
  };
}

/**
 * Answers an upload that failed while it was still coming in, then reads and throws away the rest of it, so
 * the connection stays usable, up to `UPLOAD_LIMITS.drainBytes`: past that (an endless or huge upload) the
 * connection is cut. The answer goes out first, so a client that reads it while still sending gets it.
 */
export function answerEarly(req: Request, res: Response, error: ApiError): void {
  sendError(req, res, error);
  if (req.complete) return;
  let drained = 0;
  req.on('data', (chunk: Buffer) => {
    drained += chunk.length;
    if (drained > UPLOAD_LIMITS.drainBytes) req.socket.destroy();
  });
  req.resume();
}
