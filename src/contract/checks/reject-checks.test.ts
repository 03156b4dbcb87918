import { describe, expect, it } from 'vitest';
import { EDIT_REJECT_CASES } from '../engine/edit-steps.js';
import { REJECT_CASES } from '../engine/negative-corpus.js';
import { REJECT_CHECKS } from './reject-checks.js';
import {
  answerOf,
  buildEvidence,
  evaluate,
  imagesBody,
  lostOf,
  pngOf,
  stepOf,
} from './build-evidence.test-helpers.js';

const nZero = stepOf('reject.n-zero', { param: 'n' });
const generation = stepOf('generate.b64', { asked: {} });
const accepted = {
  step: generation,
  outcome: answerOf(generation.request, 200, imagesBody([pngOf(16, 16)])),
};
const error = (message: string, param: string | null, code = 'invalid_value') => ({
  error: { message, type: 'invalid_request_error', param, code },
});
/** The n = 0 rejection answered so, beside an accepted generation (so the rejection can mean something). */
const rejectWith = (status: number, body: unknown, headers: Record<string, string> = {}) =>
  buildEvidence([accepted, { step: nZero, outcome: answerOf(nZero.request, status, body, headers) }]);

describe('reject.<case>', () => {
  it('is one check per case of the negative corpus and per invalid upload, each waiting for every request of the run', () => {
    expect(REJECT_CHECKS.map((check) => check.id)).toEqual(
      [...REJECT_CASES, ...EDIT_REJECT_CASES].map(({ id }) => `reject.${id}`),
    );
    for (const check of REJECT_CHECKS) {
      expect(check).toMatchObject({
        severity: 'must',
        waitsFor: 'all-sent',
        needs: { purposes: [check.id] },
      });
    }
  });

  it('passes a 4xx naming the field, exactly or as a path', async () => {
    expect(
      evaluate('reject.n-zero', await rejectWith(400, error('n too small', 'n', 'integer_below_min_value'))),
    ).toEqual({
      status: 'pass',
      reason: 'rejected: 400 integer_below_min_value (param n)',
    });
    expect(evaluate('reject.n-zero', await rejectWith(422, error('n too small', 'body.n'))).status).toBe(
      'pass',
    );
  });

  it('fails an acceptance, a server error, and no answer', async () => {
    expect(evaluate('reject.n-zero', await rejectWith(200, imagesBody([pngOf(16, 16)]))).reason).toBe(
      'accepted: status 200',
    );
    expect(evaluate('reject.n-zero', await rejectWith(500, error('boom', null))).reason).toBe(
      'a server error instead of a rejection: status 500: boom',
    );
    const lost = await buildEvidence([accepted, { step: nZero, outcome: lostOf(nZero.request) }]);
    expect(evaluate('reject.n-zero', lost)).toEqual({
      status: 'fail',
      reason: 'no answer within 1 s',
      request: nZero.request,
    });
  });

  it('calls refusals that are not about the request inconclusive, and fails them', async () => {
    expect(evaluate('reject.n-zero', await rejectWith(401, error('bad key', null))).reason).toMatch(
      /^inconclusive: 401: the provider refused the credentials, not the request: /,
    );
    expect(evaluate('reject.n-zero', await rejectWith(404, error('no such model', 'model'))).reason).toMatch(
      /^inconclusive: 404: the endpoint or model was not found/,
    );
    const limited = await rejectWith(429, error('slow down', null));
    expect(evaluate('reject.n-zero', limited).reason).toBe(
      'inconclusive: still rate limited (429) after 0 retries, so never judged',
    );
    expect(evaluate('reject.n-zero', await rejectWith(400, error('unknown model', 'model'))).reason).toBe(
      'inconclusive: rejected for another field (400 invalid_value (param model), not n): status 400: unknown model',
    );
  });

  it('is inconclusive when every invalid request got the same answer and no valid one was accepted', async () => {
    const same = ['reject.n-zero', 'reject.missing-prompt', 'reject.empty-body'].map((purpose) => {
      const step = stepOf(purpose, { param: null });
      return { step, outcome: answerOf(step.request, 400, error('Bad request.', null)) };
    });
    const refused = {
      step: generation,
      outcome: answerOf(generation.request, 400, error('Bad request.', null)),
    };
    expect(evaluate('reject.n-zero', await buildEvidence([refused, ...same])).reason).toBe(
      'inconclusive: every invalid request got the same answer (status 400: Bad request.) and refused the valid requests too, so no rejection shows the provider judged the request',
    );
    expect(evaluate('reject.n-zero', await buildEvidence([accepted, ...same])).status).toBe('pass');
  });

  it('skips a case that was not sent', async () => {
    expect(evaluate('reject.n-zero', await buildEvidence([accepted]))).toEqual({
      status: 'skip',
      reason: 'not sent',
    });
  });
});
