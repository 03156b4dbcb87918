import request from 'supertest';
import { describe, expect, it } from 'vitest';
import type { JournalEntry } from '../src/index.js';
import { AUTH, testApp } from './helpers.js';

const GENERATE = '/v1/images/generations';
const lighthouse = { model: 'gpt-image-1', prompt: 'a lighthouse', quality: 'low', size: '1024x1024' };

async function lastEntry(app: Awaited<ReturnType<typeof testApp>>): Promise<JournalEntry | undefined> {
  const res = await request(app).get('/__imagegen/requests');
  return (res.body as { data: JournalEntry[] }).data.at(-1);
}

describe('GET /__imagegen/images/<token>.<format>', () => {
  it.each([
    ['png', 'image/png'],
    ['jpeg', 'image/jpeg'],
    ['webp', 'image/webp'],
  ])('serves a gpt-image-1 %s answer’s bytes at its entry’s URL', async (format, type) => {
    const app = await testApp();
    const res = await request(app)
      .post(GENERATE)
      .set(AUTH)
      .send({ ...lighthouse, output_format: format });
    expect(res.status).toBe(200);
    const b64 = (res.body as { data: { b64_json: string }[] }).data[0]?.b64_json;
    const image = (await lastEntry(app))?.response.images?.[0];
    expect(image).toMatchObject({ format, size: '1024x1024' });
    const url = new URL(image?.url ?? '');
    expect(url.pathname).toMatch(new RegExp(`^/__imagegen/images/[\\w-]+\\.${format}$`));
    const file = await request(app).get(url.pathname).buffer(true);
    expect(file.status).toBe(200);
    expect(file.headers['content-type']).toBe(type);
    expect(file.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(file.headers.etag).toMatch(/^"[\w-]+"$/);
    expect((file.body as Buffer).toString('base64')).toBe(b64);
    // Fetching an image is the mock's own business: it is not journalled.
    expect((await lastEntry(app))?.path).toBe(GENERATE);
  });

  it('serves a transparent WebP and a dall-e url answer’s image, which keeps the URL the answer gave', async () => {
    const app = await testApp();
    await request(app)
      .post(GENERATE)
      .set(AUTH)
      .send({ ...lighthouse, output_format: 'webp', background: 'transparent' });
    const webp = (await lastEntry(app))?.response.images?.[0]?.url ?? '';
    expect((await request(app).get(new URL(webp).pathname)).status).toBe(200);
    const res = await request(app)
      .post(GENERATE)
      .set(AUTH)
      .send({ model: 'dall-e-2', prompt: 'a fox', size: '256x256' });
    const given = (res.body as { data: { url: string }[] }).data[0]?.url;
    expect((await lastEntry(app))?.response.images?.[0]?.url).toBe(given);
  });

  it('refuses a tampered, foreign or mislabelled token with a 404 in the envelope', async () => {
    const app = await testApp();
    await request(app)
      .post(GENERATE)
      .set(AUTH)
      .send({ ...lighthouse, output_format: 'jpeg' });
    const path = new URL((await lastEntry(app))?.response.images?.[0]?.url ?? '').pathname;
    const token = path.slice('/__imagegen/images/'.length, -'.jpeg'.length);
    const tampered = `${token.slice(0, 10)}${token[10] === 'A' ? 'B' : 'A'}${token.slice(11)}`;
    const foreign = `j${Buffer.from(JSON.stringify([2, 'gpt-image-1', 'x', 7, 7, 'low', 'vivid', 0, [null, null, null, null, null]])).toString('base64url')}`;
    for (const file of [`${tampered}.jpeg`, `${token}.png`, `${foreign}.png`, 'nope.png']) {
      const res = await request(app).get(`/__imagegen/images/${file}`);
      expect(res.status).toBe(404);
      expect(res.body).toMatchObject({ error: { code: 'image_not_found' } });
    }
    // The public route still serves only the PNG a url answer names.
    expect((await request(app).get(`/v1/images/files/${token}.png`)).status).toBe(404);
  });

  it('is gone with inspector: false, and the entry then has no URL for a b64-only model', async () => {
    const app = await testApp();
    await request(app).post(GENERATE).set(AUTH).send(lighthouse);
    const path = new URL((await lastEntry(app))?.response.images?.[0]?.url ?? '').pathname;
    expect((await request(app).get(path)).status).toBe(200);
    const closed = await testApp({ inspector: false });
    expect((await request(closed).get(path)).status).toBe(404);
  });
});
