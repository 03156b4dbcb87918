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

  it('says where a failure came from: the request, the limiter or chaos', () => {
    const asked = createFaultPolicy(settings, () => 0).decide(input({ prefer: 'scenario=server_error' }));
    expect(asked.applied).toEqual({ source: 'directive', scenario: 'server_error' });
    const limiting = createFaultPolicy({ ...settings, rateLimit: { limit: 1, windowMs: 60_000 } }, () => 0);
    limiting.decide(input({ apiKey: 'sk-a' }));
    expect(limiting.decide(input({ apiKey: 'sk-a' })).applied).toEqual({ source: 'limiter' });
    const chaotic = createFaultPolicy({ ...settings, chaos: 1 }, () => 0).decide(input());
    expect(chaotic.applied).toMatchObject({ source: 'chaos', scenario: expect.any(String) as unknown });
    const lookup = { model: profile, requestId: 'req_2', prefer: 'scenario=reset' };
    expect(createFaultPolicy(settings, () => 0).decideLookup(lookup).applied).toEqual({
      source: 'directive',
      scenario: 'reset',
    });
  });

  describe('decideLookup (a request that generates nothing)', () => {
    const lookup = { model: profile, requestId: 'req_2', apiKey: 'sk-a' };

    it('follows the header and query directives, naming the model asked about', () => {
      const policy = createFaultPolicy(settings, () => 0);
      expect(policy.decideLookup(lookup)).toEqual({ delayMs: 0, headers: {} });
      const forbidden = policy.decideLookup({ ...lookup, prefer: 'code=403' }).action;
      expect(forbidden?.type === 'error' && forbidden.error.message).toContain('`gpt-image-1`');
      expect(policy.decideLookup({ ...lookup, query: { __scenario: 'reset' } }).action).toEqual({
        type: 'reset',
      });
      expect(policy.decideLookup({ ...lookup, query: { __delay: '40' } }).delayMs).toBe(40);
      expect(() => policy.decideLookup({ ...lookup, query: { __scenaro: 'reset' } })).toThrow(ApiError);
    });

    it('takes no slot of the rate limiter', () => {
      const policy = createFaultPolicy({ ...settings, rateLimit: { limit: 1, windowMs: 60_000 } }, () => 0);
      for (let i = 0; i < 3; i++) expect(policy.decideLookup(lookup)).toEqual({ delayMs: 0, headers: {} });
      expect(policy.decide(input({ apiKey: 'sk-a' })).action).toBeUndefined();
    });

    it('draws nothing from the seeded chaos, so generations fail as they would without lookups', () => {
      const chaotic = { ...settings, chaos: 0.5, seed: 7 };
      const plain = createFaultPolicy(chaotic, () => 0);
      const withLookups = createFaultPolicy(chaotic, () => 0);
      for (let i = 0; i < 20; i++) {
        expect(withLookups.decideLookup(lookup).action).toBeUndefined();
        expect(withLookups.decide(input()).action?.type).toBe(plain.decide(input()).action?.type);
      }
    });

    it('takes the time of a quick answer, not of an image', () => {
      const policy = createFaultPolicy({ latency: 'realistic', seed: 1 }, () => 0);
      for (let i = 0; i < 5; i++) {
        expect(policy.decideLookup(lookup).delayMs).toBeGreaterThanOrEqual(20);
        expect(policy.decideLookup(lookup).delayMs).toBeLessThanOrEqual(300);
      }
    });
  });
});
