/**
 * The server's settings: one type, one name per setting, from the command line down to the fault policy.
 * Types only, so every layer can `Pick<MockOptions, ...>` what it needs without importing the resolve step;
 * the defaults and the resolve step (defaults, then environment, then flags) are in `config.ts`.
 */

/** `off`, `realistic` (seeded, seconds, per model/quality/size/n), or a fixed number of milliseconds. */
export type LatencyMode = 'off' | 'realistic' | number;

/** `limit` requests per `windowMs` and API key. */
export interface RateLimitSetting {
  limit: number;
  windowMs: number;
}

/** How the request log prints a line. */
export type LogFormat = 'text' | 'json';

/** Every setting of the mock, resolved: the optional ones are off unless set. */
export interface MockOptions {
  /** Port to listen on; 0 picks a free port. */
  port: number;
  /** Address to bind. */
  host: string;
  /** How long `close()` waits for in-flight requests before cutting connections. */
  shutdownTimeoutMs: number;
  /** OpenAPI file to serve; the bundled openapi.yaml when absent. */
  specPath?: string;
  /** Accepted API keys. Empty (the default): any non-empty Bearer token is accepted. */
  apiKeys: readonly string[];
  /** Base of image URLs when the server sits behind a proxy, e.g. `https://mock.example.com`. */
  publicUrl?: string;
  /** Upper bound, in bytes, of the rendered-image cache. */
  cacheBytes: number;
  /** Worker threads that render images; 0 renders on the event loop. Default: the machine's cores. */
  workers: number;
  /**
   * Renders waiting or running in the workers at most; past it, image requests get the real API's 503
   * with `retry-after`. Default 32 per worker.
   */
  renderQueue?: number;
  /** Largest accepted request body, in bytes. */
  bodyLimitBytes: number;
  /** The model when a request names none; the spec's default (dall-e-2) otherwise. */
  defaultModel?: string;
  /** Reject unknown parameters and ones the model does not take, as the real API. Default true. */
  strict: boolean;
  /** `error`: answer retired models (dall-e-2, dall-e-3) as the real API does today. Default `serve`. */
  retiredModels: 'serve' | 'error';
  /** Share of requests (0-1) answered with a seeded, realistic failure. */
  chaos?: number;
  /** A real limiter: past `limit` requests per window and key, 429 `rate_limit_exceeded`. */
  rateLimit?: RateLimitSetting;
  /**
   * Keep the rate limiter's windows in this Redis (`redis://host:6379`), so every replica started with the
   * same URL enforces one limit per key. Only with `rateLimit`.
   */
  redisUrl?: string;
  /** `off` (default), `realistic` (seeded, seconds, per model/quality/size/n), or fixed milliseconds. */
  latency: LatencyMode;
  /** Seeds chaos and realistic latency, so a run can be replayed. */
  seed: number;
  /** How many of the latest requests the request journal keeps; 0 turns it off. */
  journalSize: number;
  /** Serve the mock's own admin routes (`/__imagegen/requests`). Default true. */
  inspector: boolean;
}

/** The settings only the command line has: how it logs. */
export interface LogOptions {
  /** No per-request log lines. */
  quiet: boolean;
  logFormat: LogFormat;
}
