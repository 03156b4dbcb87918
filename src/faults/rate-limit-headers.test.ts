import { describe, expect, it } from 'vitest';
import { formatResetDuration, rateLimitHeaders } from './rate-limit-headers.js';

describe('formatResetDuration', () => {
  it('writes durations as the real x-ratelimit-reset-* headers do', () => {
    expect(formatResetDuration(6)).toBe('6ms');
    expect(formatResetDuration(999)).toBe('999ms');
    expect(formatResetDuration(1000)).toBe('1s');
    expect(formatResetDuration(8640)).toBe('8.64s');
    expect(formatResetDuration(1005)).toBe('1.005s');
    expect(formatResetDuration(90_000)).toBe('1m30s');
    expect(formatResetDuration(360_000)).toBe('6m0s');
    expect(formatResetDuration(3_600_000)).toBe('1h0m0s');
    expect(formatResetDuration(3_661_500)).toBe('1h1m1.5s');
  });

  it('rounds to whole milliseconds and never goes negative', () => {
    expect(formatResetDuration(0)).toBe('0s');
    expect(formatResetDuration(-5)).toBe('0s');
    expect(formatResetDuration(12.4)).toBe('12ms');
  });
});

describe('rateLimitHeaders', () => {
  it('gives the three request headers', () => {
    expect(rateLimitHeaders({ limit: 15, remaining: 14, resetMs: 90_000 })).toEqual({
      'x-ratelimit-limit-requests': '15',
      'x-ratelimit-remaining-requests': '14',
      'x-ratelimit-reset-requests': '1m30s',
    });
  });

  it('never says a negative remaining', () => {
    expect(rateLimitHeaders({ limit: 1, remaining: -1, resetMs: 5 })['x-ratelimit-remaining-requests']).toBe(
      '0',
    );
  });
});
