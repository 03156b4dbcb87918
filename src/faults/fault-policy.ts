import type { ModelProfile } from '../openapi/models.js';
import type { MockOptions } from '../options.js';
import { createChaos } from './chaos.js';
import { resolveDirectives, type DirectiveSources } from './directives.js';
import { createLatency, NO_MODEL } from './latency.js';
import { rateLimitHeaders } from './rate-limit-headers.js';
import { createRateLimiter, type RateLimiter, type TakeResult } from './rate-limiter.js';
import { resolveScenario, type FaultAction, type ScenarioContext, type ScenarioName } from './scenarios.js';

/** The settings the fault policy reads. */
export type FaultPolicyOptions = Pick<MockOptions, 'latency' | 'seed' | 'chaos' | 'rateLimit'>;

/**
 * The limiter the policy counts image requests with: the in-process one by default, or one whose windows
 * several processes share (`connectRedisRateLimiter`), whose answer comes back later.
 */
export type PolicyLimiter = Pick<RateLimiter, 'limit' | 'windowMs'> & {
  take(key?: string): TakeResult | Promise<TakeResult>;
};

/** What the policy reads of a valid request: its resolved settings and model. */
export interface FaultRequest {
  prompt: string;
  profile: ModelProfile;
  quality: string;
  size: string;
  n: number;
}

/** One valid request, as plain values: where it may ask for faults, who sent it, what it asks for. */
export interface FaultInput {
  /** The `Prefer` header as received (several lines are one list). */
  prefer?: DirectiveSources['prefer'];
  /** The parsed query string; the `__` parameters are directives. */
  query?: DirectiveSources['query'];
  /** The request's Bearer token, if it has one: the rate limiter counts per key. */
  apiKey?: string | undefined;
  request: FaultRequest;
  requestId: string;
}

/**
 * A valid request that generates nothing (`GET /v1/models`, `GET /v1/models/{model}`): it has no prompt, so no
 * markers, and the model its scenarios name is the one it asks about, or the default model for a list.
 */
export interface LookupFaultInput extends Omit<FaultInput, 'request'> {
  model: Pick<ModelProfile, 'id' | 'family'>;
}

/** Where a decided failure came from: what the request asked for, the rate limiter, or chaos. */
export interface AppliedFault {
  source: 'directive' | 'limiter' | 'chaos';
  scenario?: ScenarioName;
  /** The delay a `delay=` directive set, in milliseconds; alone, it is a directive's fault of its own. */
  delayMs?: number;
}

/** The applied fault with the delay a directive asked for, so a delay-only directive is recorded too. */
function withAskedDelay(applied: AppliedFault | undefined, delayMs: number | undefined) {
  if (delayMs === undefined) return applied;
  return { ...(applied ?? { source: 'directive' }), delayMs } satisfies AppliedFault;
}

/** What to do with one valid request: fail it (and how), and how long to take. */
export interface FaultDecision {
  action?: FaultAction;
  /** Who asked for the action, and its scenario (none for the limiter's own 429): what a journal records. */
  applied?: AppliedFault;
  delayMs: number;
  /** Headers every answer to this request carries, failures included (the limiter's `x-ratelimit-*`). */
  headers: Record<string, string>;
}

export interface FaultPolicy {
  /** How long an answer to an invalid request takes. */
  errorDelayMs(): number;
  /**
   * Rejects with an ApiError (400) for a malformed fault directive: the user must learn why nothing happened.
   * Asynchronous because the rate limiter may keep its windows elsewhere (Redis); it never waits longer than
   * that limiter's own bound.
   */
  decide(input: FaultInput): Promise<FaultDecision>;
  /**
   * The same for a request that generates nothing: only what it asks for (`Prefer`, `__` query twins) applies.
   * The limiter and chaos count image requests, so these neither use a slot nor draw from the seeded
   * sequence; the latency is that of a quick answer (an error's), unless `delay` sets it.
   */
  decideLookup(input: LookupFaultInput): FaultDecision;
  /** When (ms from the start) each of `count` streamed events goes out, the last at `totalMs`. */
  streamTimesMs(totalMs: number, count: number): number[];
}

/** Who asks for a scenario, and about which model: what its answer may quote. */
type Asker = Pick<FaultInput, 'requestId' | 'apiKey'> & Pick<ScenarioContext, 'model'>;

/**
 * Joins the fault sources in one order: what the request asks for (`Prefer`, `__` query twins, prompt
 * markers) wins, then the real rate limiter, then seeded chaos. Latency comes last: an asked-for `delay`,
 * else the latency model for the outcome. With `options.rateLimit`, the limiter is an in-process one on the
 * clock `now`, unless `sharedLimiter` (built for the same setting) is given.
 */
export function createFaultPolicy(
  options: FaultPolicyOptions,
  now: () => number,
  sharedLimiter?: PolicyLimiter,
): FaultPolicy {
  const latency = createLatency({ mode: options.latency, seed: options.seed });
  const chaos =
    options.chaos !== undefined ? createChaos({ rate: options.chaos, seed: options.seed }) : undefined;
  const limiter: PolicyLimiter | undefined =
    sharedLimiter ?? (options.rateLimit ? createRateLimiter({ ...options.rateLimit, now }) : undefined);
  const scenarioAction = (name: ScenarioName, { requestId, model, apiKey }: Asker): FaultAction =>
    resolveScenario(name, {
      requestId,
      model,
      ...(apiKey !== undefined ? { apiKey } : {}),
      ...(limiter ? { rateLimit: { limit: limiter.limit, retryAfterSeconds: 1 } } : {}),
    });
  return {
    errorDelayMs: () => latency.delayMs({ model: NO_MODEL, outcome: 'error' }),
    // The partial images spread from the latency model's first-partial share; the final image at the end.
    streamTimesMs: (totalMs, count) => [...latency.partialTimesMs(totalMs, count - 1), totalMs],
    async decide({ prefer, query, apiKey, request, requestId }) {
      const asked = resolveDirectives({ prefer, query, prompt: request.prompt });
      if (!asked.ok) throw asked.error;
      const asker = { requestId, model: request.profile, apiKey };
      let action: FaultAction | undefined;
      let applied: AppliedFault | undefined;
      const headers: Record<string, string> = {};
      const { scenario, delayMs } = asked.directives;
      if (scenario !== undefined && scenario !== 'none') {
        action = scenarioAction(scenario, asker);
        applied = { source: 'directive', scenario };
      }
      if (scenario === undefined && limiter) {
        const taken = await limiter.take(apiKey);
        Object.assign(headers, rateLimitHeaders({ limit: limiter.limit, ...taken }));
        if (!taken.ok) {
          action = { type: 'error', error: taken.error };
          applied = { source: 'limiter' };
        }
      }
      if (scenario === undefined && !action && chaos) {
        const injected = chaos.next();
        if (injected) {
          action = scenarioAction(injected, asker);
          applied = { source: 'chaos', scenario: injected };
        }
      }
      const outcome = action ? 'error' : 'success';
      applied = withAskedDelay(applied, delayMs);
      return {
        ...(action ? { action } : {}),
        ...(applied ? { applied } : {}),
        delayMs:
          delayMs ??
          latency.delayMs({
            model: request.profile,
            quality: request.quality,
            size: request.size,
            n: request.n,
            outcome,
          }),
        headers,
      };
    },
    decideLookup({ prefer, query, apiKey, model, requestId }) {
      const asked = resolveDirectives({ prefer, query });
      if (!asked.ok) throw asked.error;
      const { scenario, delayMs } = asked.directives;
      const named = scenario !== undefined && scenario !== 'none' ? scenario : undefined;
      const action = named ? scenarioAction(named, { requestId, model, apiKey }) : undefined;
      const applied = withAskedDelay(action ? { source: 'directive', scenario: named } : undefined, delayMs);
      return {
        ...(action ? { action } : {}),
        ...(applied ? { applied } : {}),
        delayMs: delayMs ?? latency.delayMs({ model: NO_MODEL, outcome: 'error' }),
        headers: {},
      };
    },
  };
}
