import type { Express } from 'express';
import { errors } from '../errors.js';
import { parseJournalFilter, type Journal } from '../journal/index.js';
import type { UploadStore } from '../uploads/upload-store.js';
import { sendKept } from './kept-image.js';
import { sendError, sendJson } from './respond.js';

/** Where the mock's own admin routes live: outside `/v1`, so no API operation can clash with them. */
export const ADMIN_PREFIX = '/__imagegen/';

/** The request journal's URL, below the server's base URL. */
export const JOURNAL_PATH = `${ADMIN_PREFIX}requests`;

/**
 * `GET /__imagegen/requests` lists the journal, oldest first, filtered by `?path=`, `?status=` (404, 4xx),
 * `?model=` and `?limit=` (the newest N); `DELETE` empties it. No API key: these are the mock's, not the API's.
 */
export function addJournalRoutes(app: Express, journal: Journal, uploads?: UploadStore): void {
  app.get(JOURNAL_PATH, (req, res) => {
    const parsed = parseJournalFilter(req.query);
    if (!parsed.ok) return sendError(req, res, errors.invalidJournalFilter(parsed.param, parsed.message));
    sendJson(res, 200, JSON.stringify({ data: journal.entries(parsed.filter) }));
  });
  app.delete(JOURNAL_PATH, (_req, res) => {
    journal.clear();
    res.status(204).end();
  });
  if (uploads) {
    app.get(`${UPLOADS_PREFIX}:file`, (req, res) => {
      const file = String(req.params.file ?? '');
      const bytes = uploads.upload(file);
      if (!bytes) return sendError(req, res, errors.uploadGone(UPLOADS_PREFIX + file));
      sendKept(
        req,
        res,
        bytes,
        UPLOAD_MEDIA_TYPES[file.slice(file.lastIndexOf('.') + 1)] ?? 'application/octet-stream',
        `"${file.slice(0, 64)}"`,
      );
    });
  }
}

/**
 * Where the journal's uploaded files are served: `/__imagegen/uploads/<sha256>.<png|jpeg|webp|bin>`, from a
 * cache bounded in bytes; a file no longer held (or never uploaded here) is a 404 `image_not_found`.
 */
export const UPLOADS_PREFIX = `${ADMIN_PREFIX}uploads/`;

const UPLOAD_MEDIA_TYPES: Readonly<Record<string, string>> = {
  png: 'image/png',
  jpeg: 'image/jpeg',
  webp: 'image/webp',
};
