import { readFileSync } from 'node:fs';
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { AUTH, testApp } from './helpers.js';

interface InvalidCase {
  name: string;
  body?: unknown;
  raw?: string;
  contentType?: string;
  status: number;
  param: string | null;
  code: string | null;
  message?: string;
  messageStartsWith?: string;
}

const corpus = JSON.parse(
  readFileSync(new URL('../fixtures/invalid-requests.json', import.meta.url), 'utf8'),
) as InvalidCase[];

interface Envelope {
  error: { message: string; type: string; param: string | null; code: string | null };
}

function expectEnvelope(body: unknown): Envelope['error'] {
  const { error } = body as Envelope;
  expect(Object.keys(error)).toEqual(['message', 'type', 'param', 'code']);
  expect(error.message).toBeTypeOf('string');
  expect(error.message.length).toBeGreaterThan(0);
  return error;
}

describe('invalid requests (fixtures/invalid-requests.json)', () => {
  it.each(corpus.map((entry) => [entry.name, entry] as const))('%s', async (_name, entry) => {
    const app = await testApp();
    const req = request(app).post('/v1/images/generations').set(AUTH);
    const res =
      entry.raw !== undefined
        ? await req.set('content-type', entry.contentType ?? 'application/json').send(entry.raw)
        : await req.send(entry.body as object);
    expect(res.status).toBe(entry.status);
    expect(res.headers['content-type']).toBe('application/json');
    expect(res.headers['x-request-id']).toMatch(/^req_[0-9a-f]{32}$/);
    const error = expectEnvelope(res.body);
    expect(error.type).toBe('invalid_request_error');
    expect(error.param).toBe(entry.param);
    expect(error.code).toBe(entry.code);
    if (entry.message) expect(error.message).toBe(entry.message);
    if (entry.messageStartsWith) expect(error.message.startsWith(entry.messageStartsWith)).toBe(true);
  });

  it('pretty-prints error bodies with two spaces, as the real API does', async () => {
    const res = await request(await testApp())
      .post('/v1/images/generations')
      .set(AUTH)
      .send({});
    expect(res.text).toBe(JSON.stringify(res.body, null, 2));
  });
});

describe('authentication', () => {
  const body = { prompt: 'a cat', size: '256x256' };

  it('answers a request without a key with the real "no API key" 401', async () => {
    const res = await request(await testApp())
      .post('/v1/images/generations')
      .send(body);
    expect(res.status).toBe(401);
    const error = expectEnvelope(res.body);
    expect(error).toMatchObject({ type: 'invalid_request_error', param: null, code: null });
    expect(error.message).toMatch(/^You didn't provide an API key\./);
  });

  it.each([['Basic dXNlcjpwYXNz'], ['Bearer'], ['Bearer    '], ['sk-no-scheme']])(
    'treats Authorization "%s" as no key',
    async (authorization) => {
      const res = await request(await testApp())
        .post('/v1/images/generations')
        .set('Authorization', authorization)
        .send(body);
      expect(res.status).toBe(401);
      expect(expectEnvelope(res.body).code).toBeNull();
    },
  );

  it('accepts any non-empty Bearer token by default', async () => {
    const res = await request(await testApp())
      .post('/v1/images/generations')
      .set('Authorization', 'Bearer x')
      .send(body);
    expect(res.status).toBe(200);
  });

  it('restricts to the configured keys and masks a wrong key as the real API does', async () => {
    const app = await testApp({ apiKeys: ['sk-right-key-1', 'sk-right-key-2'] });
    const ok = await request(app)
      .post('/v1/images/generations')
      .set('Authorization', 'Bearer sk-right-key-2')
      .send(body);
    expect(ok.status).toBe(200);
    const wrong = await request(app)
      .post('/v1/images/generations')
      .set('Authorization', 'Bearer sk-invalid-key-for-testing')
      .send(body);
    expect(wrong.status).toBe(401);
    expect(expectEnvelope(wrong.body)).toMatchObject({
      code: 'invalid_api_key',
      param: null,
      message:
        'Incorrect API key provided: sk-inval**************ting. You can find your API key at https://platform.openai.com/account/api-keys.',
    });
  });

  it('checks the key before the body: a bad body without a key is a 401', async () => {
    const res = await request(await testApp())
      .post('/v1/images/generations')
      .set('content-type', 'application/json')
      .send('{not json');
    expect(res.status).toBe(401);
  });
});

describe('routes and transport errors', () => {
  it('answers an unknown route with the real 404', async () => {
    const res = await request(await testApp())
      .post('/v1/images/variations/nope')
      .set(AUTH)
      .send({});
    expect(res.status).toBe(404);
    expect(expectEnvelope(res.body).message).toBe('Invalid URL (POST /v1/images/variations/nope)');
  });

  it.each(['GET', 'PUT', 'DELETE', 'PATCH'])(
    'answers %s on the generations route with 405 and Allow',
    async (method) => {
      const app = await testApp();
      const res = await request(app)[method.toLowerCase() as 'get']('/v1/images/generations').set(AUTH);
      expect(res.status).toBe(405);
      expect(res.headers.allow).toBe('POST');
      expect(expectEnvelope(res.body).message).toBe(
        `Invalid method for URL (${method} /v1/images/generations)`,
      );
    },
  );

  it('answers a body over the limit with 413 in the envelope', async () => {
    const app = await testApp({ bodyLimitBytes: 1024 });
    const res = await request(app)
      .post('/v1/images/generations')
      .set(AUTH)
      .send({ prompt: 'x'.repeat(2048) });
    expect(res.status).toBe(413);
    expect(expectEnvelope(res.body).code).toBe('request_too_large');
  });

  it('answers an unsupported content encoding with 415 in the envelope', async () => {
    const res = await request(await testApp())
      .post('/v1/images/generations')
      .set(AUTH)
      .set('content-type', 'application/json')
      .set('content-encoding', 'br-unknown')
      .send('{"prompt":"a cat"}');
    expect(res.status).toBe(415);
    expectEnvelope(res.body);
  });

  it('answers a CORS preflight', async () => {
    const res = await request(await testApp())
      .options('/v1/images/generations')
      .set('Origin', 'http://localhost:5173')
      .set('Access-Control-Request-Method', 'POST')
      .set('Access-Control-Request-Headers', 'authorization,content-type');
    expect(res.status).toBe(204);
    expect(res.headers['access-control-allow-origin']).toBe('*');
    expect(res.headers['access-control-allow-methods']).toContain('POST');
    expect(res.headers['access-control-allow-headers']).toBe('authorization,content-type');
  });

  it('serves a health check', async () => {
    const res = await request(await testApp()).get('/health');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ status: 'ok' });
  });
});
