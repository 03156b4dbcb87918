import request from 'supertest';
import { afterEach, describe, expect, it } from 'vitest';
import type { JournalEntry } from '../src/index.js';
import { startServer, type RunningServer } from '../src/http/start-server.js';
import { AUTH, bundledSpec, testApp } from './helpers.js';

const JOURNAL = '/__imagegen/requests';
const GENERATE = '/v1/images/generations';
const fox = { model: 'dall-e-2', prompt: 'a red fox', size: '256x256' };

async function entries(app: Awaited<ReturnType<typeof testApp>>, query = ''): Promise<JournalEntry[]> {
  const res = await request(app).get(`${JOURNAL}${query}`);
  expect(res.status).toBe(200);
  return (res.body as { data: JournalEntry[] }).data;
}

describe('GET /__imagegen/requests', () => {
  it('lists what was answered, oldest first, with the masked key and the parsed body; no key needed', async () => {
    const app = await testApp();
    const key = 'sk-proj-abcdefghijklmnopqrstuvwxyz';
    const ok = await request(app).post(GENERATE).set('Authorization', `Bearer ${key}`).send(fox);
    await request(app).get('/v1/models').set(AUTH);
    const [first, second, ...rest] = await entries(app);
    expect(rest).toEqual([]);
    expect(first).toMatchObject({
      id: ok.headers['x-request-id'],
      method: 'POST',
      path: GENERATE,
      status: 200,
      request: { body: fox },
      fault: null,
      response: { status: 200 },
    });
    expect(first?.request.headers.authorization).toBe('Bearer sk-proj-**********************wxyz');
    expect(JSON.stringify(first)).not.toContain(key);
    expect(Date.parse(first?.time ?? '')).not.toBeNaN();
    expect(second).toMatchObject({ method: 'GET', path: '/v1/models', request: { body: null } });
  });

  it('records failures with their envelope, and the fault that caused them', async () => {
    const app = await testApp();
    const bad = await request(app)
      .post(GENERATE)
      .set(AUTH)
      .send({ ...fox, size: '5x5' });
    await request(app).post(GENERATE).set(AUTH).set('Prefer', 'code=429').send(fox);
    await request(app).post(GENERATE).send(fox);
    const [invalid, faulted, unauthorised] = await entries(app);
    expect(invalid?.response).toEqual({ status: 400, error: (bad.body as { error: unknown }).error });
    expect(invalid?.fault).toBeNull();
    expect(faulted).toMatchObject({ status: 429, fault: { source: 'directive' } });
    expect(faulted?.response.error?.type).toBeDefined();
    expect(unauthorised).toMatchObject({ status: 401, response: { error: { code: null } } });
  });

  it('references images by URL: a b64 answer’s entry fetches the same bytes', async () => {
    const app = await testApp();
    const res = await request(app)
      .post(GENERATE)
      .set(AUTH)
      .send({ ...fox, n: 2, response_format: 'b64_json' });
    const b64 = (res.body as { data: { b64_json: string }[] }).data.map((item) => item.b64_json);
    const [entry] = await entries(app);
    expect(entry?.response.images).toHaveLength(2);
    for (const [index, image] of (entry?.response.images ?? []).entries()) {
      expect(image).toMatchObject({ format: 'png', size: '256x256' });
      const url = new URL(image.url ?? '');
      const file = await request(app).get(url.pathname).buffer(true);
      expect(file.status).toBe(200);
      expect((file.body as Buffer).toString('base64')).toBe(b64[index]);
    }
    expect(JSON.stringify(entry).length).toBeLessThan(4000);
  });

  it('filters by path, status, status class, model and limit', async () => {
    const app = await testApp();
    await request(app).post(GENERATE).set(AUTH).send(fox);
    await request(app)
      .post(GENERATE)
      .set(AUTH)
      .send({ ...fox, model: 'gpt-image-1', quality: 'low', size: '1024x1024' });
    await request(app)
      .post(GENERATE)
      .set(AUTH)
      .send({ ...fox, size: '5x5' });
    await request(app).get('/v1/nowhere').set(AUTH);
    const paths = (list: JournalEntry[]) => list.map((entry) => `${entry.status} ${entry.path}`);
    expect(paths(await entries(app, '?path=/v1/nowhere'))).toEqual(['404 /v1/nowhere']);
    expect(paths(await entries(app, '?status=400'))).toEqual([`400 ${GENERATE}`]);
    expect(paths(await entries(app, '?status=4xx'))).toEqual([`400 ${GENERATE}`, '404 /v1/nowhere']);
    expect(await entries(app, '?model=gpt-image-1')).toHaveLength(1);
    expect(paths(await entries(app, '?limit=2'))).toEqual([`400 ${GENERATE}`, '404 /v1/nowhere']);
    expect(paths(await entries(app, `?path=${GENERATE}&status=2xx&limit=1`))).toEqual([`200 ${GENERATE}`]);
  });

  it.each(['?status=abc', '?limit=-1', '?colour=red'])(
    'refuses %s with a 400 in the API envelope',
    async (query) => {
      const app = await testApp();
      const res = await request(app).get(`${JOURNAL}${query}`);
      expect(res.status).toBe(400);
      const { error } = res.body as { error: { type: string; code: string; param: string; message: string } };
      expect(error).toMatchObject({ type: 'invalid_request_error', code: 'invalid_journal_filter' });
      expect(error.param).toBe(/^\?(\w+)=/.exec(query)?.[1]);
      expect(error.message).toMatch(new RegExp(error.param));
    },
  );

  it('leaves itself, /health and CORS preflights out, and DELETE empties it', async () => {
    const app = await testApp();
    await request(app).post(GENERATE).set(AUTH).send(fox);
    await request(app).get('/health');
    await request(app)
      .options(GENERATE)
      .set('Origin', 'http://localhost:3000')
      .set('Access-Control-Request-Method', 'POST');
    await request(app).get(`${JOURNAL}?status=abc`);
    expect(await entries(app)).toHaveLength(1);
    expect((await request(app).delete(JOURNAL)).status).toBe(204);
    expect(await entries(app)).toEqual([]);
  });

  it('is gone with inspector: false: a 404 as any unknown route', async () => {
    const app = await testApp({ inspector: false });
    const res = await request(app).get(JOURNAL);
    expect(res.status).toBe(404);
    expect(res.body).toMatchObject({ error: { message: `Invalid URL (GET ${JOURNAL})` } });
    expect((await request(app).delete(JOURNAL)).status).toBe(404);
  });
});

describe('startServer: requests() and clearRequests()', () => {
  let mock: RunningServer | undefined;
  afterEach(async () => {
    await mock?.close();
    mock = undefined;
  });

  it('gives the same entries in process, never more than journalSize', async () => {
    mock = await startServer({ port: 0, spec: await bundledSpec(), journalSize: 5 });
    for (let n = 1; n <= 12; n++) {
      await request(mock.url)
        .post(GENERATE)
        .set(AUTH)
        .send({ ...fox, prompt: `fox ${n}` });
    }
    const recorded = mock.requests();
    expect(recorded.map((entry) => entry.request.body?.prompt)).toEqual([
      'fox 8',
      'fox 9',
      'fox 10',
      'fox 11',
      'fox 12',
    ]);
    expect(mock.requests().at(-1)?.request.body?.prompt).toBe('fox 12');
    const listed = await request(mock.url).get(JOURNAL);
    expect((listed.body as { data: JournalEntry[] }).data).toEqual(recorded);
    mock.clearRequests();
    expect(mock.requests()).toEqual([]);
  });

  it('records a stream when it ends', async () => {
    mock = await startServer({ port: 0, spec: await bundledSpec() });
    const res = await request(mock.url)
      .post(GENERATE)
      .set(AUTH)
      .send({ model: 'gpt-image-1', prompt: 'a red fox', quality: 'low', size: '1024x1024', stream: true });
    expect(res.status).toBe(200);
    const [entry] = mock.requests();
    expect(entry).toMatchObject({ status: 200, request: { body: { stream: true } } });
    expect(entry?.response.images).toEqual([
      {
        format: 'png',
        size: '1024x1024',
        url: expect.stringMatching(/\/__imagegen\/images\/\w+\.png$/) as unknown,
      },
    ]);
  });

  it('records nothing with journalSize: 0', async () => {
    mock = await startServer({ port: 0, spec: await bundledSpec(), journalSize: 0 });
    await request(mock.url).post(GENERATE).set(AUTH).send(fox);
    expect(mock.requests()).toEqual([]);
  });
});
