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
  it('lets a valid request through, at once, when nothing is asked for or configured', async () => {
    expect(await createFaultPolicy(settings, () => 0).decide(input())).toEqual({ delayMs: 0, headers: {} });
  });

  it('reads the directives from plain header and query values', async () => {
    const policy = createFaultPolicy(settings, () => 0);
    const fromHeader = (await policy.decide(input({ prefer: 'code=429' }))).action;
    expect(fromHeader?.type === 'error' && fromHeader.error.status).toBe(429);
    expect((await policy.decide(input({ query: { __delay: '25' } }))).delayMs).toBe(25);
    await expect(policy.decide(input({ prefer: 'scenario=nope' }))).rejects.toThrow(ApiError);
  });

  it('counts the rate limit per API key', async () => {
    const policy = createFaultPolicy({ ...settings, rateLimit: { limit: 1, windowMs: 60_000 } }, () => 0);
    expect((await policy.decide(input({ apiKey: 'sk-a' }))).action).toBeUndefined();
    expect((await policy.decide(input({ apiKey: 'sk-b' }))).action).toBeUndefined();
    const limited = await policy.decide(input({ apiKey: 'sk-a' }));
    expect(limited.action?.type === 'error' && limited.action.error.code).toBe('rate_limit_exceeded');
    expect(limited.headers['x-ratelimit-limit-requests']).toBe('1');
  });

  it('says where a failure came from: the request, the limiter or chaos', async () => {
    const asked = await createFaultPolicy(settings, () => 0).decide(
      input({ prefer: 'scenario=server_error' }),
    );
    expect(asked.applied).toEqual({ source: 'directive', scenario: 'server_error' });
    const limiting = createFaultPolicy({ ...settings, rateLimit: { limit: 1, windowMs: 60_000 } }, () => 0);
    await limiting.decide(input({ apiKey: 'sk-a' }));
    expect((await limiting.decide(input({ apiKey: 'sk-a' }))).applied).toEqual({ source: 'limiter' });
    const chaotic = await createFaultPolicy({ ...settings, chaos: 1 }, () => 0).decide(input());
    expect(chaotic.applied).toMatchObject({ source: 'chaos', scenario: expect.any(String) as unknown });
    const lookup = { model: profile, requestId: 'req_2', prefer: 'scenario=reset' };
    expect(createFaultPolicy(settings, () => 0).decideLookup(lookup).applied).toEqual({
      source: 'directive',
      scenario: 'reset',
    });
  });

  it('counts with a shared limiter when given one, awaiting its answer, headers included', async () => {
    const taken: (string | undefined)[] = [];
    const shared = {
      limit: 2,
      windowMs: 1000,
      take: (key?: string) => {
        taken.push(key);
        return Promise.resolve({ ok: true as const, remaining: 1, resetMs: 1000 });
      },
    };
    const policy = createFaultPolicy(
      { ...settings, rateLimit: { limit: 2, windowMs: 1000 } },
      () => 0,
      shared,
    );
    const decision = await policy.decide(input({ apiKey: 'sk-a' }));
    expect(taken).toEqual(['sk-a']);
    expect(decision.headers).toEqual({
      'x-ratelimit-limit-requests': '2',
      'x-ratelimit-remaining-requests': '1',
      'x-ratelimit-reset-requests': '1s',
    });
    // A directive that names a scenario (even `none`) takes no slot, as with the in-process limiter.
    await policy.decide(input({ apiKey: 'sk-a', prefer: 'scenario=none' }));
    await policy.decide(input({ apiKey: 'sk-a', prefer: 'code=500' }));
    expect(taken).toEqual(['sk-a']);
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

    it('takes no slot of the rate limiter', async () => {
      const policy = createFaultPolicy({ ...settings, rateLimit: { limit: 1, windowMs: 60_000 } }, () => 0);
      for (let i = 0; i < 3; i++) expect(policy.decideLookup(lookup)).toEqual({ delayMs: 0, headers: {} });
      expect((await policy.decide(input({ apiKey: 'sk-a' }))).action).toBeUndefined();
    });

    it('draws nothing from the seeded chaos, so generations fail as they would without lookups', async () => {
      const chaotic = { ...settings, chaos: 0.5, seed: 7 };
      const plain = createFaultPolicy(chaotic, () => 0);
      const withLookups = createFaultPolicy(chaotic, () => 0);
      for (let i = 0; i < 20; i++) {
        expect(withLookups.decideLookup(lookup).action).toBeUndefined();
        const [mixed, alone] = await Promise.all([withLookups.decide(input()), plain.decide(input())]);
        expect(mixed.action?.type).toBe(alone.action?.type);
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
