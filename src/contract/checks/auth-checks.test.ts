import { describe, expect, it } from 'vitest';
import { answerOf, buildEvidence, evaluate, imagesBody, stepOf } from './build-evidence.test-helpers.js';

const wrongKey = stepOf('auth.wrong-key');
const envelope = {
  error: {
    message: 'Incorrect API key provided',
    type: 'invalid_request_error',
    param: null,
    code: 'invalid_api_key',
  },
};
const answered = (status: number, body: unknown, headers: Record<string, string> = {}) =>
  buildEvidence([{ step: wrongKey, outcome: answerOf(wrongKey.request, status, body, headers) }]);

describe('auth.missing-key and auth.wrong-key', () => {
  it('pass a 401 with the envelope', async () => {
    expect(evaluate('auth.wrong-key', await answered(401, envelope))).toEqual({
      status: 'pass',
      reason: 'rejected: 401 invalid_api_key with the envelope',
    });
  });

  it('fail an acceptance, a 403, and a 401 without the envelope', async () => {
    expect(evaluate('auth.wrong-key', await answered(200, imagesBody([])))).toEqual({
      status: 'fail',
      reason: 'accepted without a valid key: status 200',
      request: wrongKey.request,
    });
    expect(evaluate('auth.wrong-key', await answered(403, envelope)).reason).toBe(
      'expected 401, got status 403: Incorrect API key provided',
    );
    expect(
      evaluate('auth.wrong-key', await answered(401, 'Unauthorized', { 'content-type': 'text/plain' }))
        .reason,
    ).toBe('401, but content-type text/plain, not application/json');
  });

  it('each judge their own request only', async () => {
    const evidence = await answered(401, envelope);
    expect(evaluate('auth.missing-key', evidence)).toEqual({ status: 'skip', reason: 'not sent' });
  });
});
