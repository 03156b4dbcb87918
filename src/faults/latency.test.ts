import { describe, expect, it } from 'vitest';
import { ConfigError, UsageError } from '../errors.js';
import {
  MAX_REALISTIC_MS,
  createLatency,
  parseLatency,
  partialImageTimesMs,
  type LatencyRequest,
} from './latency.js';

const dallE3 = {
  latency: { standard: [12, 25], hd: [20, 40] },
  defaultQuality: 'standard',
  autoQuality: 'standard',
  autoSize: '1024x1024',
} as const;
const gptImage1 = {
  latency: { low: [8, 20], medium: [15, 40], high: [30, 90] },
  defaultQuality: 'auto',
  autoQuality: 'medium',
  autoSize: '1024x1024',
} as const;

const sample = (request: Omit<LatencyRequest, 'outcome'>, count: number, seed = 1): number[] => {
  const latency = createLatency({ mode: 'realistic', seed });
  return Array.from({ length: count }, () => latency.delayMs({ ...request, outcome: 'success' }));
};

const quantile = (values: readonly number[], q: number): number => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(q * (sorted.length - 1))] ?? NaN;
};
const median = (values: readonly number[]): number => quantile(values, 0.5);

describe('createLatency', () => {
  it('is 0 when off and the given milliseconds when fixed, whatever the request', () => {
    const request = { model: dallE3, quality: 'hd', size: '1792x1024', n: 1 } as const;
    expect(createLatency({ mode: 'off' }).delayMs({ ...request, outcome: 'success' })).toBe(0);
    expect(createLatency({ mode: 250 }).delayMs({ ...request, outcome: 'success' })).toBe(250);
    expect(createLatency({ mode: 250 }).delayMs({ ...request, outcome: 'error' })).toBe(250);
  });

  it('repeats the same sequence for the same seed, and another for another seed', () => {
    const request = { model: gptImage1, quality: 'high', size: '1024x1024', n: 1 };
    expect(sample(request, 200, 5)).toEqual(sample(request, 200, 5));
    expect(sample(request, 200, 5)).not.toEqual(sample(request, 200, 6));
  });

  it("samples the model table's median and p95 for the quality (4000 draws, within 5% and 8%)", () => {
    for (const [model, quality, [med, p95]] of [
      [dallE3, 'standard', [12, 25]],
      [dallE3, 'hd', [20, 40]],
      [gptImage1, 'low', [8, 20]],
      [gptImage1, 'high', [30, 90]],
    ] as const) {
      const values = sample({ model, quality, size: '1024x1024', n: 1 }, 4000, 11);
      expect(Math.abs(median(values) / (med * 1000) - 1)).toBeLessThan(0.05);
      expect(Math.abs(quantile(values, 0.95) / (p95 * 1000) - 1)).toBeLessThan(0.08);
    }
  });

  it('resolves auto and a missing quality to the model’s own', () => {
    const values = sample({ model: gptImage1, quality: 'auto', size: 'auto', n: 1 }, 3000, 2);
    expect(Math.abs(median(values) / 15_000 - 1)).toBeLessThan(0.05);
    expect(sample({ model: gptImage1, n: 1 }, 50, 2)).toEqual(
      sample({ model: gptImage1, quality: 'auto', n: 1 }, 50, 2),
    );
  });

  it('takes 1.5x as long for sizes with an edge of 1536 px or more', () => {
    const base = sample({ model: gptImage1, quality: 'medium', size: '1024x1024', n: 1 }, 100, 3);
    for (const size of ['1536x1024', '1024x1536', '1792x1024']) {
      const large = sample({ model: gptImage1, quality: 'medium', size, n: 1 }, 100, 3);
      large.forEach((value, i) => expect(value / (base[i] ?? NaN)).toBeCloseTo(1.5, 2));
    }
  });

  it('adds half an image’s time per extra image, up to the cap', () => {
    const one = sample({ model: dallE3, quality: 'standard', size: '1024x1024', n: 1 }, 100, 4);
    const three = sample({ model: dallE3, quality: 'standard', size: '1024x1024', n: 3 }, 100, 4);
    three.forEach((value, i) => expect(value / (one[i] ?? NaN)).toBeCloseTo(2, 2));
    const ten = sample({ model: gptImage1, quality: 'high', size: '1536x1024', n: 10 }, 500, 4);
    expect(Math.max(...ten)).toBe(MAX_REALISTIC_MS);
  });

  it('answers errors in 20-300 ms', () => {
    const latency = createLatency({ mode: 'realistic', seed: 1 });
    const values = Array.from({ length: 2000 }, () =>
      latency.delayMs({ model: gptImage1, quality: 'high', outcome: 'error' }),
    );
    expect(Math.min(...values)).toBeGreaterThanOrEqual(20);
    expect(Math.max(...values)).toBeLessThanOrEqual(300);
    expect(Math.max(...values) - Math.min(...values)).toBeGreaterThan(250);
  });

  it('refuses a fixed latency that is negative or fractional', () => {
    expect(() => createLatency({ mode: -1 })).toThrow(ConfigError);
    expect(() => createLatency({ mode: 1.5 })).toThrow(ConfigError);
  });
});

describe('partial images', () => {
  it('sends the first partial at the given share, the others evenly after it, all before the end', () => {
    expect(partialImageTimesMs(10_000, 1, 0.4)).toEqual([4000]);
    expect(partialImageTimesMs(10_000, 2, 0.4)).toEqual([4000, 7000]);
    expect(partialImageTimesMs(10_000, 3, 0.4)).toEqual([4000, 6000, 8000]);
    expect(partialImageTimesMs(10_000, 0, 0.4)).toEqual([]);
  });

  it('in realistic mode, the first partial comes after 30-50% of the total, seeded', () => {
    const latency = createLatency({ mode: 'realistic', seed: 9 });
    const firsts = Array.from({ length: 500 }, () => latency.partialTimesMs(10_000, 3)[0] ?? NaN);
    expect(Math.min(...firsts)).toBeGreaterThanOrEqual(3000);
    expect(Math.max(...firsts)).toBeLessThanOrEqual(5000);
    const again = createLatency({ mode: 'realistic', seed: 9 });
    expect(Array.from({ length: 500 }, () => again.partialTimesMs(10_000, 3)[0])).toEqual(firsts);
  });
});

describe('parseLatency', () => {
  it('reads off, realistic and whole milliseconds', () => {
    expect(parseLatency('off')).toBe('off');
    expect(parseLatency('Realistic')).toBe('realistic');
    expect(parseLatency('0')).toBe(0);
    expect(parseLatency(' 1500 ')).toBe(1500);
  });

  it('throws a one-line UsageError on anything else', () => {
    for (const text of ['', 'on', '-1', '1.5', '2s', '600001', 'realistic!']) {
      expect(() => parseLatency(text)).toThrow(UsageError);
    }
    expect(() => parseLatency('2s')).toThrow(
      "--latency must be 'off', 'realistic' or milliseconds from 0 to 600000, got '2s'",
    );
  });
});
