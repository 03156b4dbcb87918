import { randomBytes } from 'node:crypto';
import type { Request, Response } from 'express';
import { serializeError, type ApiError } from '../errors.js';
import type { Base64Bytes } from '../generations/json-pieces.js';
import { sleep, type AppliedFault } from '../faults/index.js';
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

/** The largest answer `sendJsonPieces` writes at once rather than a slice at a time. */
const WHOLE_ANSWER_BYTES = 16 * 1024 * 1024;

/**
 * `sendJson` for an answer in pieces (`jsonPieces`): the same headers and bytes, but each image's base64 is
 * written a slice at a time, waiting for the client to take each, so a large answer is never held whole.
 */
export async function sendJsonPieces(
  res: Response,
  status: number,
  pieces: readonly (string | Base64Bytes)[],
): Promise<void> {
  const length = pieces.reduce(
    (sum, piece) => sum + (typeof piece === 'string' ? Buffer.byteLength(piece) : piece.length),
    0,
  );
  res.status(status);
  res.setHeader('content-type', 'application/json');
  res.setHeader('content-length', String(length));
  setProcessingTime(res);
  // Answers of ordinary size go out at once, their images' base64 encoded once per image and kept; only a
  // large one (ten 4K JPEGs, say) is encoded and written a slice at a time, as the client takes it.
  if (length <= WHOLE_ANSWER_BYTES) {
    res.end(
      Buffer.concat(
        pieces.map((piece) => (typeof piece === 'string' ? Buffer.from(piece) : piece.encoded())),
        length,
      ),
    );
    return;
  }
  for (const piece of pieces) {
    for (const text of typeof piece === 'string' ? [piece] : piece.slices()) {
      if (res.destroyed) return;
      if (!res.write(text)) await drainedOrClosed(res);
    }
  }
  res.end();
}

/** Resolves when the response can take more, or is gone. */
function drainedOrClosed(res: Response): Promise<void> {
  return new Promise((resolve) => {
    const done = (): void => {
      res.off('drain', done);
      res.off('close', done);
      resolve();
    };
    res.on('drain', done);
    res.on('close', done);
  });
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

/**
 * Answers 200 `text/event-stream` with `frames`, each written `timesMs[i]` after the first (the fault policy's
 * pacing), and stops when the client leaves. `onWritten(i)` follows each frame that went out.
 */
export async function sendEventStream(
  res: Response,
  frames: readonly string[],
  timesMs: readonly number[],
  signal: AbortSignal,
  onWritten?: (index: number) => void,
): Promise<void> {
  res.status(200);
  res.setHeader('content-type', 'text/event-stream; charset=utf-8');
  res.setHeader('cache-control', 'no-cache');
  setProcessingTime(res);
  res.flushHeaders();
  let elapsed = 0;
  for (const [index, frame] of frames.entries()) {
    const at = timesMs[index] ?? 0;
    await sleep(Math.max(0, at - elapsed), signal);
    elapsed = Math.max(elapsed, at);
    if (signal.aborted) return;
    res.write(frame);
    onWritten?.(index);
  }
  res.end();
}
