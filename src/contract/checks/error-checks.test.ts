import { describe, expect, it } from 'vitest';
import { answerOf, buildEvidence, evaluate, stepOf } from './build-evidence.test-helpers.js';

const nZero = stepOf('reject.n-zero', { param: 'n' });
const missingKey = stepOf('auth.missing-key');
const envelope = (extra: Record<string, unknown> = {}) => ({
  error: {
    message: 'n must be at least 1',
    type: 'invalid_request_error',
    param: 'n',
    code: 'invalid_value',
    ...extra,
  },
});
const rejected = (body: unknown, headers: Record<string, string> = {}) =>
  buildEvidence([{ step: nZero, outcome: answerOf(nZero.request, 400, body, headers) }]);

describe('errors.envelope', () => {
  it('passes the envelope on every 4xx', async () => {
    const evidence = await buildEvidence([
      { step: nZero, outcome: answerOf(nZero.request, 400, envelope()) },
      { step: missingKey, outcome: answerOf(missingKey.request, 401, envelope({ param: null, code: null })) },
    ]);
    expect(evaluate('errors.envelope', evidence).reason).toBe('2 error answer(s) carry the envelope');
  });

  it('fails plain-text errors, a bare envelope and a numeric code', async () => {
    expect(
      evaluate('errors.envelope', await rejected('Bad Request', { 'content-type': 'text/plain' })).reason,
    ).toBe('reject.n-zero (400): content-type text/plain, not application/json');
    expect(evaluate('errors.envelope', await rejected({ message: 'bad' })).reason).toBe(
      'reject.n-zero (400): the body is not {"error": {...}}',
    );
    expect(evaluate('errors.envelope', await rejected(envelope({ code: 400 }))).reason).toBe(
      'reject.n-zero (400): error.code is 400, not a string or null',
    );
  });

  it('skips when no request came back with a 4xx', async () => {
    expect(evaluate('errors.envelope', await buildEvidence([])).status).toBe('skip');
  });
});

describe('errors.envelope-complete', () => {
  it('passes param and code present, and fails them missing', async () => {
    expect(evaluate('errors.envelope-complete', await rejected(envelope())).status).toBe('pass');
    const { error } = envelope();
    const bare = { error: { message: error.message, type: error.type } };
    expect(evaluate('errors.envelope-complete', await rejected(bare)).reason).toBe(
      'reject.n-zero: error.param and error.code missing',
    );
  });
});

describe('errors.param', () => {
  it('passes the offending field, and fails another field or null', async () => {
    expect(evaluate('errors.param', await rejected(envelope())).reason).toBe(
      '1 rejection(s) name the offending field',
    );
    expect(evaluate('errors.param', await rejected(envelope({ param: 'body' }))).reason).toBe(
      'reject.n-zero: error.param is "body", not "n"',
    );
    expect(evaluate('errors.param', await rejected(envelope({ param: null }))).reason).toBe(
      'reject.n-zero: error.param is null, not "n"',
    );
  });
});
