import request from 'supertest';
import { afterEach, describe, expect, it } from 'vitest';
import type { JournalEntry } from '../src/index.js';
import { startServer, type RunningServer } from '../src/http/start-server.js';
import { AUTH, bundledSpec, testApp } from './helpers.js';

const GENERATE = '/v1/images/generations';
const fox = { model: 'dall-e-2', prompt: 'a red fox', size: '256x256' };

/** The journal once it holds `count` entries: an unanswered request is recorded when its socket closes. */
async function settled(mock: RunningServer, count: number): Promise<JournalEntry[]> {
  for (let tries = 0; tries < 200 && mock.requests().length < count; tries++) {
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  return mock.requests();
}

async function post(mock: RunningServer, prefer: string, signal?: AbortSignal): Promise<unknown> {
  return fetch(`${mock.url}${GENERATE}`, {
    method: 'POST',
    headers: { ...AUTH, 'content-type': 'application/json', prefer },
    body: JSON.stringify(fox),
    ...(signal ? { signal } : {}),
  }).then(
    (res) => res.text(),
    (error: unknown) => error,
  );
}

describe('requests that end without an answer', () => {
  let mock: RunningServer | undefined;
  afterEach(async () => {
    await mock?.close();
    mock = undefined;
  });

  it('records a reset once, with status 0, its outcome and its fault', async () => {
    mock = await startServer({ port: 0, spec: await bundledSpec() });
    expect(await post(mock, 'scenario=reset')).toBeInstanceOf(Error);
    const [entry, ...rest] = await settled(mock, 1);
    expect(entry).toMatchObject({
      path: GENERATE,
      status: 0,
      outcome: 'reset',
      request: { body: fox },
      fault: { source: 'directive', scenario: 'reset' },
      response: { status: 0 },
    });
    expect(entry?.durationMs).toBeGreaterThanOrEqual(0);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(rest).toEqual([]);
    expect(mock.requests()).toHaveLength(1);
  });

  it('records a timeout the client gave up on once, with the outcome timeout', async () => {
    mock = await startServer({ port: 0, spec: await bundledSpec() });
    const controller = new AbortController();
    const sent = post(mock, 'scenario=timeout', controller.signal);
    setTimeout(() => controller.abort(), 200);
    expect(await sent).toBeInstanceOf(Error);
    const entries = await settled(mock, 1);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(mock.requests()).toHaveLength(1);
    expect(entries[0]).toMatchObject({
      status: 0,
      outcome: 'timeout',
      fault: { source: 'directive', scenario: 'timeout' },
    });
    expect(entries[0]?.durationMs).toBeGreaterThanOrEqual(150);
  });

  it('records a client that hung up during a delay as client-closed, the delay as its fault', async () => {
    mock = await startServer({ port: 0, spec: await bundledSpec() });
    const controller = new AbortController();
    const sent = post(mock, 'delay=5000', controller.signal);
    setTimeout(() => controller.abort(), 200);
    await sent;
    const [entry] = await settled(mock, 1);
    expect(entry).toMatchObject({
      status: 0,
      outcome: 'client-closed',
      fault: { source: 'directive', delayMs: 5000 },
    });
    expect(entry?.response.images).toBeUndefined();
  });

  it('records a stream the client left mid-way as client-closed, with the 200 it had sent', async () => {
    mock = await startServer({ port: 0, spec: await bundledSpec() });
    const controller = new AbortController();
    const body = { model: 'gpt-image-1', prompt: 'a fox', quality: 'low', size: '1024x1024', stream: true };
    const res = await fetch(`${mock.url}${GENERATE}`, {
      method: 'POST',
      headers: { ...AUTH, 'content-type': 'application/json', prefer: 'delay=5000' },
      body: JSON.stringify({ ...body, partial_images: 2 }),
      signal: controller.signal,
    });
    expect(res.status).toBe(200);
    controller.abort();
    const [entry] = await settled(mock, 1);
    expect(entry).toMatchObject({ status: 0, outcome: 'client-closed', response: { status: 200 } });
    expect(entry?.response.images).toBeUndefined();
  });
});

describe('a delay-only directive', () => {
  it('is the fault of an answered request', async () => {
    const app = await testApp();
    await request(app).post(GENERATE).set(AUTH).set('Prefer', 'delay=1').send(fox);
    await request(app).post(GENERATE).set(AUTH).set('Prefer', 'code=500, delay=1').send(fox);
    await request(app).post(GENERATE).set(AUTH).send(fox);
    const res = await request(app).get('/__imagegen/requests');
    const [delayed, failed, plain] = (res.body as { data: JournalEntry[] }).data;
    expect(delayed).toMatchObject({
      status: 200,
      outcome: 'answered',
      fault: { source: 'directive', delayMs: 1 },
    });
    expect(delayed?.fault?.scenario).toBeUndefined();
    expect(failed).toMatchObject({ status: 500, fault: { source: 'directive', delayMs: 1 } });
    expect(plain).toMatchObject({ outcome: 'answered', fault: null });
  });
});
