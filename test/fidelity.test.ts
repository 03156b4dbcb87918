import sharp from 'sharp';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../src/http/start-server.js';
import { AUTH, decodePng, testApp } from './helpers.js';

const post = async (body: unknown, options = {}, headers: Record<string, string> = {}) =>
  request(await testApp(options))
    .post('/v1/images/generations')
    .set({ ...AUTH, ...headers })
    .send(body as object);

describe('GPT image models', () => {
  it('answer as the real API: b64 only, the resolved settings echoed, usage from the token table', async () => {
    const res = await post({ model: 'gpt-image-1', prompt: 'a lighthouse at dawn, wide angle' });
    expect(res.status).toBe(200);
    expect(Object.keys(res.body as object)).toEqual([
      'created',
      'background',
      'data',
      'output_format',
      'quality',
      'size',
      'usage',
    ]);
    const body = res.body as {
      data: { b64_json: string }[];
      quality: string;
      size: string;
      background: string;
      usage: Record<string, number | Record<string, number>>;
    };
    // auto resolves, as the real API echoes it: never 'auto'.
    expect(body).toMatchObject({
      background: 'opaque',
      output_format: 'png',
      quality: 'high',
      size: '1024x1024',
    });
    expect(Object.keys(body.data[0] ?? {})).toEqual(['b64_json']);
    expect(decodePng(Buffer.from(body.data[0]?.b64_json ?? '', 'base64'))).toMatchObject({
      width: 1024,
      height: 1024,
    });
    expect(body.usage).toMatchObject({ output_tokens: 4160, input_tokens_details: { image_tokens: 0 } });
    expect(body.usage.total_tokens).toBe(Number(body.usage.input_tokens) + 4160);
  });

  it('count output tokens per quality, size and n', async () => {
    const res = await post({ model: 'gpt-image-1', prompt: 'p', quality: 'low', size: '1536x1024', n: 2 });
    expect((res.body as { usage: { output_tokens: number } }).usage.output_tokens).toBe(800);
  });

  it.each([
    ['jpeg', 'jpeg'],
    ['webp', 'webp'],
  ])('output_format %s is a real %s file of the requested size', async (format, sharpFormat) => {
    const res = await post({
      model: 'gpt-image-1',
      prompt: 'a red kite',
      quality: 'low',
      output_format: format,
    });
    const bytes = Buffer.from(
      (res.body as { data: { b64_json: string }[] }).data[0]?.b64_json ?? '',
      'base64',
    );
    const meta = await sharp(bytes).metadata();
    expect(meta).toMatchObject({ format: sharpFormat, width: 1024, height: 1024 });
    const again = await post({
      model: 'gpt-image-1',
      prompt: 'a red kite',
      quality: 'low',
      output_format: format,
    });
    expect((again.body as { data: { b64_json: string }[] }).data[0]?.b64_json).toBe(bytes.toString('base64'));
  });

  it('a transparent background has real alpha', async () => {
    const res = await post({ model: 'gpt-image-1', prompt: 'a red kite', background: 'transparent' });
    expect(res.body).toMatchObject({ background: 'transparent' });
    const bytes = Buffer.from(
      (res.body as { data: { b64_json: string }[] }).data[0]?.b64_json ?? '',
      'base64',
    );
    const { data, info } = await sharp(bytes).raw().toBuffer({ resolveWithObject: true });
    expect(info.channels).toBe(4);
    const alphas = new Set<number>();
    for (let i = 3; i < data.length; i += 4 * 97) alphas.add(data[i] ?? -1);
    expect(alphas.has(0)).toBe(true);
    expect(alphas.has(255)).toBe(true);
  });

  it('gpt-image-2 makes any size within its rules and echoes it', async () => {
    const res = await post({ model: 'gpt-image-2', prompt: 'a wide shot', size: '1280x720', quality: 'low' });
    expect(res.body).toMatchObject({ size: '1280x720' });
    const bytes = Buffer.from(
      (res.body as { data: { b64_json: string }[] }).data[0]?.b64_json ?? '',
      'base64',
    );
    expect(decodePng(bytes)).toMatchObject({ width: 1280, height: 720 });
  });

  it('stream: true answers server-sent events, partials then completed', async () => {
    const res = await post({
      model: 'gpt-image-1',
      prompt: 'p',
      quality: 'low',
      stream: true,
      partial_images: 1,
    });
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/event-stream/);
    const events = res.text
      .trim()
      .split('\n\n')
      .map((frame) => {
        const [eventLine, dataLine] = frame.split('\n');
        return {
          event: eventLine?.slice('event: '.length),
          data: JSON.parse(dataLine?.slice(6) ?? '') as object,
        };
      });
    expect(events.map((event) => event.event)).toEqual([
      'image_generation.partial_image',
      'image_generation.completed',
    ]);
    expect(events[0]?.data).toMatchObject({ type: 'image_generation.partial_image', partial_image_index: 0 });
    expect(events[1]?.data).toMatchObject({
      type: 'image_generation.completed',
      usage: { output_tokens: 272 },
    });
  });
});

describe('request handling options', () => {
  it('null means omitted', async () => {
    const res = await post({ model: 'dall-e-2', prompt: 'p', size: null, n: null, response_format: null });
    expect(res.status).toBe(200);
    expect((res.body as { data: { url: string }[] }).data[0]?.url).toMatch(/^http/);
  });

  it('--lenient drops unknown parameters and ones the model does not take, as the original contract allowed', async () => {
    const body = { prompt: 'p', size: '256x256', response_format: 'b64_json' };
    const strict = await post({ ...body, quality: 'standard', seed: 3 });
    expect(strict.status).toBe(400);
    const lenient = await post({ ...body, quality: 'standard', seed: 3 }, { strict: false });
    const plain = await post(body);
    expect(lenient.status).toBe(200);
    expect(lenient.body).toMatchObject({ data: (plain.body as { data: unknown[] }).data });
  });

  it('--default-model decides what a request without model gets', async () => {
    const res = await post({ prompt: 'p', quality: 'low' }, { defaultModel: 'gpt-image-1-mini' });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ quality: 'low', usage: { output_tokens: 272 } });
  });

  it('rejects a default model that is not in the table when the app is built', async () => {
    await expect(testApp({ defaultModel: 'dall-e-4' })).rejects.toThrow(/default model 'dall-e-4'/);
  });
});

describe('faults on demand', () => {
  it('a prompt marker selects a scenario, for clients that cannot set headers', async () => {
    const res = await post({ model: 'gpt-image-1', prompt: 'a fox [mock:scenario=server_error]' });
    expect(res.status).toBe(500);
  });

  it('the __code query twin works like Prefer: code', async () => {
    const app = await testApp();
    const res = await request(app)
      .post('/v1/images/generations?__code=503')
      .set(AUTH)
      .send({ model: 'gpt-image-1', prompt: 'p' });
    expect(res.status).toBe(503);
  });

  it('a malformed directive is a clear 400, not silently ignored', async () => {
    const res = await post({ model: 'gpt-image-1', prompt: 'p' }, {}, { prefer: 'scenario=meltdown' });
    expect(res.status).toBe(400);
    expect((res.body as { error: { message: string } }).error.message).toMatch(/meltdown/);
  });

  it('Prefer: delay holds the answer', async () => {
    const started = performance.now();
    const res = await post({ model: 'dall-e-2', prompt: 'p', size: '256x256' }, {}, { prefer: 'delay=300' });
    expect(res.status).toBe(200);
    expect(performance.now() - started).toBeGreaterThanOrEqual(290);
  });

  it('--rate-limit is a real limiter: the request past the limit gets 429 with retry-after', async () => {
    const app = await testApp({ rateLimit: { limit: 2, windowMs: 60_000 } });
    const statuses: number[] = [];
    let last;
    for (let i = 0; i < 3; i++) {
      last = await request(app)
        .post('/v1/images/generations')
        .set(AUTH)
        .send({ prompt: 'p', size: '256x256' });
      statuses.push(last.status);
    }
    expect(statuses).toEqual([200, 200, 429]);
    expect(last?.headers['retry-after']).toMatch(/^\d+$/);
    expect(last?.headers['x-ratelimit-remaining-requests']).toBe('0');
    expect((last?.body as { error: { code: string } }).error.code).toBe('rate_limit_exceeded');
    const otherKey = await request(app)
      .post('/v1/images/generations')
      .set({ authorization: 'Bearer sk-another' })
      .send({ prompt: 'p', size: '256x256' });
    expect(otherKey.status).toBe(200);
  });

  it('--chaos with a seed replays the same failures in the same order', async () => {
    const run = async (seed: number): Promise<number[]> => {
      const app = await testApp({ chaos: 0.5, seed });
      const statuses: number[] = [];
      for (let i = 0; i < 24; i++) {
        const res = await request(app)
          .post('/v1/images/generations')
          .set(AUTH)
          .timeout(2000)
          .send({ prompt: 'p', size: '256x256' })
          .catch(() => ({ status: 0 }));
        statuses.push(res.status);
      }
      return statuses;
    };
    const first = await run(7);
    expect(await run(7)).toEqual(first);
    expect(first.filter((status) => status !== 200).length).toBeGreaterThan(4);
    expect(first.filter((status) => status === 200).length).toBeGreaterThan(4);
    expect(await run(8)).not.toEqual(first);
  });
});

describe('faults that cut the connection', () => {
  let mock: RunningServer;
  beforeAll(async () => {
    mock = await startServer({ port: 0, shutdownTimeoutMs: 500 });
  });
  afterAll(async () => {
    await mock.close();
  });
  const send = (prefer: string, timeoutMs: number): Promise<Response> =>
    fetch(`${mock.url}/v1/images/generations`, {
      method: 'POST',
      headers: { ...AUTH, 'content-type': 'application/json', prefer },
      body: JSON.stringify({ prompt: 'p', size: '256x256' }),
      signal: AbortSignal.timeout(timeoutMs),
    });

  it('scenario=reset drops the connection', async () => {
    await expect(send('scenario=reset', 5000)).rejects.toThrow(/fetch failed/);
  });

  it('scenario=timeout never answers; the client gives up', async () => {
    await expect(send('scenario=timeout', 400)).rejects.toThrow(/aborted|timeout/i);
  });

  it('--latency holds successful answers for the configured time', async () => {
    const slow = await startServer({ port: 0, latency: 250 });
    try {
      const started = performance.now();
      const res = await fetch(`${slow.url}/v1/images/generations`, {
        method: 'POST',
        headers: { ...AUTH, 'content-type': 'application/json' },
        body: JSON.stringify({ prompt: 'p', size: '256x256' }),
        signal: AbortSignal.timeout(5000),
      });
      expect(res.status).toBe(200);
      expect(performance.now() - started).toBeGreaterThanOrEqual(240);
    } finally {
      await slow.close();
    }
  });
});

describe('prompt markers', () => {
  it('are not part of the picture: a delay marker gives the image of the plain prompt', async () => {
    const body = { model: 'dall-e-2', prompt: 'a fox', size: '256x256', response_format: 'b64_json' };
    const plain = await post(body);
    const marked = await post({ ...body, prompt: 'a fox [mock:delay=1]' });
    expect(marked.status).toBe(200);
    expect(marked.body).toEqual(plain.body);
  });
});
