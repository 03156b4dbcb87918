import { beforeAll, describe, expect, it } from 'vitest';
import { loadSpec, type Spec } from '../../openapi/load-spec.js';
import {
  answerOf,
  buildEvidence,
  evaluate,
  imagesBody,
  pngOf,
  stepOf,
} from './build-evidence.test-helpers.js';

const b64 = stepOf('generate.b64', { asked: {} });
const n2 = stepOf('generate.n2', { asked: { n: 2 } });
const image = pngOf(16, 16);
const ok = (body: unknown = imagesBody([image]), step = b64) => ({
  step,
  outcome: answerOf(step.request, 200, body),
});

let spec: Spec;
beforeAll(async () => {
  spec = await loadSpec();
});

describe('response.schema', () => {
  it('passes an answer that conforms to ImageResponse', async () => {
    const verdict = evaluate('response.schema', await buildEvidence([ok()], { spec }));
    expect(verdict).toEqual({ status: 'pass', reason: '1 answer(s) conform to the ImageResponse schema' });
  });

  it('fails data that is not an array, a 200 that is not JSON, and an error status', async () => {
    const notArray = ok({ created: 1, data: { items: [] } });
    expect(evaluate('response.schema', await buildEvidence([notArray], { spec })).reason).toBe(
      'generate.b64: body.data Response body property data must be array',
    );
    const html = {
      step: b64,
      outcome: answerOf(b64.request, 200, '<html></html>', { 'content-type': 'text/html' }),
    };
    expect(evaluate('response.schema', await buildEvidence([html], { spec })).reason).toBe(
      'generate.b64: content-type text/html, not application/json',
    );
    const failed = { step: b64, outcome: answerOf(b64.request, 500, { error: { message: 'boom' } }) };
    expect(evaluate('response.schema', await buildEvidence([failed], { spec }))).toEqual({
      status: 'fail',
      reason: 'generate.b64: status 500: boom',
      request: b64.request,
    });
  });
});

describe('response.created', () => {
  it('passes unix seconds near now', async () => {
    expect(evaluate('response.created', await buildEvidence([ok()])).status).toBe('pass');
  });

  it('fails milliseconds, a string, and a time days away', async () => {
    const at = (created: unknown) => ok({ ...imagesBody([image]), created });
    const now = Math.floor(Date.now() / 1000);
    expect(evaluate('response.created', await buildEvidence([at(now * 1000)])).reason).toMatch(
      /looks like milliseconds, not seconds$/,
    );
    expect(evaluate('response.created', await buildEvidence([at(String(now))])).reason).toMatch(
      /created is "\d+", not an integer$/,
    );
    expect(evaluate('response.created', await buildEvidence([at(now - 3 * 86_400)])).reason).toMatch(
      /is -\d+ s from this machine's clock$/,
    );
  });

  it('fails, naming the answer, when no generation came back', async () => {
    const failed = { step: b64, outcome: answerOf(b64.request, 503, 'busy') };
    expect(evaluate('response.created', await buildEvidence([failed]))).toEqual({
      status: 'fail',
      reason: 'no generation answer: generate.b64 got status 503',
      request: b64.request,
    });
  });
});

describe('response.count', () => {
  it('passes n items for n = 2, and says so when n = 2 was not asked', async () => {
    const two = ok(imagesBody([image, pngOf(16, 16, 10)]), n2);
    expect(evaluate('response.count', await buildEvidence([two])).reason).toBe(
      'data has exactly n items in 1 answer(s)',
    );
    expect(evaluate('response.count', await buildEvidence([ok()])).reason).toMatch(/n=2 not asked/);
  });

  it('fails a provider that ignores n', async () => {
    expect(evaluate('response.count', await buildEvidence([ok(imagesBody([image]), n2)])).reason).toBe(
      'generate.n2: asked for n=2, got 1 item(s)',
    );
  });
});

describe('response.format-field', () => {
  it('passes exactly the requested field', async () => {
    expect(evaluate('response.format-field', await buildEvidence([ok()])).status).toBe('pass');
  });

  it('fails both fields, and the other field only', async () => {
    const both = imagesBody([image]);
    Object.assign(both.data[0] ?? {}, { url: 'https://example.test/a.png' });
    expect(evaluate('response.format-field', await buildEvidence([ok(both)])).reason).toBe(
      'generate.b64 data[0]: carries both b64_json and url',
    );
    const url = ok(imagesBody(['https://example.test/a.png']));
    expect(evaluate('response.format-field', await buildEvidence([url])).reason).toBe(
      'generate.b64 data[0]: no b64_json (asked for b64_json)',
    );
  });
});

describe('response.revised-prompt', () => {
  const revised = (value: unknown) => {
    const body = imagesBody([image]);
    Object.assign(body.data[0] ?? {}, { revised_prompt: value });
    return ok(body);
  };

  it('passes no revised_prompt, and a non-empty one', async () => {
    expect(evaluate('response.revised-prompt', await buildEvidence([ok()])).reason).toBe(
      'no revised_prompt in the answers',
    );
    expect(evaluate('response.revised-prompt', await buildEvidence([revised('A red circle')])).status).toBe(
      'pass',
    );
  });

  it('fails an empty and a null revised_prompt', async () => {
    expect(evaluate('response.revised-prompt', await buildEvidence([revised('')])).reason).toBe(
      'generate.b64 data[0]: revised_prompt is ""',
    );
    expect(evaluate('response.revised-prompt', await buildEvidence([revised(null)])).reason).toBe(
      'generate.b64 data[0]: revised_prompt is null',
    );
  });
});
