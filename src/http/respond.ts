import { randomBytes } from 'node:crypto';
import type { Request, Response } from 'express';
import { serializeError, type ApiError } from '../errors.js';
import type { AppliedFault } from '../faults/index.js';
import type { JournalFile, JournalImage } from '../journal/index.js';

/** Per-request facts every answer and the log line need. Kept in `res.locals`. */
export interface RequestState {
  requestId: string;
  startedAt: bigint;
  /** The error answered, for the log line. */
  error?: ApiError;
  /** The fault the policy applied, for the journal. */
  fault?: AppliedFault | undefined;
  /** The images of a successful generation, by reference, for the journal. */
  images?: JournalImage[];
  /** The body as the journal records it, when it is not `req.body` (a form's text fields). */
  body?: Record<string, unknown>;
  /** The files the request uploaded, described, for the journal. */
  files?: JournalFile[];
}

export function beginRequest(res: Response): RequestState {
  const state: RequestState = {
    requestId: `req_${randomBytes(16).toString('hex')}`,
    startedAt: process.hrtime.bigint(),
  };
  res.locals.state = state;
  res.setHeader('x-request-id', state.requestId);
  res.setHeader('openai-version', '2020-10-01');
  res.setHeader('openai-organization', 'imagegen-mock');
  return state;
}

export function requestState(res: Response): RequestState {
  return (res.locals.state as RequestState | undefined) ?? beginRequest(res);
}

export function elapsedMs(state: RequestState): number {
  return Number(process.hrtime.bigint() - state.startedAt) / 1e6;
}

/** `openai-processing-ms`: the time from the request's arrival until now, when the headers go out. */
export function setProcessingTime(res: Response): void {
  res.setHeader('openai-processing-ms', String(Math.max(1, Math.round(elapsedMs(requestState(res))))));
}

/** Sends a JSON answer as the real API does: `content-type: application/json` and the processing time. */
export function sendJson(res: Response, status: number, json: string): void {
  res.status(status);
  res.setHeader('content-type', 'application/json');
  setProcessingTime(res);
  res.end(json);
}

/** The one place an ApiError becomes an HTTP response. */
export function sendError(req: Request, res: Response, error: ApiError): void {
  requestState(res).error = error;
  for (const [name, value] of Object.entries(error.headers)) res.setHeader(name, value);
  if (req.method === 'HEAD') {
    res.status(error.status).setHeader('content-type', 'application/json').end();
    return;
  }
  sendJson(res, error.status, serializeError(error));
}
