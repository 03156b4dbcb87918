import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { encodeImageToken } from '../src/generations/image-token.js';
import { AUTH, decodePng, testApp } from './helpers.js';

async function issueUrl(
  body: object,
  options: Parameters<typeof testApp>[0] = {},
  host?: string,
): Promise<URL> {
  const req = request(await testApp(options))
    .post('/v1/images/generations')
    .set(AUTH);
  if (host) req.set('Host', host);
  const res = await req.send(body);
  expect(res.status).toBe(200);
  return new URL((res.body as { data: { url: string }[] }).data[0]?.url ?? '');
}

describe('image URLs', () => {
  it('point at the server that answered, via the Host header', async () => {
    const url = await issueUrl({ prompt: 'a barn' }, {}, 'mock.local:8080');
    expect(url.origin).toBe('http://mock.local:8080');
    expect(url.pathname).toMatch(/^\/v1\/images\/files\/[A-Za-z0-9_-]+\.png$/);
  });

  it('use --public-url when set', async () => {
    const url = await issueUrl({ prompt: 'a barn' }, { publicUrl: 'https://images.example.test/' });
    expect(url.origin).toBe('https://images.example.test');
  });

  it('serve image/png with an ETag and long cache headers, and 304 on revalidation', async () => {
    const url = await issueUrl({ prompt: 'a barn', size: '512x512' });
    const app = await testApp();
    const res = await request(app).get(url.pathname).buffer(true);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('image/png');
    expect(res.headers['cache-control']).toContain('max-age=31536000');
    expect(res.headers.etag).toMatch(/^"[A-Za-z0-9_-]+"$/);
    expect(decodePng(res.body as Buffer)).toMatchObject({ width: 512, height: 512 });
    const again = await request(app)
      .get(url.pathname)
      .set('If-None-Match', res.headers.etag as string);
    expect(again.status).toBe(304);
    const head = await request(app).head(url.pathname);
    expect(head.status).toBe(200);
    expect(Number(head.headers['content-length'])).toBe((res.body as Buffer).length);
  });

  it('carry long prompts too (compressed) and render them', async () => {
    // dall-e-2 takes up to 1000 characters: 39 + 28 * 34 = 991.
    const prompt = `a very long and detailed description, ${'with many repeated clauses, '.repeat(34)}`;
    const url = await issueUrl({ prompt, size: '256x256' });
    expect(url.pathname.length).toBeLessThan(prompt.length);
    const res = await request(await testApp())
      .get(url.pathname)
      .buffer(true);
    expect(res.status).toBe(200);
    expect(decodePng(res.body as Buffer)).toMatchObject({ width: 256, height: 256 });
  });

  it('keep working on a fresh server (they survive restarts and replicas)', async () => {
    const url = await issueUrl({ prompt: 'a barn', size: '256x256', n: 2 });
    const res = await request(await testApp())
      .get(url.pathname)
      .buffer(true);
    expect(res.status).toBe(200);
  });

  it.each([
    ['garbage', '/v1/images/files/not-a-token.png'],
    [
      'no extension',
      `/v1/images/files/${encodeImageToken({ model: 'dall-e-2', prompt: 'x', width: 256, height: 256, quality: 'standard', style: 'vivid', index: 0 })}`,
    ],
    [
      'a size the spec does not allow',
      `/v1/images/files/${encodeImageToken({ model: 'dall-e-2', prompt: 'x', width: 9000, height: 9000, quality: 'standard', style: 'vivid', index: 0 })}.png`,
    ],
    [
      'an index past n',
      `/v1/images/files/${encodeImageToken({ model: 'dall-e-2', prompt: 'x', width: 256, height: 256, quality: 'standard', style: 'vivid', index: 10 })}.png`,
    ],
    [
      'an unknown quality',
      `/v1/images/files/${encodeImageToken({ model: 'dall-e-2', prompt: 'x', width: 256, height: 256, quality: 'ultra', style: 'vivid', index: 0 })}.png`,
    ],
    [
      // The GPT image models answer with b64_json only: the real API gives them no URL, nor does the mock.
      'a model that never answers with url',
      `/v1/images/files/${encodeImageToken({ model: 'gpt-image-1', prompt: 'x', width: 1024, height: 1024, quality: 'high', style: 'vivid', index: 0 })}.png`,
    ],
  ])('answer a URL with %s with a 404 in the envelope', async (_name, path) => {
    const res = await request(await testApp()).get(path);
    expect(res.status).toBe(404);
    expect(res.headers['content-type']).toBe('application/json');
    expect((res.body as { error: { message: string } }).error.message).toMatch(/does not exist|Invalid URL/);
  });

  it('answer a URL with invalid percent-encoding with a 400 in the envelope', async () => {
    const res = await request(await testApp()).get('/v1/images/files/%E0%A4%A.png');
    expect(res.status).toBe(400);
    expect((res.body as { error: { message: string } }).error.message).toMatch(/^Invalid URL \(GET /);
  });
});
