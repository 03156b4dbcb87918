import type { Request, RequestHandler, Response } from 'express';
import { maskApiKey } from '../errors.js';
import type { Journal, JournalEntry, JournalOutcome } from '../journal/index.js';
import { isRecord } from '../is-record.js';
import { elapsedMs, requestState } from './respond.js';

/** Headers that carry an API key: `Authorization: Bearer <key>` and Azure's `api-key`. */
const KEY_HEADERS = new Set(['authorization', 'api-key']);

/**
 * Records every request in the journal once: when its answer is complete (a stream when it ends), or, when
 * the connection closes first (a `reset`, a `timeout`, a client that hung up), then, with status 0 and the
 * outcome. `skip` leaves out the mock's own business (admin routes, health checks, CORS preflights).
 */
export function recordRequests(
  journal: Journal,
  now: () => number,
  skip: (req: Request) => boolean,
): RequestHandler {
  return (req, res, next) => {
    if (journal.capacity > 0 && !skip(req)) {
      let recorded = false;
      const record = (outcome: JournalOutcome): void => {
        if (recorded) return;
        recorded = true;
        journal.record(toJournalEntry(req, res, now, outcome));
      };
      res.on('finish', () => record('answered'));
      res.on('close', () => {
        if (!res.writableFinished) record(unansweredOutcome(res));
      });
    }
    next();
  };
}

/** Why a request ended without an answer: the scenario that cut it, else the client leaving. */
function unansweredOutcome(res: Response): JournalOutcome {
  const scenario = requestState(res).fault?.scenario;
  return scenario === 'reset' || scenario === 'timeout' ? scenario : 'client-closed';
}

function toJournalEntry(
  req: Request,
  res: Response,
  now: () => number,
  outcome: JournalOutcome,
): JournalEntry {
  const state = requestState(res);
  const body: unknown = state.body ?? req.body;
  const answered = outcome === 'answered';
  return {
    id: state.requestId,
    time: new Date(now()).toISOString(),
    method: req.method,
    path: req.path,
    status: answered ? res.statusCode : 0,
    outcome,
    durationMs: Math.round(elapsedMs(state) * 1000) / 1000,
    request: {
      headers: maskHeaders(req.headers),
      body: isRecord(body) ? body : null,
      ...(state.files && state.files.length > 0 ? { files: state.files } : {}),
    },
    fault: state.fault ? { ...state.fault } : null,
    response: {
      status: answered || res.headersSent ? res.statusCode : 0,
      ...(state.error ? { error: state.error.toBody().error } : {}),
      ...(state.images && answered && res.statusCode === 200 ? { images: state.images } : {}),
    },
  };
}

/** The headers as received, with the API key masked as the real API's error messages mask it. */
export function maskHeaders(headers: Request['headers']): Record<string, string | string[]> {
  const masked: Record<string, string | string[]> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined) continue;
    masked[name] = KEY_HEADERS.has(name) && typeof value === 'string' ? maskKeyHeader(value) : value;
  }
  return masked;
}

function maskKeyHeader(value: string): string {
  const bearer = /^(Bearer\s+)(.*)$/i.exec(value);
  return bearer ? `${bearer[1]}${maskApiKey(bearer[2] ?? '')}` : maskApiKey(value);
}
