import { describe, expect, it } from 'vitest';
import { ConfigError, MOCK_ORGANIZATION, UsageError } from '../errors.js';
import { createRateLimiter, parseRateLimit, type TakeResult } from './rate-limiter.js';

function clock(start = 1_000_000): { now: () => number; advance: (ms: number) => void } {
  let time = start;
  return { now: () => time, advance: (ms) => (time += ms) };
}

function refused(result: TakeResult): Extract<TakeResult, { ok: false }> {
  if (result.ok) throw new Error('expected a refusal');
  return result;
}

describe('createRateLimiter', () => {
  it('allows `limit` requests, counting remaining down, and refuses the next with the 429 body', () => {
    const time = clock();
    const limiter = createRateLimiter({ limit: 3, now: time.now });
    expect([1, 2, 3].map(() => limiter.take('sk-a'))).toEqual([
      { ok: true, remaining: 2, resetMs: 60_000 },
      { ok: true, remaining: 1, resetMs: 60_000 },
      { ok: true, remaining: 0, resetMs: 60_000 },
    ]);
    const { error } = refused(limiter.take('sk-a'));
    expect(error.status).toBe(429);
    expect(error.toBody()).toEqual({
      error: {
        message: `Rate limit exceeded for images per minute in organization ${MOCK_ORGANIZATION}. Limit: 3/1min. Current: 4/1min. Please visit https://platform.openai.com/docs/guides/rate-limits to learn how to increase your rate limit.`,
        type: 'requests',
        param: null,
        code: 'rate_limit_exceeded',
      },
    });
    expect(error.headers).toEqual({ 'retry-after': '60' });
  });

  it('gives retry-after as the whole seconds until the oldest request leaves the window, at least 1', () => {
    const time = clock();
    const limiter = createRateLimiter({ limit: 2, now: time.now });
    limiter.take();
    time.advance(10_500);
    limiter.take();
    time.advance(20_000);
    // The oldest leaves at 60 s; 30.5 s have passed: 29.5 s -> 30.
    expect(refused(limiter.take()).error.headers['retry-after']).toBe('30');
    time.advance(29_400);
    expect(refused(limiter.take()).error.headers['retry-after']).toBe('1');
    time.advance(100);
    expect(limiter.take()).toMatchObject({ ok: true, remaining: 0 });
  });

  it('slides: each request frees its slot exactly one window after it, refusals are not counted', () => {
    const time = clock();
    const limiter = createRateLimiter({ limit: 2, windowMs: 1000, now: time.now });
    limiter.take();
    time.advance(400);
    limiter.take();
    for (let i = 0; i < 5; i++) expect(limiter.take().ok).toBe(false);
    time.advance(599);
    expect(limiter.take().ok).toBe(false);
    time.advance(1);
    expect(limiter.take()).toMatchObject({ ok: true, remaining: 0 });
    expect(limiter.take().ok).toBe(false);
    time.advance(400);
    expect(limiter.take()).toMatchObject({ ok: true, remaining: 0 });
  });

  it('reports when the window is empty again, on success and refusal', () => {
    const time = clock();
    const limiter = createRateLimiter({ limit: 2, windowMs: 10_000, now: time.now });
    limiter.take();
    time.advance(3000);
    limiter.take();
    time.advance(1000);
    expect(refused(limiter.take()).resetMs).toBe(9000);
  });

  it('keeps keys independent; no key is one shared bucket', () => {
    const time = clock();
    const limiter = createRateLimiter({ limit: 1, now: time.now });
    expect(limiter.take('sk-a').ok).toBe(true);
    expect(limiter.take('sk-a').ok).toBe(false);
    expect(limiter.take('sk-b').ok).toBe(true);
    expect(limiter.take().ok).toBe(true);
    expect(limiter.take(undefined).ok).toBe(false);
  });

  it('bounds memory: keys whose requests have all expired are dropped', () => {
    const time = clock();
    const limiter = createRateLimiter({ limit: 5, windowMs: 1000, now: time.now });
    for (let i = 0; i < 1000; i++) limiter.take(`sk-${i}`);
    expect(limiter.trackedKeys()).toBe(1000);
    time.advance(1000);
    limiter.take('sk-new');
    expect(limiter.trackedKeys()).toBe(1);
    for (let i = 0; i < 50; i++) {
      time.advance(500);
      limiter.take(`sk-round-${i}`);
    }
    expect(limiter.trackedKeys()).toBeLessThanOrEqual(4);
  });

  it('says per second or per hour in the message for other windows', () => {
    const time = clock();
    const perSecond = createRateLimiter({ limit: 1, windowMs: 1000, now: time.now });
    perSecond.take();
    const { error } = refused(perSecond.take());
    expect(error.message).toContain('images per second');
    expect(error.message).toContain('Limit: 1/1s. Current: 2/1s.');
    expect(error.headers['retry-after']).toBe('1');
    const perHour = createRateLimiter({ limit: 1, windowMs: 3_600_000, now: time.now });
    perHour.take();
    expect(refused(perHour.take()).error.message).toContain('Limit: 1/1h. Current: 2/1h.');
  });

  it('refuses a limit below 1 or a window that is not positive', () => {
    expect(() => createRateLimiter({ limit: 0 })).toThrow(ConfigError);
    expect(() => createRateLimiter({ limit: 1.5 })).toThrow(ConfigError);
    expect(() => createRateLimiter({ limit: 1, windowMs: 0 })).toThrow(ConfigError);
  });
});

describe('parseRateLimit', () => {
  it('reads counts per second, minute and hour', () => {
    expect(parseRateLimit('15/min')).toEqual({ limit: 15, windowMs: 60_000 });
    for (const text of ['15/m', '15/minute', '15/MIN'])
      expect(parseRateLimit(text)).toEqual(parseRateLimit('15/min'));
    for (const text of ['2/s', '2/sec', '2/Second'])
      expect(parseRateLimit(text)).toEqual({ limit: 2, windowMs: 1000 });
    expect(parseRateLimit('100/hour')).toEqual({ limit: 100, windowMs: 3_600_000 });
    expect(parseRateLimit(' 100 / h ')).toEqual({ limit: 100, windowMs: 3_600_000 });
  });

  it('throws a one-line UsageError on anything else', () => {
    for (const text of [
      '',
      '0/min',
      '-1',
      '1.5/s',
      '15/day',
      '15/',
      '/min',
      'fifteen',
      '15 per min',
      '15/mins',
    ]) {
      expect(() => parseRateLimit(text)).toThrow(UsageError);
    }
    expect(() => parseRateLimit(' 5 ')).toThrow("--rate-limit needs a unit: 5/min, 5/s or 5/h, got ' 5 '");
    expect(() => parseRateLimit('15/day')).toThrow(
      "--rate-limit must be a count per time such as 15/min, 2/s or 100/hour, got '15/day'",
    );
  });
});
