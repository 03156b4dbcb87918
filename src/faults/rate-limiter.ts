import { ApiError, ConfigError, UsageError, errors } from '../errors.js';

export interface RateLimiterOptions {
  /** Requests allowed per window and key. */
  limit: number;
  /** Length of the sliding window (default one minute, the real API's images limit). */
  windowMs?: number;
  /** The clock, in milliseconds (default Date.now). */
  now?: () => number;
}

/** `resetMs`: time until the key's window is empty again, i.e. back to `limit` remaining. */
export type TakeResult =
  | { ok: true; remaining: number; resetMs: number }
  | { ok: false; error: ApiError; remaining: 0; resetMs: number };

export interface RateLimiter {
  readonly limit: number;
  readonly windowMs: number;
  /** Counts one request for `key` (the API key; one shared bucket when omitted) if the window has room. */
  take(key?: string): TakeResult;
  /** How many keys hold requests in memory (keys with nothing in their window are dropped). */
  trackedKeys(): number;
}

const SHARED_KEY = '';

/**
 * A sliding-window log per key: a request is allowed when fewer than `limit` accepted requests of the same
 * key fall within the last `windowMs`. Refused requests are not counted, so a client that backs off gets
 * through as soon as the oldest request leaves the window. A refusal is the real API's 429
 * `rate_limit_exceeded`, `Current` counting the refused request, with `retry-after` the whole seconds until
 * the oldest request leaves the window (at least 1). Memory: at most `limit` timestamps per key, and every
 * window the keys whose requests have all expired are dropped.
 *
 * @example
 * const limiter = createRateLimiter({ limit: 15 });
 * const taken = limiter.take(apiKey);
 * if (!taken.ok) throw taken.error; // 429 with retry-after
 */
export function createRateLimiter(options: RateLimiterOptions): RateLimiter {
  const { limit, windowMs = 60_000, now = Date.now } = options;
  if (!Number.isInteger(limit) || limit < 1) throw new ConfigError(`rate limit must be >= 1, got ${limit}`);
  if (!(windowMs > 0)) throw new ConfigError(`rate limit window must be > 0 ms, got ${windowMs}`);
  const log = new Map<string, number[]>();
  let lastSweep = now();

  const expire = (times: number[], at: number): void => {
    const live = times.findIndex((time) => time > at - windowMs);
    times.splice(0, live < 0 ? times.length : live);
  };
  const sweep = (at: number): void => {
    for (const [key, times] of log) {
      expire(times, at);
      if (times.length === 0) log.delete(key);
    }
    lastSweep = at;
  };

  return {
    limit,
    windowMs,
    take(key = SHARED_KEY) {
      const at = now();
      if (at - lastSweep >= windowMs) sweep(at);
      const times = log.get(key) ?? [];
      expire(times, at);
      const oldest = times[0];
      if (oldest !== undefined && times.length >= limit) {
        return refuseTake(
          { limit, windowMs },
          { count: times.length, oldest, newest: times.at(-1) ?? oldest, at },
        );
      }
      times.push(at);
      log.set(key, times);
      return { ok: true, remaining: limit - times.length, resetMs: windowMs };
    },
    trackedKeys: () => log.size,
  };
}

/** A full window as a limiter sees it when it refuses: how many requests it holds, and when. */
export interface FullWindow {
  /** Accepted requests in the window (at least `limit`). */
  count: number;
  /** When the oldest and the newest of them were accepted, and the time of the refused request (ms). */
  oldest: number;
  newest: number;
  at: number;
}

/**
 * The refusal every limiter gives, in-process or shared: the real API's 429 `rate_limit_exceeded`,
 * `Current` counting the refused request, `retry-after` the whole seconds until the oldest request leaves
 * the window, and `resetMs` the time until the window is empty again.
 */
export function refuseTake(
  { limit, windowMs }: { limit: number; windowMs: number },
  { count, oldest, newest, at }: FullWindow,
): Extract<TakeResult, { ok: false }> {
  const waitMs = oldest + windowMs - at;
  const error = errors.rateLimited(limit, count + 1, Math.ceil(waitMs / 1000), windowMs);
  return { ok: false, error, remaining: 0, resetMs: newest + windowMs - at };
}

const UNITS: Record<string, number> = { s: 1000, m: 60_000, h: 3_600_000 };

/**
 * The `--rate-limit` flag: `15/min`, `15/m`, `2/s`, `100/hour` (also `sec`, `second`, `minute`, `h`, `hr`).
 * The unit is required: a bare `15` could mean per second as well as per minute. Throws UsageError otherwise.
 *
 * @example
 * parseRateLimit('2/s'); // { limit: 2, windowMs: 1000 }
 */
export function parseRateLimit(text: string, source = '--rate-limit'): { limit: number; windowMs: number } {
  const trimmed = text.trim();
  if (/^\d+$/.test(trimmed)) {
    throw new UsageError(
      `${source} needs a unit: ${trimmed}/min, ${trimmed}/s or ${trimmed}/h, got '${text}'`,
    );
  }
  const match = /^(\d+)\s*\/\s*(s|sec|second|m|min|minute|h|hr|hour)$/i.exec(trimmed);
  const limit = Number(match?.[1]);
  if (!match || !(limit >= 1) || !Number.isSafeInteger(limit)) {
    throw new UsageError(`${source} must be a count per time such as 15/min, 2/s or 100/hour, got '${text}'`);
  }
  const unit = (match[2] ?? 'm').toLowerCase()[0] ?? 'm';
  return { limit, windowMs: UNITS[unit] ?? 60_000 };
}
