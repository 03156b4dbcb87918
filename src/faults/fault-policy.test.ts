import { describe, expect, it } from 'vitest';
import { ApiError } from '../errors.js';
import { loadSpec } from '../openapi/load-spec.js';
import { createFaultPolicy, type FaultInput } from './fault-policy.js';

const spec = await loadSpec();
const profile = spec.models.get('gpt-image-1')!;
const input = (overrides: Partial<FaultInput> = {}): FaultInput => ({
  request: { prompt: 'a fox', profile, quality: 'low', size: '1024x1024', n: 1 },
  requestId: 'req_1',
  ...overrides,
});
const settings = { latency: 'off', seed: 1 } as const;

describe('createFaultPolicy', () => {
  it('lets a valid request through, at once, when nothing is asked for or configured', () => {
    expect(createFaultPolicy(settings, () => 0).decide(input())).toEqual({ delayMs: 0, headers: {} });
  });

  it('reads the directives from plain header and query values', () => {
    const policy = createFaultPolicy(settings, () => 0);
    const fromHeader = policy.decide(input({ prefer: 'code=429' })).action;
    expect(fromHeader?.type === 'error' && fromHeader.error.status).toBe(429);
    expect(policy.decide(input({ query: { __delay: '25' } })).delayMs).toBe(25);
    expect(() => policy.decide(input({ prefer: 'scenario=nope' }))).toThrow(ApiError);
  });

  it('counts the rate limit per API key', () => {
    const policy = createFaultPolicy({ ...settings, rateLimit: { limit: 1, windowMs: 60_000 } }, () => 0);
    expect(policy.decide(input({ apiKey: 'sk-a' })).action).toBeUndefined();
    expect(policy.decide(input({ apiKey: 'sk-b' })).action).toBeUndefined();
    const limited = policy.decide(input({ apiKey: 'sk-a' }));
    expect(limited.action?.type === 'error' && limited.action.error.code).toBe('rate_limit_exceeded');
    expect(limited.headers['x-ratelimit-limit-requests']).toBe('1');
  });
});
