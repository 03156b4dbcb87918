import type { ServeConfig } from './config.js';

/** What the startup banner says: where the server listens, what it does to requests, how to try it. */
export interface BannerOptions {
  version: string;
  /** The URL the server listens on, e.g. `http://0.0.0.0:4010`. */
  url: string;
  /** Whether only `--api-key` keys are accepted (the examples then cannot name one). */
  keysRestricted: boolean;
  settings: Pick<ServeConfig, 'chaos' | 'seed' | 'rateLimit' | 'latency'>;
}

/**
 * The text printed once the server listens (`--log-format text`).
 *
 * @example
 * formatBanner({ version: '0.1.0', url: 'http://127.0.0.1:4010', keysRestricted: false, settings });
 * // 'imagegen-mock 0.1.0 listening on http://127.0.0.1:4010\nfaults: chaos off, ...'
 */
export function formatBanner(options: BannerOptions): string {
  const { version, url, keysRestricted, settings } = options;
  const local = url.replace('//0.0.0.0:', '//127.0.0.1:').replace('//[::]:', '//127.0.0.1:');
  const key = keysRestricted ? '<one of your --api-key values>' : 'sk-mock';
  return `imagegen-mock ${version} listening on ${url}
${describeFaultSettings(settings)}

Try it:
  curl ${local}/v1/images/generations \\
    -H "Authorization: Bearer ${key}" -H "Content-Type: application/json" \\
    -d '{"model": "dall-e-3", "prompt": "a lighthouse at dawn", "size": "1024x1024"}'

Or with the openai SDK:
  import OpenAI from 'openai';
  const client = new OpenAI({ baseURL: '${local}/v1', apiKey: '${key}' });
  const image = await client.images.generate({ model: 'dall-e-3', prompt: 'a lighthouse at dawn' });

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
  const { chaos, seed, rateLimit, latency } = settings;
  const window = rateLimit && (WINDOW_UNITS[rateLimit.windowMs] ?? `${rateLimit.windowMs} ms`);
  return [
    `faults: chaos ${chaos === undefined ? 'off' : `${chaos} (seed ${seed})`}`,
    `rate limit ${rateLimit ? `${rateLimit.limit}/${window} per key` : 'off'}`,
    `latency ${typeof latency === 'number' ? `${latency} ms` : latency === 'realistic' ? `realistic (seed ${seed})` : 'off'}`,
  ].join(', ');
}
