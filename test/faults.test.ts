import request from 'supertest';
import { describe, expect, it } from 'vitest';
import type { AppOptions } from '../src/http/create-app.js';
import { createChaos } from '../src/faults/chaos.js';
import { AUTH, testApp } from './helpers.js';

const BODY = { model: 'gpt-image-1', prompt: 'a fox', quality: 'low' };

interface Envelope {
  error: { message: string; type: string; param: string | null; code: string | null };
}

/** One generation request: the Prefer header, the query string and the prompt are where faults are asked. */
async function generate(
  ask: { prefer?: string; query?: string; prompt?: string } = {},
  options: Partial<AppOptions> = {},
) {
  const req = request(await testApp(options))
    .post(`/v1/images/generations${ask.query ?? ''}`)
    .set(AUTH);
  if (ask.prefer !== undefined) void req.set('prefer', ask.prefer);
  return req.send({ ...BODY, ...(ask.prompt !== undefined ? { prompt: ask.prompt } : {}) });
}

describe('a directive the mock does not know is a 400, in every source', () => {
  it.each([
    [{ prefer: 'scenaro=rate_limit' }, 'Prefer: scenaro=rate_limit', "'scenario'", null],
    [{ query: '?__scenaro=rate_limit' }, '__scenaro=rate_limit', "'__scenario'", '__scenaro'],
    [{ prompt: 'a fox [mock:scenaro=rate_limit]' }, '[mock:scenaro=rate_limit]', "'scenario'", 'prompt'],
  ])('%j names the directive and the name it was probably meant to be', async (ask, written, hint, param) => {
    const res = await generate(ask);
    expect(res.status).toBe(400);
    expect((res.body as Envelope).error).toEqual({
      message: expect.stringContaining(`Invalid mock directive ${written}: did you mean ${hint}?`) as string,
      type: 'invalid_request_error',
      param,
      code: 'invalid_mock_directive',
    });
  });

  it("answers Prism's example and dynamic with what to use instead", async () => {
    for (const ask of [{ prefer: 'example=big' }, { prefer: 'dynamic=true' }, { query: '?__example=big' }]) {
      const res = await generate(ask);
      expect(res.status).toBe(400);
      const { message } = (res.body as Envelope).error;
      expect(message).toMatch(
        /mean nothing here: images are drawn from the request, not picked from examples/,
      );
      expect(message).toMatch(/scenario=<name> or (__)?code=<status>/);
    }
  });

  it('names any other unknown preference', async () => {
    const res = await generate({ prefer: 'code=429, colour=red' });
    expect(res.status).toBe(400);
    expect((res.body as Envelope).error.message).toMatch(/^Invalid mock directive Prefer: colour=red: /);
  });

  it('ignores the standard RFC 7240 preferences and query parameters without __', async () => {
    const ignored = await generate({
      prefer: 'return=representation, respond-async, wait=5, handling=strict',
      query: '?page=2&scenaro=rate_limit&_code=500',
    });
    expect(ignored.status).toBe(200);
    const asked = await generate({ prefer: 'return=minimal, scenario=rate_limit' });
    expect(asked.status).toBe(429);
  });
});

describe('a 429 asked for on demand carries the rate-limit headers of a real one', () => {
  const limiterHeaders = [
    'x-ratelimit-limit-requests',
    'x-ratelimit-remaining-requests',
    'x-ratelimit-reset-requests',
  ];

  it('the real limiter sends them', async () => {
    const app = await testApp({ rateLimit: { limit: 1, windowMs: 60_000 } });
    await request(app).post('/v1/images/generations').set(AUTH).send(BODY);
    const refused = await request(app).post('/v1/images/generations').set(AUTH).send(BODY);
    expect(refused.status).toBe(429);
    for (const name of limiterHeaders) expect(refused.headers).toHaveProperty(name);
  });

  it.each([
    [{ prefer: 'scenario=rate_limit' }],
    [{ prefer: 'code=429' }],
    [{ query: '?__scenario=rate_limit' }],
    [{ query: '?__code=429' }],
    [{ prompt: 'a fox [mock:scenario=rate_limit]' }],
    [{ prompt: 'a fox [mock:code=429]' }],
  ])('%j: remaining 0 and reset equal to retry-after, the limit the body names', async (ask) => {
    const res = await generate(ask);
    expect(res.status).toBe(429);
    expect((res.body as Envelope).error.message).toContain('Limit: 15/1min. Current: 16/1min.');
    expect(res.headers).toMatchObject({
      'retry-after': '1',
      'x-ratelimit-limit-requests': '15',
      'x-ratelimit-remaining-requests': '0',
      'x-ratelimit-reset-requests': '1s',
    });
  });

  it('takes the limit of --rate-limit when one is set', async () => {
    const res = await generate(
      { prefer: 'scenario=rate_limit' },
      { rateLimit: { limit: 5, windowMs: 60_000 } },
    );
    expect((res.body as Envelope).error.message).toContain('Limit: 5/1min. Current: 6/1min.');
    expect(res.headers).toMatchObject({
      'x-ratelimit-limit-requests': '5',
      'x-ratelimit-remaining-requests': '0',
      'x-ratelimit-reset-requests': '1s',
    });
  });

  it('--chaos: an injected 429 says nothing is left, even when the limiter had room', async () => {
    const seed = [...Array(100).keys()].find(
      (s) => createChaos({ rate: 1, seed: s }).next() === 'rate_limit',
    );
    const options = { chaos: 1, seed: seed ?? 0, rateLimit: { limit: 10, windowMs: 60_000 } };
    const res = await generate({}, options);
    expect(res.status).toBe(429);
    expect((res.body as Envelope).error.code).toBe('rate_limit_exceeded');
    expect(res.headers).toMatchObject({
      'retry-after': '1',
      'x-ratelimit-limit-requests': '10',
      'x-ratelimit-remaining-requests': '0',
      'x-ratelimit-reset-requests': '1s',
    });
  });

  it('insufficient_quota stays without retry-after or rate-limit headers: waiting does not help', async () => {
    const res = await generate({ prefer: 'scenario=insufficient_quota' });
    expect(res.status).toBe(429);
    for (const name of ['retry-after', ...limiterHeaders]) expect(res.headers).not.toHaveProperty(name);
  });
});
