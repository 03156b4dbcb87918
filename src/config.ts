import { availableParallelism } from 'node:os';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { UsageError } from './errors.js';
import {
  SCENARIO_NAMES,
  parseChaosRate,
  parseLatency,
  parseRateLimit,
  parseRedisUrl,
} from './faults/index.js';
import type { LogOptions, MockOptions } from './options.js';

export { UsageError };
export type { LatencyMode, LogFormat, LogOptions, MockOptions, RateLimitSetting } from './options.js';

/**
 * The one table of defaults. Settings left out (`specPath`, `publicUrl`, `defaultModel`, `chaos`,
 * `rateLimit`, `redisUrl`) are off unless set; `renderQueue` left out follows from `workers`.
 */
export const DEFAULTS = {
  port: 4010,
  host: '127.0.0.1',
  shutdownTimeoutMs: 10_000,
  apiKeys: [] as readonly string[],
  cacheBytes: 64 * 1024 * 1024,
  workers: availableParallelism(),
  bodyLimitBytes: 1024 * 1024,
  strict: true,
  retiredModels: 'serve',
  latency: 'off',
  seed: 1,
  journalSize: 1000,
  inspector: true,
  quiet: false,
  logFormat: 'text',
} as const satisfies Omit<MockOptions, OptionalKeys<MockOptions>> & LogOptions;

type OptionalKeys<T> = { [K in keyof T]-?: undefined extends T[K] ? K : never }[keyof T];

/**
 * Complete settings from partial ones: the defaults, overridden by every setting given. A setting given as
 * `undefined` counts as not given. Library callers (`createApp`, `startServer`) and the CLI all go through it.
 */
export function resolveOptions(options: Partial<MockOptions> = {}): MockOptions {
  return { ...DEFAULTS, ...definedOnly(options) };
}

/** The object without its `undefined` values, so spreading it never hides a default. */
export function definedOnly<T extends object>(value: T): { [K in keyof T]?: Exclude<T[K], undefined> } {
  return Object.fromEntries(Object.entries(value).filter(([, entry]) => entry !== undefined)) as {
    [K in keyof T]?: Exclude<T[K], undefined>;
  };
}

/** What `imagegen-mock serve` runs with: every server setting, and how to log. */
export type ServeConfig = { command: 'serve' } & MockOptions & LogOptions;

export type CliConfig = ServeConfig | { command: 'help' } | { command: 'version' };

/** Environment variables the CLI reads, after defaults and before flags. */
export const ENV = {
  port: 'PORT',
  host: 'HOST',
  apiKeys: 'IMAGEGEN_MOCK_API_KEYS',
  redisUrl: 'IMAGEGEN_MOCK_REDIS_URL',
  workers: 'IMAGEGEN_MOCK_WORKERS',
} as const;

/** The most worker threads `--workers` takes: far past any machine this runs on, short of a typo's 10000. */
const MAX_WORKERS = 256;

const OPTIONS = {
  port: { type: 'string', short: 'p' },
  host: { type: 'string' },
  'api-key': { type: 'string', multiple: true },
  'public-url': { type: 'string' },
  spec: { type: 'string' },
  quiet: { type: 'boolean', short: 'q' },
  'log-format': { type: 'string' },
  'default-model': { type: 'string' },
  lenient: { type: 'boolean' },
  'retired-models': { type: 'string' },
  chaos: { type: 'string' },
  seed: { type: 'string' },
  'rate-limit': { type: 'string' },
  'redis-url': { type: 'string' },
  latency: { type: 'string' },
  'journal-size': { type: 'string' },
  workers: { type: 'string' },
  'render-queue': { type: 'string' },
  'no-inspector': { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
  version: { type: 'boolean', short: 'v' },
} as const;

/** Resolves the command line once: defaults, then environment, then flags. Throws UsageError. */
export function resolveCliConfig(
  argv: readonly string[],
  env: Readonly<Record<string, string | undefined>>,
): CliConfig {
  const { values, positionals } = parseFlags(argv, OPTIONS);
  if (values.help) return { command: 'help' };
  if (values.version) return { command: 'version' };
  const [command = 'serve', ...extra] = positionals;
  if (command !== 'serve') throw new UsageError(`unknown command '${command}'`);
  if (extra.length > 0) throw new UsageError(`unexpected argument '${extra[0]}'`);

  const envKeys = (env[ENV.apiKeys] ?? '')
    .split(',')
    .map((key) => key.trim())
    .filter(Boolean);
  const publicUrl = values['public-url'];
  if (publicUrl !== undefined && !/^https?:\/\/[^/]/.test(publicUrl)) {
    throw new UsageError(`--public-url must be an http(s) URL, got '${publicUrl}'`);
  }
  const logFormat = values['log-format'];
  if (logFormat !== undefined && logFormat !== 'text' && logFormat !== 'json') {
    throw new UsageError(`--log-format must be 'text' or 'json', got '${logFormat}'`);
  }
  if (values['api-key']?.some((key) => key.trim() === ''))
    throw new UsageError('--api-key needs a non-empty key');
  const retiredModels = values['retired-models'];
  if (retiredModels !== undefined && retiredModels !== 'serve' && retiredModels !== 'error') {
    throw new UsageError(`--retired-models must be 'serve' or 'error', got '${retiredModels}'`);
  }
  const seed = values.seed;
  if (seed !== undefined && !/^\d{1,9}$/.test(seed))
    throw new UsageError(`--seed must be a whole number, got '${seed}'`);
  const journalSize = values['journal-size'];
  if (journalSize !== undefined && !/^\d{1,9}$/.test(journalSize))
    throw new UsageError(
      `--journal-size must be a whole number (0 turns the journal off), got '${journalSize}'`,
    );
  if (values['default-model']?.trim() === '') throw new UsageError('--default-model needs a model name');
  const rateLimit = values['rate-limit'] === undefined ? undefined : parseRateLimit(values['rate-limit']);
  const redisUrl = resolveRedisUrl(values['redis-url'], nonEmpty(env[ENV.redisUrl]), rateLimit !== undefined);
  const workers = values.workers ?? nonEmpty(env[ENV.workers]);
  const renderQueue = values['render-queue'];
  const port = values.port ?? nonEmpty(env[ENV.port]);
  const given = {
    port: port === undefined ? undefined : parsePort(port, values.port ? '--port' : ENV.port),
    host: values.host ?? nonEmpty(env[ENV.host]),
    apiKeys: values['api-key'] ?? (envKeys.length > 0 ? envKeys : undefined),
    publicUrl,
    specPath: values.spec,
    quiet: values.quiet,
    logFormat,
    defaultModel: values['default-model'],
    strict: values.lenient ? false : undefined,
    retiredModels,
    chaos: values.chaos === undefined ? undefined : parseChaosRate(values.chaos),
    seed: seed === undefined ? undefined : Number(seed),
    rateLimit,
    redisUrl,
    latency: values.latency === undefined ? undefined : parseLatency(values.latency),
    journalSize: journalSize === undefined ? undefined : Number(journalSize),
    workers:
      workers === undefined
        ? undefined
        : parseCount(workers, values.workers === undefined ? ENV.workers : '--workers', 0, MAX_WORKERS),
    renderQueue:
      renderQueue === undefined ? undefined : parseCount(renderQueue, '--render-queue', 1, 1_000_000),
    inspector: values['no-inspector'] ? false : undefined,
  } satisfies { [K in keyof (MockOptions & LogOptions)]?: (MockOptions & LogOptions)[K] | undefined };
  return { command: 'serve', ...DEFAULTS, ...definedOnly(given) };
}

/**
 * The Redis that shares the limiter's windows: the flag, else the environment. The flag without
 * `--rate-limit` is a mistake (nothing would be shared); the environment variable, which a deployment may set
 * for every replica, is then simply not used.
 */
function resolveRedisUrl(
  flag: string | undefined,
  fromEnv: string | undefined,
  limited: boolean,
): string | undefined {
  if (flag !== undefined) {
    const url = parseRedisUrl(flag);
    if (!limited) throw new UsageError('--redis-url shares the --rate-limit windows: give --rate-limit too');
    return url;
  }
  return fromEnv !== undefined && limited ? parseRedisUrl(fromEnv, ENV.redisUrl) : undefined;
}

function parsePort(text: string, source: string): number {
  const port = Number(text);
  if (!/^\d+$/.test(text) || port > 65535)
    throw new UsageError(`${source} must be a port number 0-65535, got '${text}'`);
  return port;
}

/** A whole number from `min` to `max`, or a UsageError naming where it came from. */
function parseCount(text: string, source: string, min: number, max: number): number {
  const value = Number(text);
  if (!/^\d{1,9}$/.test(text) || value < min || value > max)
    throw new UsageError(`${source} must be a whole number from ${min} to ${max}, got '${text}'`);
  return value;
}

/** A trimmed value, or undefined for a missing or blank one (an empty env var means unset). */
export function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value.trim() === '' ? undefined : value.trim();
}

type FlagOptions = NonNullable<ParseArgsConfig['options']>;
type ParsedFlags<T extends FlagOptions> = ReturnType<
  typeof parseArgs<{ args: string[]; options: T; allowPositionals: true; strict: true }>
>;

/** `parseArgs`, strict, with positionals; its errors become one-line UsageErrors. Every command uses it. */
export function parseFlags<const T extends FlagOptions>(argv: readonly string[], options: T): ParsedFlags<T> {
  try {
    return parseArgs({ args: [...argv], options, allowPositionals: true, strict: true });
  } catch (error) {
    throw new UsageError(firstLine((error as Error).message));
  }
}

function firstLine(message: string): string {
  return (message.split('\n')[0] ?? message).replace(/\. To specify a positional argument.*$/, '');
}

/** The scenario names, wrapped to the help's width under their label. */
const SCENARIO_LINES = wrapWords(SCENARIO_NAMES, 100 - 13).join(`\n${' '.repeat(13)}`);

export const HELP = `imagegen-mock: a local OpenAI-compatible image generation API with real, deterministic images

Usage:
  imagegen-mock [serve] [options]
  imagegen-mock contract --base-url <url> [options]   check a provider against the contract (contract --help)

Server:
  -p, --port <n>          port to listen on (default 4010, env PORT; 0 picks a free port)
      --host <addr>       address to bind (default 127.0.0.1, env HOST)
      --api-key <key>     accept only this key; repeat for more
                          (env IMAGEGEN_MOCK_API_KEYS=k1,k2; default: any non-empty Bearer token)
      --public-url <url>  base of image URLs when behind a proxy (default: from the Host header)
      --spec <file>       OpenAPI file to serve (default: the bundled openapi.yaml)

Logging:
  -q, --quiet             no per-request log lines
      --log-format <f>    text (default) or json, one line per request

Fidelity:
      --default-model <m> model when a request names none (default dall-e-2, the original contract's)
      --lenient           accept unknown parameters and ones the model does not take (dropped);
                          default: 400 Unknown parameter, as the real API
      --retired-models <how>
                          serve (default) or error: answer dall-e-2/3 as the real API does today
                          ("The model 'dall-e-3' does not exist.")

Faults and latency, for every request:
      --chaos <rate>      answer this share of requests (0-1 or 10%) with realistic failures
      --rate-limit <n/unit>
                          a real limiter per API key, n requests per s, min or h (15/min, 2/s, 100/h):
                          past it, 429 rate_limit_exceeded with retry-after
      --latency <how>     off (default), realistic (seeded, per model/quality/size/n, seconds),
                          or a fixed number of milliseconds
      --redis-url <url>   keep the --rate-limit windows in this Redis (redis://host:6379), so every
                          replica started with it enforces one limit per key (env IMAGEGEN_MOCK_REDIS_URL)
      --seed <n>          seed of --chaos and --latency realistic (default 1), for replayable runs

Faults per request (header, query twin, or a marker in the prompt):
  Prefer: code=429 | scenario=<name> | delay=<ms>     ?__code=429  ?__scenario=<name>  ?__delay=<ms>
  "... [mock:scenario=moderation] ..." in the prompt, for clients that cannot set headers
  a misspelt or unknown directive is a 400 invalid_mock_directive, never ignored
  scenarios: ${SCENARIO_LINES}

Rendering:
      --workers <n>       worker threads that render images (default: the cores, ${DEFAULTS.workers} here;
                          env IMAGEGEN_MOCK_WORKERS); 0 renders on the event loop
      --render-queue <n>  renders waiting or running at most (default 32 per worker); past it, 503 with
                          retry-after, as the real API when overloaded

Request journal:
      --journal-size <n>  keep the last n requests for GET /__imagegen/requests and mock.requests()
                          (default 1000; 0 turns the journal off)
      --no-inspector      no /__imagegen/ admin routes (the journal is still kept in process)

Other:
  -h, --help              show this help
  -v, --version           print the version

Endpoints:
  POST /v1/images/generations   the API (see openapi.yaml)
  GET  /v1/images/files/<id>.png images returned as URLs
  GET  /health                  readiness check: 200 {"status":"ok"}
  GET  /__imagegen/requests     the request journal (see Request journal above); DELETE empties it
  GET  /__imagegen/             the inspector: the journal live in a browser, with its images
`;

/** Words joined by spaces into lines of at most `width` characters. */
function wrapWords(words: readonly string[], width: number): string[] {
  const lines: string[] = [];
  for (const word of words) {
    const last = lines.at(-1);
    if (last !== undefined && last.length + 1 + word.length <= width)
      lines[lines.length - 1] = `${last} ${word}`;
    else lines.push(word);
  }
  return lines;
}
