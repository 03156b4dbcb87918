import OpenAI, { toFile } from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../src/http/start-server.js';
import { decodePng } from './helpers.js';
import { sampleImage, sampleMask, samplePng } from './edits.test-helpers.js';

/** The official SDK, unchanged, pointed at the mock: what our users do. */
let mock: RunningServer;
let client: OpenAI;

beforeAll(async () => {
  mock = await startServer({ port: 0, apiKeys: ['sk-sdk-test-key'] });
  client = new OpenAI({ baseURL: `${mock.url}/v1`, apiKey: 'sk-sdk-test-key', maxRetries: 0 });
});

afterAll(async () => {
  await mock.close();
});

describe('the openai SDK against the mock', () => {
  it('generates b64_json images with revised_prompt on dall-e-3', async () => {
    const result = await client.images.generate({
      model: 'dall-e-3',
      prompt: 'a lighthouse at dawn',
      size: '1792x1024',
      quality: 'hd',
      style: 'natural',
      response_format: 'b64_json',
    });
    expect(result.created).toBeGreaterThan(1_700_000_000);
    const image = result.data?.[0];
    expect(image?.revised_prompt).toContain('a lighthouse at dawn');
    expect(decodePng(Buffer.from(image?.b64_json ?? '', 'base64'))).toMatchObject({
      width: 1792,
      height: 1024,
    });
  });

  it('generates URLs that fetch as PNGs, and exposes our request id', async () => {
    const { data, response, request_id } = await client.images
      .generate({ model: 'dall-e-2', prompt: 'two kites', n: 2, size: '512x512' })
      .withResponse();
    expect(response.headers.get('x-request-id')).toMatch(/^req_[0-9a-f]{32}$/);
    expect(request_id).toBe(response.headers.get('x-request-id'));
    expect(data.data).toHaveLength(2);
    for (const item of data.data ?? []) {
      const png = await fetch(item.url ?? '', { signal: AbortSignal.timeout(10_000) });
      expect(png.headers.get('content-type')).toBe('image/png');
      expect(decodePng(Buffer.from(await png.arrayBuffer()))).toMatchObject({ width: 512, height: 512 });
    }
  });

  it('surfaces validation errors as BadRequestError with param and code', async () => {
    const error: unknown = await client.images
      .generate({ prompt: 'too many', n: 11 })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OpenAI.BadRequestError);
    const apiError = error as InstanceType<typeof OpenAI.BadRequestError>;
    expect(apiError.status).toBe(400);
    expect(apiError.param).toBe('n');
    expect(apiError.code).toBe('integer_above_max_value');
    expect(apiError.type).toBe('invalid_request_error');
    expect(apiError.message).toBe(
      "400 Invalid 'n': integer above maximum value. Expected a value <= 10, but got 11 instead.",
    );
    expect(apiError.requestID).toMatch(/^req_[0-9a-f]{32}$/);
  });

  it('surfaces a wrong key as AuthenticationError', async () => {
    const stranger = new OpenAI({ baseURL: `${mock.url}/v1`, apiKey: 'sk-wrong-key-0000', maxRetries: 0 });
    const error: unknown = await stranger.images.generate({ prompt: 'x' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OpenAI.AuthenticationError);
    expect((error as InstanceType<typeof OpenAI.AuthenticationError>).code).toBe('invalid_api_key');
  });
});

describe('the openai SDK against every model of the table', () => {
  it.each<[string, Partial<OpenAI.ImageGenerateParamsNonStreaming>]>([
    ['dall-e-2', {}],
    ['dall-e-3', {}],
    ['gpt-image-1', { quality: 'low' }],
    ['gpt-image-1-mini', { quality: 'low' }],
    ['gpt-image-1.5', { quality: 'medium', output_format: 'jpeg' }],
    ['gpt-image-2', { size: '1536x1024', quality: 'low', output_format: 'webp' }],
  ])('images.generate works unchanged with %s', async (model, extra) => {
    const result = await client.images.generate({
      model,
      prompt: 'a lighthouse at dawn',
      ...(model.startsWith('dall-e') ? { response_format: 'b64_json' as const } : {}),
      ...extra,
    });
    const b64 = result.data?.[0]?.b64_json ?? '';
    expect(b64.length).toBeGreaterThan(100);
    if (model.startsWith('gpt-image')) {
      expect(result.usage?.total_tokens).toBe(
        (result.usage?.input_tokens ?? 0) + (result.usage?.output_tokens ?? 0),
      );
      expect(result.output_format).toBe(extra.output_format ?? 'png');
      expect(result.data?.[0]).not.toHaveProperty('revised_prompt');
    }
  });

  it('surfaces a rate limit as RateLimitError after retrying once, honouring our retry-after', async () => {
    const seen: number[] = [];
    const limited = await startServer({
      port: 0,
      onRequest: (entry) => void seen.push(entry.status),
    });
    try {
      const retrying = new OpenAI({ baseURL: `${limited.url}/v1`, apiKey: 'sk-x', maxRetries: 1 });
      const started = performance.now();
      const error: unknown = await retrying.images
        .generate({ model: 'gpt-image-1', prompt: 'x' }, { headers: { prefer: 'code=429' } })
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(OpenAI.RateLimitError);
      expect((error as InstanceType<typeof OpenAI.RateLimitError>).code).toBe('rate_limit_exceeded');
      expect(seen).toEqual([429, 429]);
      // retry-after: 1 is honoured, not the SDK's own 0.5 s backoff.
      expect(performance.now() - started).toBeGreaterThanOrEqual(950);
    } finally {
      await limited.close();
    }
  });

  it.each([
    ['scenario=server_error', OpenAI.InternalServerError, 500],
    ['scenario=overloaded', OpenAI.InternalServerError, 503],
    ['scenario=moderation', OpenAI.BadRequestError, 400],
  ])('surfaces Prefer: %s as the SDK error class', async (prefer, errorClass, status) => {
    const error: unknown = await client.images
      .generate({ model: 'gpt-image-1', prompt: 'x' }, { headers: { prefer } })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(errorClass);
    expect((error as InstanceType<typeof OpenAI.APIError>).status).toBe(status);
    expect((error as InstanceType<typeof OpenAI.APIError>).requestID).toMatch(/^req_[0-9a-f]{32}$/);
  });

  it('streams partial and completed events the SDK parses', async () => {
    const stream = await client.images.generate({
      model: 'gpt-image-1',
      prompt: 'a lighthouse',
      quality: 'low',
      stream: true,
      partial_images: 2,
    });
    const events: { type: string; partial_image_index?: number; b64_json: string }[] = [];
    for await (const event of stream) events.push(event);
    expect(events.map((event) => event.type)).toEqual([
      'image_generation.partial_image',
      'image_generation.partial_image',
      'image_generation.completed',
    ]);
    expect(events.map((event) => event.partial_image_index)).toEqual([0, 1, undefined]);
    for (const event of events) {
      expect(decodePng(Buffer.from(event.b64_json, 'base64'))).toMatchObject({ width: 1024, height: 1024 });
    }
  });
});

describe('the openai SDK editing and varying images', () => {
  it('edits one file, with a mask, and reads usage and the echoed settings', async () => {
    const image = await toFile(await samplePng(512, 512), 'photo.png', { type: 'image/png' });
    const mask = await toFile(await sampleMask(512, 512), 'mask.png', { type: 'image/png' });
    const result = await client.images.edit({
      model: 'gpt-image-1',
      prompt: 'a red fox',
      image,
      mask,
      quality: 'low',
    });
    expect(result).toMatchObject({
      size: '1024x1024',
      quality: 'low',
      output_format: 'png',
      background: 'opaque',
    });
    expect(result.usage?.input_tokens_details.image_tokens).toBeGreaterThan(0);
    expect(decodePng(Buffer.from(result.data?.[0]?.b64_json ?? '', 'base64'))).toMatchObject({
      width: 1024,
      height: 1024,
    });
  });

  it('edits several files given with toFile, sent as image[]', async () => {
    const files = [
      await toFile(await samplePng(600, 400), 'a.png', { type: 'image/png' }),
      await toFile(await sampleImage(400, 400, 'jpeg'), 'b.jpg', { type: 'image/jpeg' }),
      await toFile(await sampleImage(400, 400, 'webp'), 'c.webp', { type: 'image/webp' }),
    ];
    const result = await client.images.edit({
      model: 'gpt-image-1.5',
      prompt: 'three foxes',
      image: files,
      quality: 'low',
      n: 2,
    });
    expect(result.size).toBe('1536x1024');
    expect(result.data).toHaveLength(2);
    const entry = mock.requests().at(-1);
    expect(entry?.request.files?.map((file) => file.field)).toEqual(['image[]', 'image[]', 'image[]']);
    expect(entry?.request.files?.map((file) => file.contentType)).toEqual([
      'image/png',
      'image/jpeg',
      'image/webp',
    ]);
  });

  it('streams partial and completed edit events the SDK parses', async () => {
    const image = await toFile(await samplePng(256, 256), 'photo.png', { type: 'image/png' });
    const stream = await client.images.edit({
      model: 'gpt-image-1',
      prompt: 'a red fox',
      image,
      quality: 'low',
      size: '1024x1024',
      stream: true,
      partial_images: 2,
    });
    const events: OpenAI.ImageEditStreamEvent[] = [];
    for await (const event of stream) events.push(event);
    expect(events.map((event) => event.type)).toEqual([
      'image_edit.partial_image',
      'image_edit.partial_image',
      'image_edit.completed',
    ]);
    const completed = events.at(-1) as OpenAI.ImageEditCompletedEvent;
    expect(completed.usage.input_tokens_details.image_tokens).toBeGreaterThan(0);
    expect(decodePng(Buffer.from(completed.b64_json, 'base64'))).toMatchObject({ width: 1024, height: 1024 });
  });

  it('surfaces an upload the model refuses as BadRequestError with the real wording', async () => {
    const image = await toFile(await samplePng(256, 256), 'photo.bin', { type: 'application/octet-stream' });
    const error: unknown = await client.images
      .edit({ model: 'gpt-image-1', prompt: 'a fox', image })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OpenAI.BadRequestError);
    expect((error as InstanceType<typeof OpenAI.BadRequestError>).message).toBe(
      "400 Invalid file 'image': unsupported mimetype ('application/octet-stream'). Supported file formats are 'image/jpeg', 'image/png', and 'image/webp'.",
    );
  });

  it('creates variations whose URLs fetch as PNGs', async () => {
    const image = await toFile(await samplePng(256, 256), 'photo.png', { type: 'image/png' });
    const result = await client.images.createVariation({ image, n: 2, size: '256x256' });
    expect(result.data).toHaveLength(2);
    for (const item of result.data ?? []) {
      const png = await fetch(item.url ?? '', { signal: AbortSignal.timeout(10_000) });
      expect(png.headers.get('content-type')).toBe('image/png');
      expect(decodePng(Buffer.from(await png.arrayBuffer()))).toMatchObject({ width: 256, height: 256 });
    }
  });
});

describe('the openai SDK listing and checking models', () => {
  it('lists every model of the table by iterating the page', async () => {
    const ids: string[] = [];
    for await (const model of client.models.list()) {
      expect(model).toMatchObject({ object: 'model', owned_by: 'system' });
      expect(Number.isInteger(model.created)).toBe(true);
      ids.push(model.id);
    }
    expect(ids).toContain('gpt-image-1');
    expect(ids).toContain('dall-e-3');
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('retrieves one model', async () => {
    const model = await client.models.retrieve('gpt-image-1');
    expect(model).toEqual({ id: 'gpt-image-1', object: 'model', created: 1745517030, owned_by: 'system' });
  });

  it('throws NotFoundError with code model_not_found for an unknown model', async () => {
    const error: unknown = await client.models.retrieve('gpt-image-0').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OpenAI.NotFoundError);
    const apiError = error as InstanceType<typeof OpenAI.NotFoundError>;
    expect(apiError.status).toBe(404);
    expect(apiError.code).toBe('model_not_found');
    expect(apiError.param).toBe('model');
    expect(apiError.message).toContain("The model 'gpt-image-0' does not exist");
  });
});

/**
 * What the SDK does with the failures on demand, as it would against the real API: these are the SDK's
 * rules (openai 6.30.1 for Node), not the mock's, and the README states them from these tests.
 */
describe('the openai SDK retrying the failures on demand', () => {
  let server: RunningServer;
  let attempts = 0;
  beforeAll(async () => {
    server = await startServer({ port: 0, shutdownTimeoutMs: 500 });
    server.server.on('request', (req: { method?: string }) => {
      if (req.method === 'POST') attempts++;
    });
  });
  afterAll(async () => {
    await server.close();
  });

  /** Asks for `prefer` with a fresh client and says what was thrown and how many requests it took. */
  async function attempt(prefer: string, options: ConstructorParameters<typeof OpenAI>[0] = {}) {
    const sdk = new OpenAI({ baseURL: `${server.url}/v1`, apiKey: 'sk-x', ...options });
    attempts = 0;
    const error: unknown = await sdk.images
      .generate({ model: 'gpt-image-1', prompt: 'x' }, { headers: { prefer } })
      .catch((e: unknown) => e);
    return { error, attempts };
  }

  it('retries insufficient_quota like any 429, twice by default, although waiting cannot help', async () => {
    const { error, attempts: count } = await attempt('scenario=insufficient_quota');
    expect(error).toBeInstanceOf(OpenAI.RateLimitError);
    expect((error as InstanceType<typeof OpenAI.RateLimitError>).code).toBe('insufficient_quota');
    expect(count).toBe(3);
    expect((await attempt('scenario=insufficient_quota', { maxRetries: 0 })).attempts).toBe(1);
  });

  it('retries 5xx, and not 4xx other than 429', async () => {
    expect(await attempt('scenario=overloaded', { maxRetries: 1 })).toMatchObject({ attempts: 2 });
    expect(await attempt('scenario=moderation', { maxRetries: 1 })).toMatchObject({ attempts: 1 });
    expect(await attempt('scenario=org_not_verified', { maxRetries: 1 })).toMatchObject({ attempts: 1 });
  });

  it('retries a dropped connection, then throws APIConnectionError', async () => {
    const { error, attempts: count } = await attempt('scenario=reset', { maxRetries: 1 });
    expect(error).toBeInstanceOf(OpenAI.APIConnectionError);
    expect(error).not.toBeInstanceOf(OpenAI.APIConnectionTimeoutError);
    expect(count).toBe(2);
  });

  it('waits for its own timeout on scenario=timeout, retries, then throws APIConnectionTimeoutError', async () => {
    const started = performance.now();
    const { error, attempts: count } = await attempt('scenario=timeout', { maxRetries: 1, timeout: 300 });
    expect(error).toBeInstanceOf(OpenAI.APIConnectionTimeoutError);
    expect(count).toBe(2);
    expect(performance.now() - started).toBeGreaterThanOrEqual(2 * 300);
  });
});
