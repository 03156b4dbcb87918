import { type ApiError, errors } from '../errors.js';
import { type DirectiveSource, invalidDirective } from './invalid-directive.js';
import { rateLimitHeaders } from './rate-limit-headers.js';
import type { ModelProfile } from '../openapi/models.js';

/**
 * The failures a client can ask for by name. Each is one answer the real API gives (or, for `timeout` and
 * `reset`, one way its connections fail), in the error catalogue's wording.
 */
export const SCENARIOS = [
  { name: 'rate_limit', status: 429, summary: 'rate limit exceeded, with retry-after' },
  { name: 'insufficient_quota', status: 429, summary: 'quota exhausted, no retry-after' },
  { name: 'moderation', status: 400, summary: 'safety system rejection, in the model family dialect' },
  { name: 'billing_hard_limit', status: 400, summary: 'billing hard limit reached' },
  { name: 'invalid_api_key', status: 401, summary: 'incorrect API key' },
  { name: 'org_not_verified', status: 403, summary: 'organization must be verified for the model' },
  { name: 'server_error', status: 500, summary: 'the server had an error' },
  { name: 'overloaded', status: 503, summary: 'the engine is overloaded' },
  { name: 'timeout', status: null, summary: 'never answers; the client must give up' },
  { name: 'reset', status: null, summary: 'destroys the connection without an answer' },
] as const satisfies readonly { name: string; status: number | null; summary: string }[];

export type ScenarioName = (typeof SCENARIOS)[number]['name'];

/** The names alone, in the table's order, for help texts and error messages. */
export const SCENARIO_NAMES: readonly ScenarioName[] = SCENARIOS.map((scenario) => scenario.name);

/** What the server does instead of answering normally. */
export type FaultAction = { type: 'error'; error: ApiError } | { type: 'timeout' } | { type: 'reset' };

export interface ScenarioContext {
  /** The answer's `x-request-id`; gpt-image moderation errors quote it. */
  requestId: string;
  model: Pick<ModelProfile, 'id' | 'family'>;
  /** The key the client sent, echoed masked by `invalid_api_key` (default `sk-mock`). */
  apiKey?: string;
  /** Figures for `rate_limit` (default 15 per minute, the observed images tier, and retry after 1 s). */
  rateLimit?: { limit: number; retryAfterSeconds: number };
}

/** The canonical scenario of each status `Prefer: code=N` accepts; `null` asks for the normal answer. */
export const STATUS_SCENARIOS: ReadonlyMap<number, ScenarioName | null> = new Map([
  [200, null],
  [400, 'moderation'],
  [401, 'invalid_api_key'],
  [403, 'org_not_verified'],
  [429, 'rate_limit'],
  [500, 'server_error'],
  [503, 'overloaded'],
]);

const CODES = [...STATUS_SCENARIOS.keys()];
/** What a bad `code` directive is told. */
export const CODE_EXPECTATION =
  `supported codes are ${CODES.slice(0, -1).join(', ')} and ${String(CODES.at(-1))}; ` +
  `other failures are asked for by name: scenario=${SCENARIO_NAMES.join('|')}`;

const DEFAULT_RATE_LIMIT = { limit: 15, retryAfterSeconds: 1 };
/** The category the observed gpt-image rejections name (`safety_violations=[sexual]`). */
const MODERATION_CATEGORIES = ['sexual'];

export function isScenarioName(text: string): text is ScenarioName {
  return (SCENARIO_NAMES as readonly string[]).includes(text);
}

/**
 * The action a named scenario stands for. `moderation` answers in the model family's dialect:
 * `content_policy_violation` for dall-e, `moderation_blocked` with `moderation_details` for gpt-image.
 *
 * @example
 * resolveScenario('rate_limit', { requestId, model }); // { type: 'error', error: ApiError 429 }
 * resolveScenario('reset', { requestId, model }); // { type: 'reset' }: destroy the socket
 */
export function resolveScenario(name: ScenarioName, context: ScenarioContext): FaultAction {
  switch (name) {
    case 'timeout':
      return { type: 'timeout' };
    case 'reset':
      return { type: 'reset' };
    case 'rate_limit': {
      // The headers a limiter would send with this body: nothing left until the retry-after has passed.
      const { limit, retryAfterSeconds } = context.rateLimit ?? DEFAULT_RATE_LIMIT;
      const error = errors.rateLimited(limit, limit + 1, retryAfterSeconds);
      const resetMs = Number(error.headers['retry-after']) * 1000;
      return fail(error.withHeaders(rateLimitHeaders({ limit, remaining: 0, resetMs })));
    }
    case 'insufficient_quota':
      return fail(errors.insufficientQuota());
    case 'moderation':
      return fail(
        context.model.family === 'dall-e'
          ? errors.contentPolicyViolation()
          : errors.moderationBlocked(context.requestId, MODERATION_CATEGORIES, 'input'),
      );
    case 'billing_hard_limit':
      return fail(errors.billingHardLimit());
    case 'invalid_api_key':
      return fail(errors.invalidApiKey(context.apiKey ?? 'sk-mock'));
    case 'org_not_verified':
      return fail(errors.organizationNotVerified(context.model.id));
    case 'server_error':
      return fail(errors.serverError());
    case 'overloaded':
      return fail(errors.overloaded());
  }
}

/**
 * The scenario `Prefer: code=N` stands for: `{ ok: true, scenario: null }` for 200 (answer normally), else
 * a 400 ApiError naming the supported codes. `source` says where the code was written, for that message.
 *
 * @example
 * scenarioForStatus(429); // { ok: true, scenario: 'rate_limit' }
 * scenarioForStatus(404); // { ok: false, error: ApiError 400 'Invalid mock directive Prefer: code=404 ...' }
 */
export function scenarioForStatus(
  code: number,
  source: DirectiveSource = 'header',
): { ok: true; scenario: ScenarioName | null } | { ok: false; error: ApiError } {
  const scenario = STATUS_SCENARIOS.get(code);
  if (scenario !== undefined) return { ok: true, scenario };
  return { ok: false, error: invalidDirective(source, 'code', String(code), CODE_EXPECTATION) };
}

function fail(error: ApiError): FaultAction {
  return { type: 'error', error };
}
