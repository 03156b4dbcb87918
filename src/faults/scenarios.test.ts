import { describe, expect, it } from 'vitest';
import { ApiError, serializeError } from '../errors.js';
import {
  SCENARIOS,
  SCENARIO_NAMES,
  STATUS_SCENARIOS,
  isScenarioName,
  resolveScenario,
  scenarioForStatus,
  type FaultAction,
} from './scenarios.js';

const gptImage = { id: 'gpt-image-1', family: 'gpt-image' } as const;
const dallE = { id: 'dall-e-3', family: 'dall-e' } as const;
const requestId = 'req_0123456789abcdef0123456789abcdef';

function errorOf(action: FaultAction): ApiError {
  if (action.type !== 'error') throw new Error(`expected an error action, got ${action.type}`);
  return action.error;
}

describe('resolveScenario', () => {
  it('answers every listed scenario with the status the table gives it', () => {
    for (const { name, status } of SCENARIOS) {
      const action = resolveScenario(name, { requestId, model: gptImage });
      if (status === null) expect(action).toEqual({ type: name });
      else expect(errorOf(action).status).toBe(status);
    }
  });

  it('rate_limit is the images 429 with type requests and a retry-after', () => {
    const error = errorOf(resolveScenario('rate_limit', { requestId, model: gptImage }));
    expect(error.toBody().error).toMatchObject({
      type: 'requests',
      code: 'rate_limit_exceeded',
      param: null,
    });
    expect(error.message).toContain('Limit: 15/1min. Current: 16/1min.');
    expect(error.headers['retry-after']).toBe('1');
  });

  it('rate_limit takes the configured limit and retry-after', () => {
    const context = { requestId, model: gptImage, rateLimit: { limit: 5, retryAfterSeconds: 20 } };
    const error = errorOf(resolveScenario('rate_limit', context));
    expect(error.message).toContain('Limit: 5/1min. Current: 6/1min.');
    expect(error.headers['retry-after']).toBe('20');
  });

  it("rate_limit carries a limiter's x-ratelimit headers, agreeing with its body and retry-after", () => {
    expect(errorOf(resolveScenario('rate_limit', { requestId, model: gptImage })).headers).toEqual({
      'retry-after': '1',
      'x-ratelimit-limit-requests': '15',
      'x-ratelimit-remaining-requests': '0',
      'x-ratelimit-reset-requests': '1s',
    });
    const context = { requestId, model: dallE, rateLimit: { limit: 5, retryAfterSeconds: 90 } };
    expect(errorOf(resolveScenario('rate_limit', context)).headers).toMatchObject({
      'retry-after': '90',
      'x-ratelimit-limit-requests': '5',
      'x-ratelimit-remaining-requests': '0',
      'x-ratelimit-reset-requests': '1m30s',
    });
  });

  it('insufficient_quota is a 429 without retry-after: the user has to act', () => {
    const error = errorOf(resolveScenario('insufficient_quota', { requestId, model: gptImage }));
    expect(error.status).toBe(429);
    expect(error.code).toBe('insufficient_quota');
    expect(error.headers).not.toHaveProperty('retry-after');
  });

  it('moderation speaks the gpt-image dialect, quoting the request id', () => {
    const error = errorOf(resolveScenario('moderation', { requestId, model: gptImage }));
    expect(error.type).toBe('image_generation_user_error');
    expect(error.code).toBe('moderation_blocked');
    expect(error.message).toContain(requestId);
    expect(error.toBody().error.moderation_details).toEqual({
      moderation_stage: 'input',
      categories: ['sexual'],
    });
  });

  it('moderation speaks the legacy dall-e dialect: content_policy_violation, keys sorted', () => {
    const error = errorOf(resolveScenario('moderation', { requestId, model: dallE }));
    expect(error.code).toBe('content_policy_violation');
    expect(error.type).toBe('invalid_request_error');
    expect(serializeError(error)).toMatch(/^\{\n {2}"error": \{\n {4}"code"[\s\S]*\n$/);
  });

  it('org_not_verified names the model and invalid_api_key masks the key sent', () => {
    const verified = errorOf(resolveScenario('org_not_verified', { requestId, model: gptImage }));
    expect(verified.message).toContain('to use the model `gpt-image-1`');
    const key = errorOf(
      resolveScenario('invalid_api_key', { requestId, model: gptImage, apiKey: 'sk-abcdefghijklmnop' }),
    );
    expect(key.message).toContain('sk-abcde*******mnop');
  });

  it('server errors are 500 and 503 of type server_error', () => {
    for (const name of ['server_error', 'overloaded'] as const) {
      expect(errorOf(resolveScenario(name, { requestId, model: gptImage })).type).toBe('server_error');
    }
  });
});

describe('scenarioForStatus', () => {
  it('maps each supported status to its canonical scenario, and 200 to none', () => {
    expect(
      Object.fromEntries([...STATUS_SCENARIOS].map(([code]) => [code, scenarioForStatus(code)])),
    ).toEqual({
      200: { ok: true, scenario: null },
      400: { ok: true, scenario: 'moderation' },
      401: { ok: true, scenario: 'invalid_api_key' },
      403: { ok: true, scenario: 'org_not_verified' },
      429: { ok: true, scenario: 'rate_limit' },
      500: { ok: true, scenario: 'server_error' },
      503: { ok: true, scenario: 'overloaded' },
    });
  });

  it('answers another status with a 400 naming the supported codes and the scenarios', () => {
    const result = scenarioForStatus(404);
    if (result.ok) throw new Error('404 is not supported');
    expect(result.error.status).toBe(400);
    expect(result.error.code).toBe('invalid_mock_directive');
    expect(result.error.param).toBeNull();
    expect(result.error.message).toBe(
      'Invalid mock directive Prefer: code=404: supported codes are 200, 400, 401, 403, 429, 500 and 503; ' +
        `other failures are asked for by name: scenario=${SCENARIO_NAMES.join('|')}.`,
    );
  });

  it('names the query parameter when the code came from the query', () => {
    const result = scenarioForStatus(418, 'query');
    expect(result.ok ? null : result.error.param).toBe('__code');
  });

  it('maps only to scenarios that exist', () => {
    for (const scenario of STATUS_SCENARIOS.values()) {
      if (scenario !== null) expect(isScenarioName(scenario)).toBe(true);
    }
    expect(isScenarioName('rate-limit')).toBe(false);
  });
});
