import { ConfigError, UsageError } from '../errors.js';
import { createPrng } from '../images/index.js';
import { parseSize, type ModelProfile } from '../openapi/models.js';
import type { LatencyMode } from '../options.js';
import { MAX_DELAY_MS } from './directives.js';

/** `off`: answer at once; `realistic`: seeded samples from the model table; a number: that many ms. */
export type { LatencyMode };

/** The model of an invalid request, which has none yet: errors take the same time whatever the model. */
export const NO_MODEL: LatencyRequest['model'] = {
  latency: {},
  defaultQuality: 'standard',
  autoQuality: 'standard',
  autoSize: '1024x1024',
};

export interface LatencyOptions {
  mode: LatencyMode;
  /** Same seed, same sequence of delays (for the same sequence of calls). */
  seed?: number | string;
}

export interface LatencyRequest {
  model: Pick<ModelProfile, 'latency' | 'defaultQuality' | 'autoQuality' | 'autoSize'>;
  /** The request's quality; `auto` or none means the model's own. */
  quality?: string | undefined;
  /** `WxH` or `auto`. */
  size?: string | undefined;
  n?: number | undefined;
  outcome: 'success' | 'error';
}

export interface Latency {
  readonly mode: LatencyMode;
  /** How long to take before answering this request, in whole milliseconds. */
  delayMs(request: LatencyRequest): number;
  /** When (ms from the start) each of `count` partial images goes out, for a stream that ends at `totalMs`. */
  partialTimesMs(totalMs: number, count: number): number[];
}

/** Reference section 6: about 1.5x for sizes with a 1536 px (or longer) edge. */
export const LARGE_EDGE = { minEdge: 1536, factor: 1.5 } as const;
/**
 * Reference section 6: "add roughly linear time per extra image when n>1", as the n images of a request are
 * not made in parallel for free. Each extra image adds this share of the first one's time.
 */
export const EXTRA_IMAGE_SHARE = 0.5;
/** A ceiling on realistic samples: 300 s, the timeout clients set for the slowest model (reference 5, 6). */
export const MAX_REALISTIC_MS = 300_000;
/** Reference section 6: errors come back in 20-300 ms (openai-processing-ms 27 and 257 observed). */
export const ERROR_LATENCY_MS = [20, 300] as const;
/** Reference section 6: the first partial image of a stream after about 30-50% of the total time. */
export const FIRST_PARTIAL_SHARE = [0.3, 0.5] as const;
/** The standard normal quantile of 0.95: a log-normal's p95 is median * exp(1.645 sigma). */
const Z95 = 1.6448536269514722;

/**
 * @example
 * const latency = createLatency({ mode: 'realistic', seed: 1 });
 * latency.delayMs({ model, quality: 'hd', size: '1792x1024', n: 1, outcome: 'success' }); // ~30000 ms
 */
export function createLatency(options: LatencyOptions): Latency {
  const { mode, seed = 1 } = options;
  if (typeof mode === 'number' && !(Number.isInteger(mode) && mode >= 0)) {
    throw new ConfigError(`latency must be a whole number of milliseconds >= 0, got ${mode}`);
  }
  const prng = createPrng(`latency:${seed}`);

  /** A standard normal draw (Marsaglia's polar method). */
  const normal = (): number => {
    for (;;) {
      const u = 2 * prng.nextFloat() - 1;
      const v = 2 * prng.nextFloat() - 1;
      const s = u * u + v * v;
      if (s > 0 && s < 1) return u * Math.sqrt((-2 * Math.log(s)) / s);
    }
  };

  const realistic = (request: LatencyRequest): number => {
    if (request.outcome === 'error') return Math.round(prng.nextRange(...ERROR_LATENCY_MS));
    const [median, p95] = latencyFigures(request.model, request.quality);
    const sigma = Math.log(p95 / median) / Z95;
    const oneImageMs = median * 1000 * Math.exp(sigma * normal());
    const size = parseSize(
      request.size === undefined || request.size === 'auto' ? request.model.autoSize : request.size,
    );
    const sizeFactor =
      size && Math.max(size.width, size.height) >= LARGE_EDGE.minEdge ? LARGE_EDGE.factor : 1;
    const imagesFactor = 1 + EXTRA_IMAGE_SHARE * Math.max(0, (request.n ?? 1) - 1);
    return Math.min(MAX_REALISTIC_MS, Math.round(oneImageMs * sizeFactor * imagesFactor));
  };

  return {
    mode,
    delayMs: (request) => (mode === 'off' ? 0 : mode === 'realistic' ? realistic(request) : mode),
    partialTimesMs: (totalMs, count) =>
      partialImageTimesMs(
        totalMs,
        count,
        mode === 'realistic' ? prng.nextRange(...FIRST_PARTIAL_SHARE) : 0.4,
      ),
  };
}

/** `[median, p95]` seconds for the quality (`auto` and none resolve as the model does). */
function latencyFigures(
  model: LatencyRequest['model'],
  quality: string | undefined,
): readonly [number, number] {
  const resolved = quality === undefined || quality === 'auto' ? model.autoQuality : quality;
  const figures =
    model.latency[resolved] ?? model.latency[model.defaultQuality] ?? Object.values(model.latency)[0];
  if (!figures) throw new ConfigError('the model table has no latency figures for this model');
  return figures;
}

/**
 * The first partial at `firstShare` of the total, the others evenly spaced after it, all before the end.
 *
 * @example
 * partialImageTimesMs(10_000, 2, 0.4); // [4000, 7000]
 */
export function partialImageTimesMs(totalMs: number, count: number, firstShare: number): number[] {
  const first = totalMs * firstShare;
  return Array.from({ length: Math.max(0, count) }, (_, i) =>
    Math.round(first + ((totalMs - first) * i) / count),
  );
}

/**
 * The `--latency` flag: `off`, `realistic`, or a whole number of milliseconds (at most 600000). Throws
 * UsageError otherwise.
 */
export function parseLatency(text: string, source = '--latency'): LatencyMode {
  const value = text.trim().toLowerCase();
  if (value === 'off' || value === 'realistic') return value;
  if (/^\d+$/.test(value) && Number(value) <= MAX_DELAY_MS) return Number(value);
  throw new UsageError(
    `${source} must be 'off', 'realistic' or milliseconds from 0 to ${MAX_DELAY_MS}, got '${text}'`,
  );
}
