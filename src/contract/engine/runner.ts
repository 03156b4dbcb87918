import { ContractConnectionError, ContractCredentialsError, isUnreachable } from './contract-error.js';
import { sendRequest, type Outcome } from './http.js';
import type { ContractEvent, PlannedRequest } from './types.js';

export interface RunnerOptions {
  fetch: typeof fetch;
  concurrency: number;
  maxRetries: number;
  maxRetryAfterMs: number;
  /** Whether the run was given a key: says which way a refused `configured` request is reported. */
  keyGiven: boolean;
  onEvent?: (event: ContractEvent) => void;
  /** Injected for tests. */
  sleep?: (ms: number) => Promise<void>;
}

export interface Runner {
  /**
   * Sends a request when a slot is free, retrying 429s. For requests to the provider under test
   * (`provider: true`), a host that cannot be reached at all throws ContractConnectionError, and a 401 or
   * 403 to a request with the run's own credentials throws ContractCredentialsError; either stops every
   * other request of the run too.
   */
  send(request: PlannedRequest, timeoutMs: number, options?: { provider?: boolean }): Promise<Outcome>;
  /** Cancels whatever is still in flight (the run is over, or the provider is unreachable). */
  abort(): void;
}

/** The first wait when a 429 names none; it doubles on each retry, within `maxRetryAfterMs`. */
const BASE_BACKOFF_MS = 1000;

export function createRunner(options: RunnerOptions): Runner {
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const emit = options.onEvent ?? (() => undefined);
  const waiting: (() => void)[] = [];
  let active = 0;
  /** What stopped the run: after it, every request in flight or waiting throws it. */
  let fatal: ContractConnectionError | ContractCredentialsError | undefined;
  const stop = (error: ContractConnectionError | ContractCredentialsError): never => {
    fatal ??= error;
    run.abort(fatal);
    throw fatal;
  };
  /** Ends a request of a run that has stopped: checked again after each await, as `fatal` may be set meanwhile. */
  const throwIfStopped = (): void => {
    if (fatal) throw fatal;
  };
  const run = new AbortController();
  const acquire = async (): Promise<void> => {
    if (active >= options.concurrency) await new Promise<void>((resolve) => waiting.push(resolve));
    active++;
  };
  const release = (): void => {
    active--;
    waiting.shift()?.();
  };

  const attempt = async (request: PlannedRequest, timeoutMs: number, provider: boolean): Promise<Outcome> => {
    for (let retries = 0; ; retries++) {
      throwIfStopped();
      emit({ type: 'request-start', request });
      const outcome = await sendRequest(options.fetch, request, timeoutMs, run.signal);
      const status = outcome.ok ? outcome.exchange.status : 0;
      const durationMs = outcome.ok ? outcome.exchange.durationMs : outcome.durationMs;
      emit({ type: 'request-end', request, status, durationMs });
      throwIfStopped();
      if (!outcome.ok) {
        if (provider && isUnreachable(outcome.cause)) {
          stop(new ContractConnectionError(request.url, outcome.message, { cause: outcome.cause }));
        }
        return { ...outcome, retries };
      }
      if (provider && request.credentials === 'configured' && (status === 401 || status === 403)) {
        const detail = `${status}${errorMessageOf(outcome.exchange.body)}`;
        stop(new ContractCredentialsError(request.url, status, detail, options.keyGiven));
      }
      const waitMs =
        status === 429 ? retryDelay(outcome.exchange, retries, options.maxRetryAfterMs) : undefined;
      if (waitMs === undefined || retries >= options.maxRetries) {
        return { ok: true, exchange: { ...outcome.exchange, retries } };
      }
      emit({ type: 'retry', request, attempt: retries + 1, waitMs });
      await sleep(waitMs);
    }
  };

  return {
    abort: () => run.abort(new Error('the contract run is over')),
    async send(request, timeoutMs, { provider = true } = {}) {
      await acquire();
      try {
        return await attempt(request, timeoutMs, provider);
      } finally {
        release();
      }
    },
  };
}

/** `: <first sentence of error.message>` of an error answer, at most 160 characters, or ''. */
function errorMessageOf(body: Buffer): string {
  try {
    const json = JSON.parse(body.toString('utf8')) as { error?: { message?: unknown } };
    const message = json.error?.message;
    if (typeof message !== 'string' || message.trim() === '') return '';
    const [sentence = ''] = message
      .replace(/\s+/g, ' ')
      .trim()
      .split(/(?<=\.) /);
    return `: ${sentence.slice(0, 160)}`;
  } catch {
    return '';
  }
}

/**
 * How long to wait before retrying a 429: `retry-after-ms`, else `retry-after` (seconds or an HTTP date),
 * else a doubling backoff. Undefined means do not retry: the wait asked for is over `maxMs`, or the 429 is
 * an exhausted quota, which no wait cures.
 */
export function retryDelay(
  exchange: { headers: Record<string, string>; body: Buffer },
  retries: number,
  maxMs: number,
): number | undefined {
  if (/insufficient_quota/.test(exchange.body.toString('utf8'))) return undefined;
  const { 'retry-after-ms': afterMs, 'retry-after': after } = exchange.headers;
  let waitMs: number | undefined;
  if (afterMs !== undefined && Number.isFinite(Number(afterMs)) && afterMs.trim() !== '')
    waitMs = Number(afterMs);
  else if (after !== undefined && /^\s*\d+(\.\d+)?\s*$/.test(after)) waitMs = Number(after) * 1000;
  else if (after !== undefined && !Number.isNaN(Date.parse(after))) waitMs = Date.parse(after) - Date.now();
  if (waitMs === undefined) return Math.min(BASE_BACKOFF_MS * 2 ** retries, maxMs);
  const bounded = Math.max(0, Math.ceil(waitMs));
  return bounded > maxMs ? undefined : bounded;
}
