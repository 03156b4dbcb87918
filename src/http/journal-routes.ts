import type { Express } from 'express';
import { errors } from '../errors.js';
import { parseJournalFilter, type Journal } from '../journal/index.js';
import { sendError, sendJson } from './respond.js';

/** Where the mock's own admin routes live: outside `/v1`, so no API operation can clash with them. */
export const ADMIN_PREFIX = '/__imagegen/';

/** The request journal's URL, below the server's base URL. */
export const JOURNAL_PATH = `${ADMIN_PREFIX}requests`;

/**
 * `GET /__imagegen/requests` lists the journal, oldest first, filtered by `?path=`, `?status=` (404, 4xx),
 * `?model=` and `?limit=` (the newest N); `DELETE` empties it. No API key: these are the mock's, not the API's.
 */
export function addJournalRoutes(app: Express, journal: Journal): void {
  app.get(JOURNAL_PATH, (req, res) => {
    const parsed = parseJournalFilter(req.query);
    if (!parsed.ok) return sendError(req, res, errors.invalidJournalFilter(parsed.param, parsed.message));
    sendJson(res, 200, JSON.stringify({ data: journal.entries(parsed.filter) }));
  });
  app.delete(JOURNAL_PATH, (_req, res) => {
    journal.clear();
    res.status(204).end();
  });
}
