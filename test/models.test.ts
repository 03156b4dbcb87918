import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { validateResponse, type Operation } from '../src/validation/prism-validator.js';
import { AUTH, bundledSpec, testApp } from './helpers.js';

const spec = await bundledSpec();
const operation = (id: string): Operation => {
  const found = spec.operations.find((candidate) => candidate.iid === id);
  if (!found) throw new Error(`openapi.yaml has no operation ${id}`);
  return found;
};

/** Checks an answer against what the operation declares for its status, with Prism's output validator. */
function expectConforms(id: string, response: request.Response): void {
  const validation = validateResponse(operation(id), {
    statusCode: response.status,
    headers: { 'content-type': String(response.headers['content-type']) },
    body: response.body as unknown,
  });
  expect(validation).toEqual({ ok: true });
}

const RETIRED = ['dall-e-2', 'dall-e-3'];

it('checks answers against schemas that refuse a model without its fields', () => {
  const model = { id: 'gpt-image-1', object: 'model', created: '2025-04-24', owned_by: 'system' };
  const response = { statusCode: 200, headers: { 'content-type': 'application/json' } };
  expect(validateResponse(operation('retrieveModel'), { ...response, body: model }).ok).toBe(false);
  const list = { object: 'list', data: [{ id: 'gpt-image-1', object: 'model' }] };
  expect(validateResponse(operation('listModels'), { ...response, body: list }).ok).toBe(false);
});

describe('GET /v1/models', () => {
  it('lists the model table in its order, each with its fixed created date, owned by system', async () => {
    const response = await request(await testApp())
      .get('/v1/models')
      .set(AUTH);
    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toBe('application/json');
    expect(response.headers['x-request-id']).toMatch(/^req_[0-9a-f]{32}$/);
    const body = response.body as { object: string; data: Record<string, unknown>[] };
    expect(body.object).toBe('list');
    expect(body.data.map((model) => model.id)).toEqual([...spec.models.keys()]);
    expect(body.data[2]).toEqual({
      id: 'gpt-image-1',
      object: 'model',
      created: 1745517030,
      owned_by: 'system',
    });
    for (const model of body.data) expect(model.created).toBe(spec.models.get(String(model.id))?.created);
    expectConforms('listModels', response);
  });

  it('leaves the retired models out with --retired-models error', async () => {
    const app = await testApp({ retiredModels: 'error' });
    const response = await request(app).get('/v1/models').set(AUTH);
    const ids = (response.body as { data: { id: string }[] }).data.map((model) => model.id);
    expect(ids).toEqual([...spec.models.keys()].filter((id) => !RETIRED.includes(id)));
    expectConforms('listModels', response);
  });

  it('asks for a key, as every endpoint does', async () => {
    const missing = await request(await testApp()).get('/v1/models');
    expect(missing.status).toBe(401);
    expect((missing.body as { error: { message: string } }).error.message).toMatch(
      /^You didn't provide an API key/,
    );
    expectConforms('listModels', missing);
    const app = await testApp({ apiKeys: ['sk-right'] });
    const wrong = await request(app).get('/v1/models').set({ Authorization: 'Bearer sk-wrong' });
    expect(wrong.status).toBe(401);
    expect((wrong.body as { error: { code: string } }).error.code).toBe('invalid_api_key');
  });

  it('fails as asked with the Prefer header or the query, and refuses a misspelt directive', async () => {
    const app = await testApp();
    const limited = await request(app)
      .get('/v1/models')
      .set({ ...AUTH, Prefer: 'scenario=rate_limit' });
    expect(limited.status).toBe(429);
    expect(limited.headers['retry-after']).toBe('1');
    expectConforms('listModels', limited);
    const failing = await request(app).get('/v1/models?__code=500').set(AUTH);
    expect(failing.status).toBe(500);
    expectConforms('listModels', failing);
    const typo = await request(app)
      .get('/v1/models')
      .set({ ...AUTH, Prefer: 'scenaro=rate_limit' });
    expect(typo.status).toBe(400);
    expect((typo.body as { error: { code: string } }).error.code).toBe('invalid_mock_directive');
  });

  it('answers other methods, HEAD included, with 405 and Allow: GET', async () => {
    const app = await testApp();
    for (const method of ['post', 'delete', 'head'] as const) {
      const response = await request(app)[method]('/v1/models').set(AUTH);
      expect(response.status).toBe(405);
      expect(response.headers.allow).toBe('GET');
    }
  });
});

describe('GET /v1/models/{model}', () => {
  it('answers one model as the list describes it', async () => {
    const app = await testApp();
    const response = await request(app).get('/v1/models/gpt-image-2').set(AUTH);
    expect(response.status).toBe(200);
    expect(response.body).toEqual({
      id: 'gpt-image-2',
      object: 'model',
      created: spec.models.get('gpt-image-2')?.created,
      owned_by: 'system',
    });
    expectConforms('retrieveModel', response);
    const dotted = await request(app).get('/v1/models/gpt-image-1.5').set(AUTH);
    expect((dotted.body as { id: string }).id).toBe('gpt-image-1.5');
  });

  it("answers an unknown model with the real API's 404 model_not_found", async () => {
    const response = await request(await testApp())
      .get('/v1/models/gpt-image-9')
      .set(AUTH);
    expect(response.status).toBe(404);
    expect(response.body).toEqual({
      error: {
        message: "The model 'gpt-image-9' does not exist",
        type: 'invalid_request_error',
        param: 'model',
        code: 'model_not_found',
      },
    });
    expectConforms('retrieveModel', response);
  });

  it('serves the retired models by default, and answers them as unknown with --retired-models error', async () => {
    const serving = await request(await testApp())
      .get('/v1/models/dall-e-3')
      .set(AUTH);
    expect(serving.status).toBe(200);
    const app = await testApp({ retiredModels: 'error' });
    for (const id of RETIRED) {
      const response = await request(app).get(`/v1/models/${id}`).set(AUTH);
      expect(response.status).toBe(404);
      expect((response.body as { error: { message: string } }).error.message).toBe(
        `The model '${id}' does not exist`,
      );
    }
  });

  it('takes an encoded slash as part of the id, and answers a bare slash or a broken escape in the envelope', async () => {
    const app = await testApp();
    const encoded = await request(app).get('/v1/models/ft%3Agpt-image-1%2Facme').set(AUTH);
    expect(encoded.status).toBe(404);
    expect((encoded.body as { error: { message: string } }).error.message).toBe(
      "The model 'ft:gpt-image-1/acme' does not exist",
    );
    const nested = await request(app).get('/v1/models/gpt-image-1/extra').set(AUTH);
    expect(nested.status).toBe(404);
    expect((nested.body as { error: { message: string } }).error.message).toBe(
      'Invalid URL (GET /v1/models/gpt-image-1/extra)',
    );
    const broken = await request(app).get('/v1/models/%E0%A4%A').set(AUTH);
    expect(broken.status).toBe(400);
    expect((broken.body as { error: { message: string } }).error.message).toMatch(
      /malformed percent-encoding/,
    );
  });

  it('asks for a key before it says whether the model exists', async () => {
    const response = await request(await testApp()).get('/v1/models/gpt-image-9');
    expect(response.status).toBe(401);
  });

  it('fails as asked, naming the model, and lets an unknown model answer its 404 first', async () => {
    const app = await testApp();
    const forbidden = await request(app)
      .get('/v1/models/gpt-image-1')
      .set({ ...AUTH, Prefer: 'code=403' });
    expect(forbidden.status).toBe(403);
    expect((forbidden.body as { error: { message: string } }).error.message).toContain('`gpt-image-1`');
    expectConforms('retrieveModel', forbidden);
    const unknown = await request(app).get('/v1/models/nope?__scenario=overloaded').set(AUTH);
    expect(unknown.status).toBe(404);
  });

  it('answers HEAD with 405 and Allow: GET', async () => {
    const response = await request(await testApp())
      .head('/v1/models/gpt-image-1')
      .set(AUTH);
    expect(response.status).toBe(405);
    expect(response.headers.allow).toBe('GET');
  });
});
