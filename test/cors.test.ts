import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { AUTH, testApp } from './helpers.js';

const ORIGIN = 'http://localhost:5173';

/** Headers a browser lets a page read without being told (CORS-safelisted), and ones no page reads. */
const ALWAYS_READABLE = [
  'cache-control',
  'content-language',
  'content-length',
  'content-type',
  'expires',
  'last-modified',
  'pragma',
];
const NOT_FOR_PAGES = ['date', 'connection', 'keep-alive', 'transfer-encoding', 'vary'];

/** Every header name of an answer that a browser hides unless access-control-expose-headers lists it. */
function hiddenByDefault(headers: Record<string, string>): string[] {
  return Object.keys(headers).filter(
    (name) =>
      !name.startsWith('access-control-') && !ALWAYS_READABLE.includes(name) && !NOT_FOR_PAGES.includes(name),
  );
}

function exposed(headers: Record<string, string>): string[] {
  return (headers['access-control-expose-headers'] ?? '').split(',').map((name) => name.trim().toLowerCase());
}

describe('CORS, for an SDK running in a browser', () => {
  it('answers a preflight for the headers the SDK and the fault directives send', async () => {
    const requested = 'authorization,content-type,prefer,x-stainless-retry-count,x-stainless-timeout';
    const res = await request(await testApp())
      .options('/v1/images/generations')
      .set('Origin', ORIGIN)
      .set('Access-Control-Request-Method', 'POST')
      .set('Access-Control-Request-Headers', requested);
    expect(res.status).toBe(204);
    expect(res.headers['access-control-allow-origin']).toBe('*');
    expect(res.headers['access-control-allow-methods']).toContain('POST');
    expect(res.headers['access-control-allow-headers']).toBe(requested);
  });

  it('exposes the headers the SDK reads: request id, retry hints, rate limits, processing time, version', async () => {
    const res = await request(await testApp())
      .post('/v1/images/generations')
      .set({ ...AUTH, Origin: ORIGIN })
      .send({ prompt: 'a fox', size: '256x256' });
    expect(res.status).toBe(200);
    expect(res.headers['access-control-allow-origin']).toBe('*');
    expect(exposed(res.headers)).toEqual(
      expect.arrayContaining([
        'retry-after',
        'retry-after-ms',
        'x-ratelimit-limit-requests',
        'x-ratelimit-remaining-requests',
        'x-ratelimit-reset-requests',
        'x-request-id',
        'openai-processing-ms',
        'openai-version',
      ]),
    );
  });

  it('exposes every header the server sets, on successes, failures and image files', async () => {
    const app = await testApp({ rateLimit: { limit: 1, windowMs: 60_000 } });
    const post = (headers: Record<string, string> = {}) =>
      request(app)
        .post('/v1/images/generations')
        .set({ ...AUTH, Origin: ORIGIN, ...headers })
        .send({ prompt: 'a fox', size: '256x256' });
    const ok = await post();
    const limited = await post();
    const asked = await post({ prefer: 'scenario=rate_limit' });
    const url = (ok.body as { data: { url: string }[] }).data[0]?.url ?? '';
    const image = await request(app).get(new URL(url).pathname).set('Origin', ORIGIN);
    const wrongMethod = await request(app)
      .get('/v1/images/generations')
      .set({ ...AUTH, Origin: ORIGIN });
    const invalid = await request(app)
      .post('/v1/images/generations')
      .set({ ...AUTH, Origin: ORIGIN })
      .send({});
    const answers = [ok, limited, asked, image, wrongMethod, invalid];
    expect(answers.map((res) => res.status)).toEqual([200, 429, 429, 200, 405, 400]);
    for (const res of answers) {
      expect(exposed(res.headers)).toEqual(expect.arrayContaining(hiddenByDefault(res.headers)));
    }
    expect(hiddenByDefault(limited.headers)).toContain('x-ratelimit-reset-requests');
    expect(hiddenByDefault(image.headers)).toContain('etag');
    expect(hiddenByDefault(wrongMethod.headers)).toContain('allow');
  });
});
