import type { IncomingHttpHeaders } from 'node:http';
import type { Readable } from 'node:stream';
import { Busboy, type BusboyFileStream } from '@fastify/busboy';
import { errors, type ApiError } from '../errors.js';
import { UPLOAD_LIMITS, type UploadLimits } from './upload-limits.js';

/** One uploaded file, as its part declared it. */
export interface UploadedFile {
  /** The part's name: `image`, `image[]`, `mask`, ... */
  field: string;
  filename: string | null;
  /** The part's declared `Content-Type`, lower-cased, without parameters. */
  contentType: string | null;
  bytes: Buffer;
}

/** A multipart form, read whole: text fields and files in the order they came. */
export interface Form {
  fields: [name: string, value: string][];
  files: UploadedFile[];
}

export type FormReading = { ok: true; form: Form } | { ok: false; error: ApiError };

/**
 * Reads a `multipart/form-data` body with busboy, streaming, within `limits`: past any of them, or on broken
 * framing (no boundary, a truncated body, a part without a name), it stops reading at once and resolves to
 * the error, leaving the rest of the stream unread for the caller to drain or cut. Never rejects.
 *
 * @example
 * const reading = await readMultipart(req, req.headers);
 * if (!reading.ok) return sendError(req, res, reading.error);
 */
export function readMultipart(
  stream: Readable,
  headers: IncomingHttpHeaders,
  limits: UploadLimits = UPLOAD_LIMITS,
): Promise<FormReading> {
  return new Promise((resolve) => {
    const form: Form = { fields: [], files: [] };
    let settled = false;
    let total = 0;
    let pending = 0;
    let finished = false;
    let busboy: ReturnType<typeof Busboy>;
    // The files being read: dropped on failure, so a connection kept alive holds none of their bytes.
    const reading = new Set<Buffer[]>();
    const fail = (error: ApiError): void => {
      if (settled) return;
      settled = true;
      for (const chunks of reading) chunks.length = 0;
      reading.clear();
      stream.unpipe(busboy);
      stream.pause();
      busboy.removeAllListeners();
      busboy.on('error', () => {});
      resolve({ ok: false, error });
    };
    const done = (): void => {
      if (settled || !finished || pending > 0) return;
      settled = true;
      resolve({ ok: true, form });
    };
    try {
      busboy = Busboy({
        headers: headers as { 'content-type': string } & IncomingHttpHeaders,
        limits: {
          fileSize: limits.fileBytes,
          files: limits.files,
          fields: limits.fields,
          parts: limits.parts,
          fieldSize: limits.fieldBytes,
        },
      });
    } catch (cause) {
      resolve({ ok: false, error: errors.malformedMultipart(describe(cause)) });
      return;
    }
    busboy.on('file', (name: string | undefined, file: BusboyFileStream, filename, _encoding, mimeType) => {
      if (settled) return void file.resume();
      if (!name) return fail(unnamedPart());
      pending++;
      const chunks: Buffer[] = [];
      reading.add(chunks);
      file.on('data', (chunk: Buffer) => {
        if (settled) return;
        total += chunk.length;
        if (total > limits.totalBytes) return fail(errors.bodyTooLarge(limits.totalBytes));
        chunks.push(chunk);
      });
      file.on('limit', () => fail(errors.fileTooLarge(name, limits.fileBytes)));
      file.on('error', (cause: unknown) => fail(errors.malformedMultipart(describe(cause))));
      file.on('end', () => {
        pending--;
        reading.delete(chunks);
        if (settled) return;
        form.files.push({
          field: name,
          filename: filename || null,
          contentType: mimeType || null,
          bytes: Buffer.concat(chunks),
        });
        done();
      });
    });
    busboy.on('field', (name: string | undefined, value: string, _nameTruncated, valueTruncated) => {
      if (settled) return;
      if (!name) return fail(unnamedPart());
      if (valueTruncated) return fail(errors.fieldTooLarge(name, limits.fieldBytes));
      form.fields.push([name, value]);
    });
    busboy.on('partsLimit', () => fail(errors.tooManyParts('parts', limits.parts)));
    busboy.on('filesLimit', () => fail(errors.tooManyParts('files', limits.files)));
    busboy.on('fieldsLimit', () => fail(errors.tooManyParts('text fields', limits.fields)));
    busboy.on('error', (cause: unknown) => fail(errors.malformedMultipart(describe(cause))));
    busboy.on('finish', () => {
      finished = true;
      done();
    });
    stream.on('error', (cause: unknown) => fail(errors.malformedMultipart(describe(cause))));
    stream.pipe(busboy);
  });
}

function unnamedPart(): ApiError {
  return errors.malformedMultipart('a part has no name (its Content-Disposition needs name="...")');
}

/** busboy's messages, e.g. `Unexpected end of multipart data`, lower-cased at the start. */
function describe(cause: unknown): string {
  const message = cause instanceof Error ? cause.message : String(cause);
  const text = message.replace(/^Multipart: /, '').replace(/\.$/, '');
  return text.charAt(0).toLowerCase() + text.slice(1);
}
