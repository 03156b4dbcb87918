import { describe, expect, it } from 'vitest';
import type { Outcome } from '../engine/http.js';
import {
  answerOf,
  buildEvidence,
  evaluate,
  imagesBody,
  lostOf,
  pngOf,
  stepOf,
} from './build-evidence.test-helpers.js';

const missingKey = stepOf('auth.missing-key');
const url = stepOf('generate.url', { asked: { responseFormat: 'url' } });
const IMAGE_URL = 'https://images.test/a.png';
const unauthorized = (headers: Record<string, string> = {}) => ({
  step: missingKey,
  outcome: answerOf(
    missingKey.request,
    401,
    { error: { message: 'no key', type: 'invalid_request_error' } },
    headers,
  ),
});

describe('headers.request-id', () => {
  it("passes x-request-id on the provider's answers, image URL fetches aside", async () => {
    const request = { ...url.request, method: 'GET' as const, url: IMAGE_URL, purpose: 'image.url-fetch' };
    const fetches: Record<string, Outcome> = {
      [IMAGE_URL]: answerOf(request, 200, pngOf(16, 16), { 'content-type': 'image/png', 'x-request-id': '' }),
    };
    const generated = { step: url, outcome: answerOf(url.request, 200, imagesBody([IMAGE_URL])) };
    const evidence = await buildEvidence([unauthorized(), generated], { fetches });
    expect(evaluate('headers.request-id', evidence).reason).toBe('2 answer(s) carry x-request-id');
  });

  it('fails an answer without it', async () => {
    expect(
      evaluate('headers.request-id', await buildEvidence([unauthorized({ 'x-request-id': '' })])),
    ).toEqual({
      status: 'fail',
      reason: 'auth.missing-key: no x-request-id',
      request: missingKey.request,
    });
  });
});

describe('timing.timeout', () => {
  it('passes answers in time, naming the slowest and the limits', async () => {
    expect(evaluate('timing.timeout', await buildEvidence([unauthorized()])).reason).toBe(
      '1 answer(s) in time, the slowest in 0.0 s (limits 300 s / 30 s)',
    );
  });

  it('fails a request that timed out', async () => {
    const late = await buildEvidence([
      unauthorized(),
      { step: missingKey, outcome: lostOf(missingKey.request) },
    ]);
    expect(evaluate('timing.timeout', late).reason).toBe('auth.missing-key: no answer within 1 s');
  });
});
