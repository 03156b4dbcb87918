import { createHash, randomUUID } from 'node:crypto';
import type { RedisClientType } from 'redis';
import { ConfigError, UsageError } from '../errors.js';
import { createRateLimiter, refuseTake, type TakeResult } from './rate-limiter.js';

export interface RedisRateLimiterOptions {
  /** `redis://[user:password@]host[:port][/db]` or `rediss://` for TLS. */
  url: string;
  /** Requests allowed per window and key. */
  limit: number;
  /** Length of the sliding window (default one minute). */
  windowMs?: number;
  /** Told, in one line, when Redis goes away mid-run and when it is back (default: nothing). */
  onWarning?: (message: string) => void;
  /** How long a start waits for Redis to answer before giving up (default 5 s). */
  startTimeoutMs?: number;
  /** How long one request waits for Redis before it is counted in process instead (default 250 ms). */
  commandTimeoutMs?: number;
  /** Where the windows live in Redis (default `imagegen-mock:rate-limit:`). */
  keyPrefix?: string;
  /** A clock for tests, in milliseconds; by default Redis's own `TIME`, one clock for every replica. */
  now?: () => number;
}

/** A rate limiter whose windows several processes share. */
export interface SharedRateLimiter {
  readonly limit: number;
  readonly windowMs: number;
  /** The Redis URL without its password, for the banner and warnings. */
  readonly where: string;
  /** Counts one request for `key` (one shared bucket when omitted) if the shared window has room. */
  take(key?: string): Promise<TakeResult>;
  /** Disconnects from Redis. */
  close(): Promise<void>;
}

/**
 * The in-process limiter's sliding-window log, kept in one sorted set per key (score: when each request was
 * accepted) and read and written by one Lua script, so the count and the insert are one atomic step whichever
 * replica sends it. The time is Redis's own unless a test passes one. A set expires one window after its last
 * request, so idle keys cost nothing. Returns [1, count, now] or [0, count, now, oldest, newest].
 */
const TAKE_SCRIPT = `
local key, limit, window = KEYS[1], tonumber(ARGV[1]), tonumber(ARGV[2])
local now = tonumber(ARGV[3])
if not now then
  local time = redis.call('TIME')
  now = tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)
end
redis.call('ZREMRANGEBYSCORE', key, '-inf', now - window)
local count = redis.call('ZCARD', key)
if count >= limit then
  local oldest = redis.call('ZRANGE', key, 0, 0, 'WITHSCORES')
  local newest = redis.call('ZRANGE', key, -1, -1, 'WITHSCORES')
  return {0, count, now, tonumber(oldest[2]), tonumber(newest[2])}
end
redis.call('ZADD', key, now, ARGV[4])
redis.call('PEXPIRE', key, window)
return {1, count + 1, now}
`;

/** After a first answer, reconnects are retried for ever, at most this far apart. */
const MAX_RECONNECT_DELAY_MS = 1000;

/**
 * Connects to Redis and gives a limiter with the in-process one's semantics, refusal and headers, whose
 * windows every process with the same URL shares: N replicas enforce one limit per key. The `redis` client is
 * loaded here, so a server without `--redis-url` loads none of it.
 *
 * Failure handling, for a load test: Redis that does not answer a PING within `startTimeoutMs` is a
 * ConfigError (the server does not start, since a limit N times too loose would make the test lie). Once
 * running, a lost connection or an answer slower than `commandTimeoutMs` never fails or holds a request: it is
 * counted by an in-process limiter (the limit per replica) until Redis is back, with one warning each way.
 *
 * @example
 * const limiter = await connectRedisRateLimiter({ url: 'redis://127.0.0.1:6379', limit: 15 });
 * const taken = await limiter.take(apiKey);
 */
export async function connectRedisRateLimiter(options: RedisRateLimiterOptions): Promise<SharedRateLimiter> {
  const { url, limit, windowMs = 60_000, onWarning = () => {}, startTimeoutMs = 5000 } = options;
  const { commandTimeoutMs = 250, keyPrefix = 'imagegen-mock:rate-limit:', now } = options;
  const local = createRateLimiter({ limit, windowMs });
  const where = redactUrl(url);
  const { createClient } = await import('redis');
  const started = Date.now();
  let ready = false;
  const client: RedisClientType = createClient({
    url,
    disableOfflineQueue: true,
    socket: {
      connectTimeout: Math.min(2000, startTimeoutMs),
      // Before the first answer, retries stop at the start deadline; after it, they go on for ever.
      reconnectStrategy: (retries, cause) => {
        const delay = Math.min(50 * 2 ** Math.min(retries, 5), MAX_RECONNECT_DELAY_MS);
        const left = started + startTimeoutMs - Date.now();
        return ready ? delay : left > 0 ? Math.min(delay, left) : cause;
      },
    },
  });
  let lost = false;
  const loseConnection = (reason: string): void => {
    if (lost) return;
    lost = true;
    onWarning(`Redis at ${where}: ${reason}; counting the rate limit in this process until it is back`);
  };
  client.on('error', (error: Error) => {
    if (ready) loseConnection(describe(error));
  });
  // Back when the connection is (reconnected), or when Redis answers again after answering too slowly.
  const regainConnection = (): void => {
    if (!lost) return;
    lost = false;
    onWarning(`Redis at ${where} is back; the rate limit is shared again`);
  };
  client.on('ready', regainConnection);

  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(new Error('no answer to PING')), startTimeoutMs);
  });
  try {
    // A server that accepts the connection but never answers (not Redis) must not hold the start.
    await Promise.race([client.connect().then(() => client.sendCommand(['PING'])), deadline]);
  } catch (error) {
    client.destroy();
    throw new ConfigError(
      `cannot use Redis at ${where} (no answer within ${startTimeoutMs / 1000} s): ${describe(error)}`,
      { cause: error },
    );
  } finally {
    clearTimeout(timer);
  }
  ready = true;

  const instance = randomUUID();
  let sequence = 0;
  return {
    limit,
    windowMs,
    where,
    async take(key = '') {
      if (!client.isReady) {
        loseConnection('not connected');
        return local.take(key);
      }
      const args = [String(limit), String(windowMs), now ? String(now()) : '', `${instance}:${++sequence}`];
      try {
        const reply = await client.sendCommand<number[]>(
          ['EVAL', TAKE_SCRIPT, '1', keyPrefix + keyOf(key, windowMs), ...args],
          {
            timeout: commandTimeoutMs,
            rejectInFlight: true,
          },
        );
        regainConnection();
        return toTakeResult(reply, limit, windowMs);
      } catch (error) {
        loseConnection(describe(error));
        return local.take(key);
      }
    },
    close: async () => {
      ready = false;
      if (client.isOpen) await client.close().catch(() => client.destroy());
    },
  };
}

/** The script's answer as the in-process limiter would have given it. */
function toTakeResult(reply: number[], limit: number, windowMs: number): TakeResult {
  const [allowed, count = 0, at = 0, oldest = at, newest = oldest] = reply.map(Number);
  if (allowed === 1) return { ok: true, remaining: limit - count, resetMs: windowMs };
  return refuseTake({ limit, windowMs }, { count, oldest, newest, at });
}

/** The Redis key of an API key's window: a digest, so no key is stored in the clear. */
function keyOf(apiKey: string, windowMs: number): string {
  return `${windowMs}:${createHash('sha256').update(apiKey).digest('hex').slice(0, 32)}`;
}

/** `redis://user:secret@host:6379` -> `redis://user:***@host:6379`. */
export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password !== '') parsed.password = '***';
    return parsed.toString().replace(/\/$/, '');
  } catch {
    return url;
  }
}

function describe(error: unknown): string {
  if (error instanceof AggregateError && error.errors.length > 0) return describe(error.errors[0]);
  return (error instanceof Error ? error.message : String(error)).split('\n')[0] ?? 'unknown error';
}

/**
 * The `--redis-url` flag: a `redis://` or `rediss://` URL with a host. Throws UsageError otherwise.
 *
 * @example
 * parseRedisUrl('redis://redis:6379'); // 'redis://redis:6379'
 */
export function parseRedisUrl(text: string, source = '--redis-url'): string {
  const trimmed = text.trim();
  let parsed: URL | undefined;
  try {
    parsed = new URL(trimmed);
  } catch {
    parsed = undefined;
  }
  if (!parsed || !['redis:', 'rediss:'].includes(parsed.protocol) || parsed.hostname === '') {
    throw new UsageError(`${source} must be a URL such as redis://127.0.0.1:6379, got '${text}'`);
  }
  return trimmed;
}
