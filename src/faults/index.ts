// Faults on demand and realistic latency: plain functions and factories with injected clocks and seeds,
// wired into the HTTP layer and the CLI elsewhere.

// The policy that joins them for one request
export {
  createFaultPolicy,
  type AppliedFault,
  type FaultDecision,
  type FaultInput,
  type FaultPolicy,
  type FaultPolicyOptions,
  type FaultRequest,
  type LookupFaultInput,
  type PolicyLimiter,
} from './fault-policy.js';

// Named failures and what they answer
export {
  SCENARIOS,
  SCENARIO_NAMES,
  STATUS_SCENARIOS,
  isScenarioName,
  resolveScenario,
  scenarioForStatus,
  type FaultAction,
  type ScenarioContext,
  type ScenarioName,
} from './scenarios.js';

// Asking for them: Prefer header, __query twins, [mock:...] prompt markers
export {
  DIRECTIVE_NAMES,
  IGNORED_PREFERENCES,
  MAX_DELAY_MS,
  resolveDirectives,
  type DirectiveSources,
  type DirectivesResult,
  type FaultDirectives,
} from './directives.js';
export { parsePreferHeader } from './prefer-header.js';
export {
  findPromptMarkers,
  hasPromptMarker,
  stripPromptMarkers,
  type PromptDirective,
} from './prompt-markers.js';
export { invalidDirective, type DirectiveSource } from './invalid-directive.js';

// Seeded random failures
export { CHAOS_MIX, createChaos, parseChaosRate, type Chaos, type ChaosOptions } from './chaos.js';

// Rate limiting
export {
  createRateLimiter,
  parseRateLimit,
  refuseTake,
  type FullWindow,
  type RateLimiter,
  type RateLimiterOptions,
  type TakeResult,
} from './rate-limiter.js';
// The same windows shared by replicas through Redis (the client is loaded only when connecting)
export {
  connectRedisRateLimiter,
  parseRedisUrl,
  redactUrl,
  type RedisRateLimiterOptions,
  type SharedRateLimiter,
} from './redis-rate-limiter.js';
export {
  RATE_LIMIT_HEADER_NAMES,
  formatResetDuration,
  rateLimitHeaders,
  type RateLimitState,
} from './rate-limit-headers.js';

// Latency
export {
  MAX_REALISTIC_MS,
  createLatency,
  parseLatency,
  partialImageTimesMs,
  type Latency,
  type LatencyMode,
  type LatencyOptions,
  type LatencyRequest,
} from './latency.js';
export { sleep } from './sleep.js';
