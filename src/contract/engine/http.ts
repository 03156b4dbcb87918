import { networkErrorCode } from './contract-error.js';
import type { Exchange, FormField, PlannedRequest } from './types.js';

/** What became of one request: an answer, or no answer (timeout, network) with the reason. */
export type Outcome =
  | { ok: true; exchange: Exchange }
  | {
      ok: false;
      request: PlannedRequest;
      failure: 'timeout' | 'network';
      message: string;
      /** The network error code (`ECONNREFUSED`, ...), when there is one. */
      code?: string;
      cause?: unknown;
      durationMs: number;
      retries: number;
    };

/**
 * Sends one request and reads the whole answer within `timeoutMs`: the timeout aborts the request through
 * its signal and, should a fetch ignore the signal, stops waiting for it all the same. Never throws.
 */
export async function sendRequest(
  fetchFn: typeof fetch,
  request: PlannedRequest,
  timeoutMs: number,
  runSignal?: AbortSignal,
): Promise<Outcome> {
  const started = performance.now();
  const controller = new AbortController();
  const stop = (): void => controller.abort(runSignal?.reason);
  runSignal?.addEventListener('abort', stop, { once: true });
  let timer: NodeJS.Timeout | undefined;
  const expired = new Promise<'timeout'>((resolve) => {
    timer = setTimeout(() => {
      controller.abort(new DOMException(`no answer within ${timeoutMs} ms`, 'TimeoutError'));
      resolve('timeout');
    }, timeoutMs);
  });
  const exchange = async (): Promise<Exchange> => {
    const payload = request.form ? toFormData(request.form) : request.body;
    const response = await fetchFn(request.url, {
      method: request.method,
      headers: request.headers,
      ...(payload === undefined ? {} : { body: payload }),
      signal: controller.signal,
    });
    const body = Buffer.from(await response.arrayBuffer());
    const headers: Record<string, string> = {};
    response.headers.forEach((value, name) => {
      headers[name.toLowerCase()] = value;
    });
    return {
      request,
      status: response.status,
      headers,
      body,
      durationMs: performance.now() - started,
      retries: 0,
    };
  };
  const attempt = exchange();
  try {
    const result = await Promise.race([attempt, expired]);
    if (result === 'timeout') {
      attempt.catch(() => undefined);
      return timedOut(request, timeoutMs, started);
    }
    return { ok: true, exchange: result };
  } catch (cause) {
    if (controller.signal.aborted && !runSignal?.aborted) return timedOut(request, timeoutMs, started);
    const code = networkErrorCode(cause);
    const detail =
      cause instanceof Error
        ? cause.cause instanceof Error
          ? cause.cause.message
          : cause.message
        : String(cause);
    return {
      ok: false,
      request,
      failure: 'network',
      message: `no answer: ${detail}`,
      ...(code === undefined ? {} : { code }),
      cause,
      durationMs: performance.now() - started,
      retries: 0,
    };
  } finally {
    clearTimeout(timer);
    runSignal?.removeEventListener('abort', stop);
  }
}

function timedOut(request: PlannedRequest, timeoutMs: number, started: number): Outcome {
  return {
    ok: false,
    request,
    failure: 'timeout',
    message: `no answer within ${timeoutMs} ms`,
    durationMs: performance.now() - started,
    retries: 0,
  };
}

/** The form as the platform sends it: each file a `Blob` of its declared type, under its file name. */
export function toFormData(fields: readonly FormField[]): FormData {
  const form = new FormData();
  for (const field of fields) {
    if ('value' in field) form.append(field.name, field.value);
    else form.append(field.name, new Blob([field.bytes], { type: field.contentType }), field.filename);
  }
  return form;
}
