import { createServer } from 'node:net';
import { describe, expect, it } from 'vitest';
import { ContractConnectionError, ContractCredentialsError } from './contract-error.js';
import { createRunner, retryDelay } from './runner.js';
import type { ContractEvent, PlannedRequest } from './types.js';

const request: PlannedRequest = {
  method: 'POST',
  url: 'http://127.0.0.1:9/v1/images/generations',
  headers: {},
  body: '{}',
  billableImages: 1,
  estimatedCostUsd: 0,
  purpose: 'generate.b64',
};

/** A fetch that answers from a script, one response per call. */
function scripted(responses: (() => Response)[]): typeof fetch & { calls: number } {
  const fake = Object.assign(
    () => {
      const next = responses[fake.calls++];
      return Promise.resolve(next ? next() : new Response('{}', { status: 200 }));
    },
    { calls: 0 },
  );
  return fake;
}

const tooMany =
  (headers: Record<string, string> = {}, body = '{"error":{"code":"rate_limit_exceeded"}}') =>
  () =>
    new Response(body, { status: 429, headers });

function setup(fetchFn: typeof fetch, extra: { maxRetries?: number; concurrency?: number } = {}) {
  const waits: number[] = [];
  const events: ContractEvent[] = [];
  const runner = createRunner({
    fetch: fetchFn,
    concurrency: extra.concurrency ?? 2,
    maxRetries: extra.maxRetries ?? 3,
    maxRetryAfterMs: 60_000,
    keyGiven: true,
    onEvent: (event) => events.push(event),
    sleep: (ms) => {
      waits.push(ms);
      return Promise.resolve();
    },
  });
  return { runner, waits, events };
}

describe('createRunner', () => {
  it('retries a 429 after the wait retry-after names, then returns the answer', async () => {
    const fetchFn = scripted([tooMany({ 'retry-after': '2' }), tooMany({ 'retry-after-ms': '150.5' })]);
    const { runner, waits, events } = setup(fetchFn);
    const outcome = await runner.send(request, 1000);
    expect(outcome.ok && outcome.exchange.status).toBe(200);
    expect(outcome.ok && outcome.exchange.retries).toBe(2);
    expect(waits).toEqual([2000, 151]);
    expect(events.filter((event) => event.type === 'retry')).toHaveLength(2);
  });

  it('gives up after maxRetries and returns the last 429', async () => {
    const fetchFn = scripted([tooMany(), tooMany(), tooMany()]);
    const { runner, waits } = setup(fetchFn, { maxRetries: 2 });
    const outcome = await runner.send(request, 1000);
    expect(outcome.ok && outcome.exchange.status).toBe(429);
    expect(waits).toEqual([1000, 2000]);
  });

  it('does not retry when asked to wait beyond the bound, or when the quota is gone', () => {
    const exchange = (headers: Record<string, string>, body = '') => ({ headers, body: Buffer.from(body) });
    expect(retryDelay(exchange({ 'retry-after': '600' }), 0, 60_000)).toBeUndefined();
    expect(retryDelay(exchange({}, '{"error":{"code":"insufficient_quota"}}'), 0, 60_000)).toBeUndefined();
    expect(
      retryDelay(exchange({ 'retry-after': new Date(Date.now() + 5000).toUTCString() }), 0, 60_000),
    ).toBeGreaterThan(3000);
    expect(retryDelay(exchange({}), 10, 60_000)).toBe(60_000);
  });

  it('stops waiting at the timeout, even for a fetch that ignores its signal', async () => {
    const never = (() => new Promise<Response>(() => undefined)) as typeof fetch;
    const { runner, events } = setup(never);
    const started = performance.now();
    const outcome = await runner.send(request, 50);
    expect(performance.now() - started).toBeLessThan(2000);
    expect(outcome).toMatchObject({ ok: false, failure: 'timeout', message: 'no answer within 50 ms' });
    expect(events.at(-1)).toMatchObject({ type: 'request-end', status: 0 });
  });

  it('stops the run on a 401 or 403 to a request with the configured key, and only then', async () => {
    const refusal = (status: number) => () =>
      new Response(
        JSON.stringify({ error: { message: 'Incorrect API key provided: sk-ab***yz. See docs.' } }),
        {
          status,
        },
      );
    const omitted = { ...request, purpose: 'auth.missing-key', credentials: 'omitted' as const };
    const configured = { ...request, credentials: 'configured' as const };
    const fetchFn = scripted([refusal(401), refusal(401), refusal(403)]);
    const { runner } = setup(fetchFn);
    // A request sent without a key on purpose may be refused: that is what auth checks want to see.
    expect(await runner.send(omitted, 1000)).toMatchObject({ ok: true, exchange: { status: 401 } });
    const stopped = runner.send(configured, 1000);
    await expect(stopped).rejects.toThrow(ContractCredentialsError);
    await expect(stopped).rejects.toThrow(
      'http://127.0.0.1:9 refused the API key (401: Incorrect API key provided: sk-ab***yz.)',
    );
    // Every later request of the run throws the same error, without being sent.
    await expect(runner.send(configured, 1000)).rejects.toThrow(ContractCredentialsError);
    expect(fetchFn.calls).toBe(2);
  });

  it('says the provider demands a key when none was given', async () => {
    const fetchFn = scripted([
      () => new Response('{"error":{"message":"You didn\'t provide an API key."}}', { status: 401 }),
    ]);
    const runner = createRunner({
      fetch: fetchFn,
      concurrency: 1,
      maxRetries: 0,
      maxRetryAfterMs: 0,
      keyGiven: false,
    });
    await expect(runner.send({ ...request, credentials: 'configured' }, 1000)).rejects.toThrow(
      "demands an API key and none was given (401: You didn't provide an API key.)",
    );
  });

  it('throws ContractConnectionError when the provider refuses connections', async () => {
    const port = await closedPort();
    const { runner } = setup(fetch);
    const refused = { ...request, url: `http://127.0.0.1:${port}/v1/images/generations` };
    await expect(runner.send(refused, 5000)).rejects.toThrow(ContractConnectionError);
    await expect(runner.send(refused, 5000)).rejects.toThrow(/cannot reach http:\/\/127.0.0.1/);
  });

  it('reports an unreachable image host as a failed request, not a connection error', async () => {
    const port = await closedPort();
    const { runner } = setup(fetch);
    const image = { ...request, method: 'GET' as const, url: `http://127.0.0.1:${port}/img.png` };
    expect(await runner.send(image, 5000, { provider: false })).toMatchObject({
      ok: false,
      failure: 'network',
    });
  });

  it('keeps at most `concurrency` requests in flight', async () => {
    let inFlight = 0;
    let peak = 0;
    const slow = (async () => {
      peak = Math.max(peak, ++inFlight);
      await new Promise((resolve) => setTimeout(resolve, 10));
      inFlight--;
      return new Response('{}');
    }) as typeof fetch;
    const { runner } = setup(slow, { concurrency: 2 });
    await Promise.all(Array.from({ length: 6 }, () => runner.send(request, 1000)));
    expect(peak).toBe(2);
  });
});

/** A port on 127.0.0.1 that nothing listens on. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return typeof address === 'object' && address ? address.port : 0;
}
