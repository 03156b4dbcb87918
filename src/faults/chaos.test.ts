import { describe, expect, it } from 'vitest';
import { ConfigError, UsageError } from '../errors.js';
import { CHAOS_MIX, createChaos, parseChaosRate } from './chaos.js';
import { isScenarioName } from './scenarios.js';

const draw = (rate: number, seed: number | string, count: number): (string | null)[] => {
  const chaos = createChaos({ rate, seed });
  return Array.from({ length: count }, () => chaos.next());
};

describe('createChaos', () => {
  it('repeats the same decisions for the same seed, and others for another seed', () => {
    expect(draw(0.3, 7, 500)).toEqual(draw(0.3, 7, 500));
    expect(draw(0.3, 7, 500)).not.toEqual(draw(0.3, 8, 500));
    expect(draw(0.3, '7', 50)).toEqual(draw(0.3, 7, 50));
  });

  it('fails about `rate` of 10000 requests', () => {
    for (const rate of [0.01, 0.1, 0.5]) {
      const failures = draw(rate, 42, 10_000).filter((decision) => decision !== null).length;
      // Three standard deviations of a binomial count: sqrt(n p (1 - p)).
      const tolerance = 3 * Math.sqrt(10_000 * rate * (1 - rate));
      expect(Math.abs(failures - rate * 10_000)).toBeLessThan(tolerance);
    }
  });

  it('never fails at rate 0 and always fails at rate 1', () => {
    expect(draw(0, 1, 2000).every((decision) => decision === null)).toBe(true);
    expect(draw(1, 1, 2000).every((decision) => decision !== null)).toBe(true);
  });

  it('injects the realistic mix: mostly 429 rate limits, then 5xx, rarely quota', () => {
    const decisions = draw(1, 3, 20_000);
    const counts = new Map<string, number>();
    for (const decision of decisions) counts.set(String(decision), (counts.get(String(decision)) ?? 0) + 1);
    for (const { scenario, weight } of CHAOS_MIX) {
      const tolerance = 3 * Math.sqrt(20_000 * weight * (1 - weight));
      expect(Math.abs((counts.get(scenario) ?? 0) - weight * 20_000)).toBeLessThan(tolerance);
    }
    const share = (name: string): number => (counts.get(name) ?? 0) / decisions.length;
    expect(share('rate_limit')).toBeGreaterThan(share('server_error'));
    expect(share('insufficient_quota')).toBeLessThan(share('timeout'));
  });

  it('has a mix of known scenarios whose weights sum to 1', () => {
    expect(CHAOS_MIX.every(({ scenario }) => isScenarioName(scenario))).toBe(true);
    expect(CHAOS_MIX.reduce((sum, { weight }) => sum + weight, 0)).toBeCloseTo(1, 10);
  });

  it('only adds failures when the rate goes up with the same seed', () => {
    const low = draw(0.05, 9, 3000);
    const high = draw(0.2, 9, 3000);
    low.forEach((decision, i) => {
      if (decision !== null) expect(high[i]).not.toBeNull();
    });
  });

  it('refuses a rate outside 0..1', () => {
    for (const rate of [-0.1, 1.5, Number.NaN]) {
      expect(() => createChaos({ rate, seed: 1 })).toThrow(ConfigError);
    }
  });
});

describe('parseChaosRate', () => {
  it('reads shares and percentages', () => {
    expect(parseChaosRate('0.1')).toBe(0.1);
    expect(parseChaosRate('0')).toBe(0);
    expect(parseChaosRate('1')).toBe(1);
    expect(parseChaosRate('.25')).toBe(0.25);
    expect(parseChaosRate('10%')).toBe(0.1);
    expect(parseChaosRate(' 2.5 % ')).toBe(0.025);
    expect(parseChaosRate('100%')).toBe(1);
  });

  it('throws a one-line UsageError on anything else', () => {
    for (const text of ['', 'abc', '-0.1', '1.5', '150%', '10%%', '0x1', '1e-1', 'NaN', '%']) {
      expect(() => parseChaosRate(text)).toThrow(UsageError);
    }
    expect(() => parseChaosRate('2')).toThrow(
      "--chaos must be a share from 0 to 1 or a percentage such as 10%, got '2'",
    );
  });
});
