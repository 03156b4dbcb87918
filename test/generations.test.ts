import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { AUTH, decodePng, PNG_SIGNATURE, testApp } from './helpers.js';

interface Item {
  url?: string;
  b64_json?: string;
  revised_prompt?: string;
}

async function generate(
  body: object,
): Promise<{ status: number; created: number; data: Item[]; headers: Record<string, string> }> {
  const app = await testApp();
  const res = await request(app).post('/v1/images/generations').set(AUTH).send(body);
  const json = res.body as { created: number; data: Item[] };
  return {
    status: res.status,
    created: json.created,
    data: json.data,
    headers: res.headers,
  };
}

function pngOf(item: Item | undefined): Buffer {
  expect(item?.b64_json).toBeTypeOf('string');
  return Buffer.from(item?.b64_json ?? '', 'base64');
}

describe('POST /v1/images/generations', () => {
  it('applies the spec defaults: one 1024x1024 image as a URL', async () => {
    const res = await generate({ prompt: 'a lighthouse at dawn' });
    expect(res.status).toBe(200);
    expect(res.created).toBe(1_764_000_000);
    expect(res.data).toHaveLength(1);
    expect(Object.keys(res.data[0] ?? {})).toEqual(['url']);
    const app = await testApp();
    const url = new URL(res.data[0]?.url ?? '');
    const image = await request(app).get(url.pathname).buffer(true);
    expect(image.status).toBe(200);
    expect(decodePng(image.body as Buffer)).toMatchObject({ width: 1024, height: 1024 });
  });

  it('omitted fields mean the spec defaults: the same image as spelling them out', async () => {
    const omitted = await generate({ prompt: 'a tidy desk', response_format: 'b64_json' });
    const explicit = await generate({
      prompt: 'a tidy desk',
      response_format: 'b64_json',
      model: 'dall-e-2',
      n: 1,
      size: '1024x1024',
    });
    expect(omitted.data).toHaveLength(1);
    expect(omitted.data[0]?.b64_json).toBe(explicit.data[0]?.b64_json);
    expect(omitted.data[0]).not.toHaveProperty('revised_prompt');
  });

  it('keeps the first images of a request when n grows', async () => {
    const one = await generate({ prompt: 'a row of houses', size: '256x256', response_format: 'b64_json' });
    const three = await generate({
      prompt: 'a row of houses',
      size: '256x256',
      response_format: 'b64_json',
      n: 3,
    });
    expect(three.data[0]?.b64_json).toBe(one.data[0]?.b64_json);
  });

  it.each([
    ['dall-e-2', '256x256', 256, 256],
    ['dall-e-2', '512x512', 512, 512],
    ['dall-e-2', '1024x1024', 1024, 1024],
    ['dall-e-3', '1792x1024', 1792, 1024],
    ['dall-e-3', '1024x1792', 1024, 1792],
  ])('%s returns a valid PNG of exactly %s as b64_json', async (model, size, width, height) => {
    const res = await generate({ model, prompt: 'a red bicycle', size, response_format: 'b64_json' });
    expect(res.status).toBe(200);
    const bytes = pngOf(res.data[0]);
    expect(bytes.subarray(0, 8)).toEqual(PNG_SIGNATURE);
    expect(decodePng(bytes)).toMatchObject({ width, height });
  });

  it('b64_json is plain base64 without a data: prefix or line breaks', async () => {
    const res = await generate({ prompt: 'a red bicycle', size: '256x256', response_format: 'b64_json' });
    expect(res.data[0]?.b64_json).toMatch(/^iVBORw0KGgo[A-Za-z0-9+/]+={0,2}$/);
  });

  it('returns n distinct images, each of the requested size', async () => {
    const res = await generate({ prompt: 'three ships', n: 3, size: '256x256', response_format: 'b64_json' });
    expect(res.data).toHaveLength(3);
    const hashes = new Set(res.data.map((item) => item.b64_json));
    expect(hashes.size).toBe(3);
    for (const item of res.data) expect(decodePng(pngOf(item))).toMatchObject({ width: 256, height: 256 });
  });

  it('accepts n up to the spec maximum of 10', async () => {
    const res = await generate({ prompt: 'ten stars', n: 10 });
    expect(res.status).toBe(200);
    expect(res.data).toHaveLength(10);
    expect(new Set(res.data.map((item) => item.url)).size).toBe(10);
  });

  it('is deterministic: the same request gives the same bytes, a different prompt does not', async () => {
    const body = {
      model: 'dall-e-3',
      prompt: 'a quiet harbour',
      size: '1024x1024',
      response_format: 'b64_json',
      quality: 'hd',
      style: 'natural',
    };
    const first = await generate(body);
    const second = await generate(body);
    expect(second.data[0]?.b64_json).toBe(first.data[0]?.b64_json);
    const other = await generate({ ...body, prompt: 'a loud harbour' });
    expect(other.data[0]?.b64_json).not.toBe(first.data[0]?.b64_json);
  });

  it.each([
    ['quality', { model: 'dall-e-3', quality: 'standard' }, { model: 'dall-e-3', quality: 'hd' }],
    ['style', { model: 'dall-e-3', style: 'vivid' }, { model: 'dall-e-3', style: 'natural' }],
    ['model', { model: 'dall-e-2' }, { model: 'dall-e-3' }],
  ])('%s changes the image', async (_name, a, b) => {
    const base = { prompt: 'a garden', size: '1024x1024', response_format: 'b64_json' };
    const first = await generate({ ...base, ...a });
    const second = await generate({ ...base, ...b });
    expect(first.data[0]?.b64_json).not.toBe(second.data[0]?.b64_json);
  });

  it('url and b64_json answers carry the same image', async () => {
    const app = await testApp();
    const body = { prompt: 'a windmill', size: '256x256' };
    const asUrl = await request(app).post('/v1/images/generations').set(AUTH).send(body);
    const asB64 = await request(app)
      .post('/v1/images/generations')
      .set(AUTH)
      .send({ ...body, response_format: 'b64_json' });
    const url = new URL((asUrl.body as { data: Item[] }).data[0]?.url ?? '');
    const fetched = await request(app).get(url.pathname).buffer(true);
    expect((fetched.body as Buffer).toString('base64')).toBe(
      (asB64.body as { data: Item[] }).data[0]?.b64_json,
    );
  });

  it('adds a deterministic revised_prompt on dall-e-3 answers only', async () => {
    const body = { model: 'dall-e-3', prompt: 'a fox in the snow', n: 1 };
    const first = await generate(body);
    const again = await generate(body);
    expect(first.data[0]?.revised_prompt).toContain('a fox in the snow');
    expect(again.data[0]?.revised_prompt).toBe(first.data[0]?.revised_prompt);
    const other = await generate({ ...body, prompt: 'an owl at night' });
    expect(other.data[0]?.revised_prompt).not.toBe(first.data[0]?.revised_prompt);
    const dalle2 = await generate({ model: 'dall-e-2', prompt: 'a fox in the snow' });
    expect(dalle2.data[0]).not.toHaveProperty('revised_prompt');
  });

  it('accepts the user field', async () => {
    const res = await generate({ prompt: 'a kite', user: 'user-1234', size: '256x256' });
    expect(res.status).toBe(200);
  });

  it('sends the real API headers on success', async () => {
    const res = await generate({ prompt: 'a kite', size: '256x256' });
    expect(res.headers['content-type']).toBe('application/json');
    expect(res.headers['x-request-id']).toMatch(/^req_[0-9a-f]{32}$/);
    expect(res.headers['openai-version']).toBe('2020-10-01');
    expect(Number(res.headers['openai-processing-ms'])).toBeGreaterThanOrEqual(1);
    expect(res.headers['access-control-allow-origin']).toBe('*');
  });

  it('sends the same headers on a streamed answer', async () => {
    const res = await request(await testApp())
      .post('/v1/images/generations')
      .set(AUTH)
      .send({ model: 'gpt-image-1', prompt: 'a kite', quality: 'low', stream: true });
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/event-stream/);
    expect(res.headers['x-request-id']).toMatch(/^req_[0-9a-f]{32}$/);
    expect(res.headers['openai-version']).toBe('2020-10-01');
    expect(Number(res.headers['openai-processing-ms'])).toBeGreaterThanOrEqual(1);
  });

  it('honours a JSON content type with a charset and the +json suffix', async () => {
    const app = await testApp();
    for (const type of ['application/json; charset=utf-8', 'application/vnd.api+json']) {
      const res = await request(app)
        .post('/v1/images/generations')
        .set(AUTH)
        .set('content-type', type)
        .send(JSON.stringify({ prompt: 'a kite', size: '256x256' }));
      expect(res.status).toBe(200);
    }
  });
});
