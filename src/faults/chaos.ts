import { ConfigError, UsageError } from '../errors.js';
import { createPrng } from '../images/index.js';
import type { ScenarioName } from './scenarios.js';

/**
 * The failures chaos injects and how often, relative to each other: what a client of the real API meets
 * most is rate limiting, then server errors and overload; dropped connections and timeouts are rarer, and a
 * quota running out mid-run is rarest. The weights sum to 1.
 */
export const CHAOS_MIX: readonly { scenario: ScenarioName; weight: number }[] = [
  { scenario: 'rate_limit', weight: 0.4 },
  { scenario: 'server_error', weight: 0.2 },
  { scenario: 'overloaded', weight: 0.2 },
  { scenario: 'timeout', weight: 0.08 },
  { scenario: 'reset', weight: 0.08 },
  { scenario: 'insufficient_quota', weight: 0.04 },
];

export interface ChaosOptions {
  /** Share of requests that fail, 0 to 1. */
  rate: number;
  /** Same seed, same sequence of decisions. */
  seed: number | string;
}

export interface Chaos {
  readonly rate: number;
  /** For the next request: the failure to inject, or null to answer normally. */
  next(): ScenarioName | null;
}

/**
 * Seeded fault injection: each `next()` draws one uniform number u; the request fails when u < rate, and
 * u / rate then picks the failure from CHAOS_MIX. One draw per request keeps the sequence aligned across
 * rates: with the same seed, raising the rate only adds failures, it never moves the ones already there.
 *
 * @example
 * const chaos = createChaos({ rate: 0.1, seed: 1 });
 * chaos.next(); // null, or e.g. 'rate_limit', about one time in ten
 */
export function createChaos(options: ChaosOptions): Chaos {
  const { rate, seed } = options;
  if (!(rate >= 0 && rate <= 1)) throw new ConfigError(`chaos rate must be from 0 to 1, got ${rate}`);
  const prng = createPrng(`chaos:${seed}`);
  return {
    rate,
    next() {
      const u = prng.nextFloat();
      return u < rate ? pickFailure(u / rate) : null;
    },
  };
}

/** The failure at position `x` (0 <= x < 1) along the cumulative weights of CHAOS_MIX. */
function pickFailure(x: number): ScenarioName {
  let cumulative = 0;
  for (const { scenario, weight } of CHAOS_MIX) {
    cumulative += weight;
    if (x < cumulative) return scenario;
  }
  return CHAOS_MIX[CHAOS_MIX.length - 1]?.scenario ?? 'server_error';
}

/**
 * The `--chaos` flag: a share from 0 to 1 (`0.1`) or a percentage (`10%`). Throws UsageError otherwise.
 *
 * @example
 * parseChaosRate('10%'); // 0.1
 */
export function parseChaosRate(text: string, source = '--chaos'): number {
  const trimmed = text.trim();
  const percent = trimmed.endsWith('%');
  const digits = percent ? trimmed.slice(0, -1).trim() : trimmed;
  const value = /^(\d+(\.\d*)?|\.\d+)$/.test(digits) ? Number(digits) / (percent ? 100 : 1) : NaN;
  if (!(value >= 0 && value <= 1)) {
    throw new UsageError(`${source} must be a share from 0 to 1 or a percentage such as 10%, got '${text}'`);
  }
  return value;
}
