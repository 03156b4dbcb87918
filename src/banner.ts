import { redactUrl } from './faults/index.js';
import type { MockOptions } from './options.js';

/** What the startup banner says: where the server listens, what it does to requests, how to try it. */
export interface BannerOptions {
  version: string;
  /** The URL the server listens on, e.g. `http://0.0.0.0:4010`. */
  url: string;
  /** Whether only `--api-key` keys are accepted (the examples then cannot name one). */
  keysRestricted: boolean;
  settings: Pick<MockOptions, 'chaos' | 'seed' | 'rateLimit' | 'latency' | 'redisUrl'>;
  /** Whether the request journal is listed at `/__imagegen/requests` (kept, and the inspector not off). */
  journalServed?: boolean;
  /** Whether the inspector page is served at `/__imagegen/` (the admin routes are on). */
  inspectorServed?: boolean;
  /** The model of requests that name none: from `--default-model`, or the spec's default. */
  defaultModel: { id: string; retired: string | null; source: 'flag' | 'spec' };
}

/**
 * The text printed once the server listens (`--log-format text`).
 *
 * @example
 * formatBanner({ version: '0.1.0', url: 'http://127.0.0.1:4010', keysRestricted: false, settings, defaultModel });
 * // 'imagegen-mock 0.1.0 listening on http://127.0.0.1:4010\nfaults: chaos off, ...'
 */
export function formatBanner(options: BannerOptions): string {
  const { version, url, keysRestricted, settings, defaultModel } = options;
  const { journalServed = false, inspectorServed = false } = options;
  const local = url.replace('//0.0.0.0:', '//127.0.0.1:').replace('//[::]:', '//127.0.0.1:');
  const key = keysRestricted ? '<one of your --api-key values>' : 'sk-mock';
  const journal = journalServed ? `\nrequests sent so far: ${local}/__imagegen/requests` : '';
  const inspector = inspectorServed
    ? `\ninspector (requests live, with their images): ${local}/__imagegen/`
    : '';
  return `imagegen-mock ${version} listening on ${url}
${describeFaultSettings(settings)}${journal}${inspector}

Try it:
  curl ${local}/v1/images/generations \\
    -H "Authorization: Bearer ${key}" -H "Content-Type: application/json" \\
    -d '{"model": "gpt-image-1", "prompt": "a lighthouse at dawn", "size": "1024x1024"}'

Or with the openai SDK:
  import OpenAI from 'openai';
  const client = new OpenAI({ baseURL: '${local}/v1', apiKey: '${key}' });
  const image = await client.images.generate({ model: 'gpt-image-1', prompt: 'a lighthouse at dawn' });
  // image.data[0].b64_json is a 1024x1024 PNG

${describeDefaultModel(defaultModel)}

Press Ctrl+C to stop.`;
}

const WINDOW_UNITS: Readonly<Record<number, string>> = { 1000: 's', 60_000: 'min', 3_600_000: 'h' };

/**
 * The fault, limiter and latency settings in force, in one line; `off` for each one not set.
 *
 * @example
 * describeFaultSettings({ chaos: 0.1, seed: 1, rateLimit: { limit: 15, windowMs: 60_000 }, latency: 'off' });
 * // 'faults: chaos 0.1 (seed 1), rate limit 15/min per key, latency off'
 */
export function describeFaultSettings(settings: BannerOptions['settings']): string {
  const { chaos, seed, rateLimit, latency, redisUrl } = settings;
  const window = rateLimit && (WINDOW_UNITS[rateLimit.windowMs] ?? `${rateLimit.windowMs} ms`);
  const shared = redisUrl !== undefined ? ` shared through ${redactUrl(redisUrl)}` : '';
  return [
    `faults: chaos ${chaos === undefined ? 'off' : `${chaos} (seed ${seed})`}`,
    `rate limit ${rateLimit ? `${rateLimit.limit}/${window} per key${shared}` : 'off'}`,
    `latency ${typeof latency === 'number' ? `${latency} ms` : latency === 'realistic' ? `realistic (seed ${seed})` : 'off'}`,
  ].join(', ');
}

/** Which model a request without one gets, and why: the examples name theirs, a forgotten one should not surprise. */
function describeDefaultModel({ id, retired, source }: BannerOptions['defaultModel']): string {
  if (source === 'flag') return `Requests that name no model get ${id} (--default-model).`;
  const upstream = retired !== null ? `, retired upstream on ${retired}` : '';
  return `Requests that name no model get ${id} (the spec's default${upstream});\nname one, or set --default-model.`;
}
