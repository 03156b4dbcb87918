import { createServer, type Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startRedisServer, type RedisServer } from '../../test/redis-server.js';
import { ConfigError, UsageError } from '../errors.js';
import { createRateLimiter, type TakeResult } from './rate-limiter.js';
import {
  connectRedisRateLimiter,
  parseRedisUrl,
  redactUrl,
  type RedisRateLimiterOptions,
  type SharedRateLimiter,
} from './redis-rate-limiter.js';

// Against a real redis-server: the script's atomicity and Redis's own clock are what is under test.
let redis: RedisServer;
const opened: SharedRateLimiter[] = [];
let prefixes = 0;

beforeAll(async () => {
  redis = await startRedisServer();
});
afterAll(async () => {
  await Promise.all(opened.map((limiter) => limiter.close()));
  await redis.stop();
});

/** A limiter on its own keys, so tests do not share windows unless they ask to. */
async function connect(options: Partial<RedisRateLimiterOptions> & { limit: number }) {
  const limiter = await connectRedisRateLimiter({
    url: redis.url,
    keyPrefix: `test-${++prefixes}:`,
    ...options,
  });
  opened.push(limiter);
  return limiter;
}

function clock(start = 1_000_000): { now: () => number; advance: (ms: number) => void } {
  let time = start;
  return { now: () => time, advance: (ms) => (time += ms) };
}

/** What a client sees of a take: the outcome, the headers' numbers and the 429's body and retry-after. */
function seen(result: TakeResult) {
  if (result.ok) return result;
  const { error, ...rest } = result;
  return { ...rest, body: error.toBody(), headers: error.headers };
}

describe('connectRedisRateLimiter', () => {
  it('answers exactly as the in-process limiter, request for request, sliding window and keys included', async () => {
    const time = clock();
    const shared = await connect({ limit: 2, windowMs: 10_000, now: time.now });
    const local = createRateLimiter({ limit: 2, windowMs: 10_000, now: time.now });
    const steps: [advanceMs: number, key?: string][] = [
      [0, 'sk-a'],
      [3000, 'sk-a'],
      [1000, 'sk-a'],
      [0, 'sk-b'],
      [0],
      [5999, 'sk-a'],
      [1, 'sk-a'],
      [0, 'sk-a'],
      [2500, 'sk-a'],
      [500, 'sk-a'],
    ];
    for (const [advanceMs, key] of steps) {
      time.advance(advanceMs);
      expect(seen(await shared.take(key))).toEqual(seen(local.take(key)));
    }
  });

  it('refuses the (limit+1)th request with the 429 body, retry-after and reset of the in-process limiter', async () => {
    const time = clock();
    const limiter = await connect({ limit: 3, now: time.now });
    for (const remaining of [2, 1, 0]) {
      expect(await limiter.take('sk-a')).toEqual({ ok: true, remaining, resetMs: 60_000 });
      time.advance(10_000);
    }
    const refused = await limiter.take('sk-a');
    expect(refused).toMatchObject({ ok: false, remaining: 0, resetMs: 50_000 });
    const error = refused.ok ? undefined : refused.error;
    expect(error?.status).toBe(429);
    expect(error?.code).toBe('rate_limit_exceeded');
    expect(error?.message).toContain('Limit: 3/1min. Current: 4/1min.');
    expect(error?.headers).toEqual({ 'retry-after': '30' });
  });

  it('shares one window between limiters on the same Redis: two replicas, one limit per key', async () => {
    const a = await connect({ limit: 3 });
    const b = await connectRedisRateLimiter({ url: redis.url, limit: 3, keyPrefix: `test-${prefixes}:` });
    opened.push(b);
    const results = [await a.take('sk-x'), await b.take('sk-x'), await a.take('sk-x'), await b.take('sk-x')];
    expect(results.map((result) => result.remaining)).toEqual([2, 1, 0, 0]);
    expect(results.map((result) => result.ok)).toEqual([true, true, true, false]);
    expect((await a.take('sk-x')).ok).toBe(false);
    expect((await b.take('sk-y')).ok).toBe(true);
  });

  it('counts concurrent requests atomically: exactly `limit` of a burst get through', async () => {
    const a = await connect({ limit: 10 });
    const b = await connectRedisRateLimiter({ url: redis.url, limit: 10, keyPrefix: `test-${prefixes}:` });
    opened.push(b);
    const burst = await Promise.all(Array.from({ length: 40 }, (_, i) => (i % 2 ? a : b).take('sk-burst')));
    expect(burst.filter((result) => result.ok)).toHaveLength(10);
  });

  it('uses the Redis clock by default: the window frees after windowMs of real time', async () => {
    const limiter = await connect({ limit: 1, windowMs: 300 });
    expect((await limiter.take('sk-a')).ok).toBe(true);
    const refused = await limiter.take('sk-a');
    expect(refused.ok).toBe(false);
    expect(refused.resetMs).toBeGreaterThan(200);
    expect(refused.resetMs).toBeLessThanOrEqual(300);
    await new Promise((resolve) => setTimeout(resolve, refused.resetMs + 20));
    expect(await limiter.take('sk-a')).toEqual({ ok: true, remaining: 0, resetMs: 300 });
  });

  it('keeps no API key in the clear, and lets a window expire one window after its last request', async () => {
    const limiter = await connect({ limit: 5, windowMs: 60_000, keyPrefix: 'test-keys:' });
    await limiter.take('sk-secret-key');
    const { createClient } = await import('redis');
    const client = createClient({ url: redis.url });
    await client.connect();
    try {
      const keys = await client.keys('test-keys:*');
      expect(keys).toHaveLength(1);
      expect(keys[0]).not.toContain('sk-secret-key');
      const ttl = await client.pTTL(keys[0] ?? '');
      expect(ttl).toBeGreaterThan(50_000);
      expect(ttl).toBeLessThanOrEqual(60_000);
    } finally {
      client.destroy();
    }
  });

  it('will not start without a Redis that answers: a ConfigError within the start timeout', async () => {
    const nothing = await startRedisServer();
    await nothing.stop();
    const started = Date.now();
    await expect(
      connectRedisRateLimiter({ url: nothing.url, limit: 1, startTimeoutMs: 600 }),
    ).rejects.toThrow(
      new RegExp(`cannot use Redis at ${nothing.url} \\(no answer within 0.6 s\\): .*ECONNREFUSED`),
    );
    expect(Date.now() - started).toBeLessThan(3000);

    // Something that accepts connections but never answers, e.g. a wrong port.
    const sockets: Socket[] = [];
    const silent = createServer((socket) => void sockets.push(socket));
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const address = silent.address();
    const port = typeof address === 'object' && address ? address.port : 0;
    try {
      await expect(
        connectRedisRateLimiter({ url: `redis://127.0.0.1:${port}`, limit: 1, startTimeoutMs: 500 }),
      ).rejects.toThrow(ConfigError);
    } finally {
      for (const socket of sockets) socket.destroy();
      silent.close();
    }
  });

  it('counts in process while Redis is gone, warning once, and shares again once it is back', async () => {
    const own = await startRedisServer();
    const warnings: string[] = [];
    const limiter = await connectRedisRateLimiter({
      url: own.url,
      limit: 2,
      onWarning: (message) => warnings.push(message),
    });
    opened.push(limiter);
    try {
      expect((await limiter.take('sk-a')).ok).toBe(true);
      await own.kill();
      const started = Date.now();
      const during = [await limiter.take('sk-a'), await limiter.take('sk-a'), await limiter.take('sk-a')];
      expect(Date.now() - started).toBeLessThan(1000);
      // The in-process window starts empty: two more, then the 429 with its headers.
      expect(during.map((result) => result.ok)).toEqual([true, true, false]);
      expect(warnings).toEqual([
        expect.stringMatching(
          new RegExp(`^Redis at ${own.url}: .+; counting the rate limit in this process until it is back$`),
        ),
      ]);
      await own.restart();
      await expect.poll(() => warnings.length, { timeout: 5000 }).toBe(2);
      expect(warnings[1]).toBe(`Redis at ${own.url} is back; the rate limit is shared again`);
      // A fresh (emptied) Redis: its own window again.
      expect(await limiter.take('sk-a')).toMatchObject({ ok: true, remaining: 1 });
    } finally {
      await own.stop();
    }
  });
  it('waits at most commandTimeoutMs for a Redis that stops answering, then shares again once it answers', async () => {
    const own = await startRedisServer();
    const warnings: string[] = [];
    const limiter = await connectRedisRateLimiter({
      url: own.url,
      limit: 1,
      commandTimeoutMs: 100,
      onWarning: (message) => warnings.push(message),
    });
    opened.push(limiter);
    try {
      expect((await limiter.take('sk-a')).ok).toBe(true);
      own.pause();
      const started = Date.now();
      // Counted in process: its own empty window lets one through, then refuses.
      expect((await limiter.take('sk-a')).ok).toBe(true);
      expect((await limiter.take('sk-a')).ok).toBe(false);
      expect(Date.now() - started).toBeLessThan(1000);
      expect(warnings).toHaveLength(1);
      expect(warnings[0]).toMatch(/; counting the rate limit in this process until it is back$/);
      own.resume();
      // The connection never dropped: Redis answering again is what says it is back. Its window still
      // holds the first request, so the shared answer is the refusal.
      await expect.poll(async () => (await limiter.take('sk-b')).ok, { timeout: 5000 }).toBe(true);
      expect(warnings[1]).toBe(`Redis at ${own.url} is back; the rate limit is shared again`);
      expect(await limiter.take('sk-a')).toMatchObject({ ok: false, remaining: 0 });
    } finally {
      own.resume();
      await own.stop();
    }
  });
});

describe('parseRedisUrl', () => {
  it('takes redis:// and rediss:// URLs with a host, and nothing else', () => {
    expect(parseRedisUrl(' redis://redis:6379 ')).toBe('redis://redis:6379');
    expect(parseRedisUrl('rediss://user:pw@cache.internal:6380/2')).toBe(
      'rediss://user:pw@cache.internal:6380/2',
    );
    for (const text of ['', 'localhost:6379', 'http://redis:6379', 'redis://', 'redis:6379', '6379']) {
      expect(() => parseRedisUrl(text)).toThrow(UsageError);
    }
    expect(() => parseRedisUrl('http://x')).toThrow(
      "--redis-url must be a URL such as redis://127.0.0.1:6379, got 'http://x'",
    );
  });

  it('hides the password when the URL is shown', () => {
    expect(redactUrl('redis://user:secret@cache:6379/1')).toBe('redis://user:***@cache:6379/1');
    expect(redactUrl('redis://cache:6379')).toBe('redis://cache:6379');
  });
});
