import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { OpenAPIV3 } from 'openapi-types';
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { createApp } from '../src/http/create-app.js';
import { createSpec, DEFAULT_SPEC_PATH, loadSpec } from '../src/openapi/load-spec.js';
import { AUTH, decodePng } from './helpers.js';

const { parseWithPointers } = (await import('@stoplight/yaml')) as unknown as {
  parseWithPointers: (text: string) => { data: Record<string, unknown> };
};

/** The bundled spec, parsed, for a test to edit. */
function bundledDocument(): OpenAPIV3.Document {
  return parseWithPointers(readFileSync(DEFAULT_SPEC_PATH, 'utf8')).data as unknown as OpenAPIV3.Document;
}

/** The request body's properties in a parsed spec. */
function requestProperties(document: OpenAPIV3.Document): Record<string, OpenAPIV3.SchemaObject> {
  const schema = document.components?.schemas?.ImageGenerationRequest as OpenAPIV3.SchemaObject;
  return schema.properties as Record<string, OpenAPIV3.SchemaObject>;
}

/** The model table of a parsed spec, for a test to edit. */
function modelTable(document: OpenAPIV3.Document): Record<string, Record<string, unknown>> {
  return (
    (document as unknown as Record<string, Record<string, Record<string, unknown>>>)['x-imagegen-models'] ??
    {}
  );
}

const GENERATIONS = '/v1/images/generations';

describe('behaviour comes from openapi.yaml, not from code', () => {
  it("follows an edited copy: another path, and the model table's n limit, size list and defaults", async () => {
    const document = bundledDocument();
    Object.assign(modelTable(document)['dall-e-2'] ?? {}, {
      maxN: 4,
      sizes: ['256x256', '512x512'],
      defaultSize: '256x256',
      defaultResponseFormat: 'b64_json',
    });
    document.paths[`/openai${GENERATIONS}`] = document.paths[GENERATIONS];
    delete document.paths[GENERATIONS];
    const app = createApp({ spec: await createSpec(document) });

    const tooMany = await request(app)
      .post('/openai/v1/images/generations')
      .set(AUTH)
      .send({ prompt: 'x', n: 5 });
    expect(tooMany.status).toBe(400);
    expect((tooMany.body as { error: { message: string } }).error.message).toBe(
      "Invalid 'n': integer above maximum value. Expected a value <= 4, but got 5 instead.",
    );
    const badSize = await request(app)
      .post('/openai/v1/images/generations')
      .set(AUTH)
      .send({ prompt: 'x', size: '1024x1024' });
    expect((badSize.body as { error: { message: string } }).error.message).toBe(
      "Invalid value: '1024x1024'. Supported values are: '256x256' and '512x512'.",
    );
    const ok = await request(app).post('/openai/v1/images/generations').set(AUTH).send({ prompt: 'x' });
    expect(ok.status).toBe(200);
    const b64 = (ok.body as { data: { b64_json: string }[] }).data[0]?.b64_json ?? '';
    expect(decodePng(Buffer.from(b64, 'base64'))).toMatchObject({ width: 256, height: 256 });

    const oldPath = await request(app).post('/v1/images/generations').set(AUTH).send({ prompt: 'x' });
    expect(oldPath.status).toBe(404);
  });

  it('serves a model added to the table, with the rules of the model it is like', async () => {
    const document = bundledDocument();
    modelTable(document)['acme-draw-1'] = { like: 'gpt-image-1', sizes: ['512x512'], maxN: 2 };
    const app = createApp({ spec: await createSpec(document) });
    const ok = await request(app)
      .post(GENERATIONS)
      .set(AUTH)
      .send({ model: 'acme-draw-1', prompt: 'x', size: '512x512' });
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({ size: '512x512', output_format: 'png' });
    const tooMany = await request(app)
      .post(GENERATIONS)
      .set(AUTH)
      .send({ model: 'acme-draw-1', prompt: 'x', n: 3 });
    expect((tooMany.body as { error: { param: string } }).error.param).toBe('n');
  });

  it('refuses a malformed model table, naming the model and the key', async () => {
    const document = bundledDocument();
    Object.assign(modelTable(document)['gpt-image-1'] ?? {}, { maxN: 0 });
    await expect(createSpec(document)).rejects.toThrow(
      /model 'gpt-image-1': 'maxN' must be a positive integer/,
    );
  });

  it('resolves $refs to other files relative to the spec file, wherever the server runs', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'imagegen-refs-'));
    const text = readFileSync(DEFAULT_SPEC_PATH, 'utf8');
    const document = bundledDocument();
    const properties = requestProperties(document);
    const requestSchema = {
      type: 'object',
      required: ['prompt'],
      properties: { ...properties, n: { ...properties.n, maximum: 2 } },
    };
    writeFileSync(join(dir, 'request.json'), JSON.stringify(requestSchema));
    writeFileSync(
      join(dir, 'spec.yaml'),
      text.replace("$ref: '#/components/schemas/ImageGenerationRequest'", "$ref: './request.json'"),
    );
    const app = createApp({ spec: await loadSpec(join(dir, 'spec.yaml')) });
    const res = await request(app).post(GENERATIONS).set(AUTH).send({ prompt: 'x', n: 3 });
    expect((res.body as { error: { message: string } }).error.message).toContain('Expected a value <= 2');
  });

  it('serves the endpoint anonymously when the spec declares no security', async () => {
    const document = bundledDocument();
    document.security = [];
    const post = document.paths[GENERATIONS]?.post;
    if (post) post.security = [];
    const app = createApp({ spec: await createSpec(document) });
    const res = await request(app).post('/v1/images/generations').send({ prompt: 'x', size: '256x256' });
    expect(res.status).toBe(200);
  });

  it.each([
    ['not OpenAPI 3', { swagger: '2.0', paths: {} }, /not an OpenAPI 3 document/],
    ['a request schema without defaults', 'no-defaults', /must give a default for n/],
    ['an operation it cannot serve', 'extra-operation', /is not one imagegen-mock can serve/],
  ])('refuses a spec that is %s, with a message naming the problem', async (_name, variant, message) => {
    let document: unknown = variant;
    if (variant === 'no-defaults') {
      const edited = bundledDocument();
      delete requestProperties(edited).n?.default;
      document = edited;
    } else if (variant === 'extra-operation') {
      const edited = bundledDocument();
      edited.paths['/v1/images/upscales'] = {
        post: { operationId: 'createImageUpscale', responses: { 200: { description: 'ok' } } },
      };
      document = edited;
    }
    await expect((async () => createApp({ spec: await createSpec(document) }))()).rejects.toThrow(message);
  });
});
