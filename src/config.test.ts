import { availableParallelism } from 'node:os';
import { describe, expect, it } from 'vitest';
import { HELP, resolveCliConfig, UsageError } from './config.js';
import { SCENARIO_NAMES } from './faults/index.js';

/** Each flag of the help text and the heading it is listed under. */
function flagHeadings(help: string): Map<string, string> {
  const headings = new Map<string, string>();
  let heading = '';
  for (const line of help.split('\n')) {
    if (/^\S.*:$/.test(line)) heading = line;
    const flag = /^ {2}(?:-\w, | {4})(--[\w-]+)/.exec(line)?.[1];
    if (flag !== undefined) {
      expect(headings.has(flag), `${flag} is listed twice`).toBe(false);
      headings.set(flag, heading);
    }
  }
  return headings;
}

describe('resolveCliConfig', () => {
  it('starts from the defaults', () => {
    expect(resolveCliConfig([], {})).toEqual({
      command: 'serve',
      port: 4010,
      host: '127.0.0.1',
      shutdownTimeoutMs: 10_000,
      apiKeys: [],
      cacheBytes: 64 * 1024 * 1024,
      workers: availableParallelism(),
      bodyLimitBytes: 1024 * 1024,
      quiet: false,
      logFormat: 'text',
      strict: true,
      retiredModels: 'serve',
      seed: 1,
      latency: 'off',
      journalSize: 1000,
      inspector: true,
    });
  });

  it('reads the journal flags', () => {
    const config = resolveCliConfig(['--journal-size', '50', '--no-inspector'], {});
    expect(config).toMatchObject({ journalSize: 50, inspector: false });
    expect(resolveCliConfig(['--journal-size', '0'], {})).toMatchObject({ journalSize: 0, inspector: true });
    expect(() => resolveCliConfig(['--journal-size', '1.5'], {})).toThrow(
      /--journal-size must be a whole number/,
    );
  });

  it('reads the fidelity flags', () => {
    const argv = [
      '--default-model',
      'gpt-image-1',
      '--lenient',
      '--retired-models',
      'error',
      '--chaos',
      '10%',
    ];
    argv.push('--rate-limit', '15/min', '--latency', 'realistic', '--seed', '42');
    expect(resolveCliConfig(argv, {})).toMatchObject({
      defaultModel: 'gpt-image-1',
      strict: false,
      retiredModels: 'error',
      chaos: 0.1,
      rateLimit: { limit: 15, windowMs: 60_000 },
      latency: 'realistic',
      seed: 42,
    });
  });

  it.each([
    [['--retired-models', 'hide'], /--retired-models must be 'serve' or 'error'/],
    [['--chaos', '2'], /--chaos/],
    [['--rate-limit', 'lots'], /--rate-limit/],
    [['--latency', 'slow'], /--latency/],
    [['--seed=-1'], /--seed must be a whole number/],
  ])('refuses %j with one line naming the flag', (argv, message) => {
    expect(() => resolveCliConfig(argv, {})).toThrow(UsageError);
    expect(() => resolveCliConfig(argv, {})).toThrow(message);
  });

  it('lets the environment override defaults and flags override the environment', () => {
    const env = { PORT: '5000', HOST: '0.0.0.0', IMAGEGEN_MOCK_API_KEYS: 'sk-a, sk-b,,' };
    expect(resolveCliConfig([], env)).toMatchObject({
      port: 5000,
      host: '0.0.0.0',
      apiKeys: ['sk-a', 'sk-b'],
    });
    expect(
      resolveCliConfig(['serve', '--port', '6000', '--host', '::1', '--api-key', 'sk-c'], env),
    ).toMatchObject({
      port: 6000,
      host: '::1',
      apiKeys: ['sk-c'],
    });
  });

  it('collects repeated --api-key flags', () => {
    expect(resolveCliConfig(['--api-key', 'k1', '--api-key', 'k2'], {})).toMatchObject({
      apiKeys: ['k1', 'k2'],
    });
  });

  it('ignores empty environment values', () => {
    expect(resolveCliConfig([], { PORT: ' ', HOST: '' })).toMatchObject({ port: 4010, host: '127.0.0.1' });
  });

  it.each([
    [['--port', '-1']],
    [['--port', '1.5']],
    [['--api-key', ' ']],
    [['serve', 'extra']],
    [['--bogus']],
    [['--workers', '-1']],
    [['--workers', '1.5']],
    [['--workers', 'many']],
    [['--workers', '']],
    [['--workers', '257']],
    [['--workers']],
    [['--render-queue', '0']],
    [['--render-queue', 'ten']],
  ])('rejects %j with a one-line UsageError', (args) => {
    expect(() => resolveCliConfig(args, {})).toThrow(UsageError);
    try {
      resolveCliConfig(args, {});
    } catch (error) {
      expect((error as Error).message).not.toContain('\n');
    }
  });

  it('reads --redis-url, or IMAGEGEN_MOCK_REDIS_URL, only with a rate limit to share', () => {
    const limited = ['--rate-limit', '5/min'];
    const url = 'redis://redis:6379';
    expect(resolveCliConfig([...limited, '--redis-url', url], {})).toMatchObject({ redisUrl: url });
    const env = { IMAGEGEN_MOCK_REDIS_URL: 'redis://from-env:6379' };
    expect(resolveCliConfig(limited, env)).toMatchObject({ redisUrl: 'redis://from-env:6379' });
    expect(resolveCliConfig([...limited, '--redis-url', url], env)).toMatchObject({ redisUrl: url });
    // A deployment may set the variable for every replica; without a limit there is nothing to share.
    expect(resolveCliConfig([], env)).not.toHaveProperty('redisUrl');
    expect(() => resolveCliConfig(['--redis-url', url], {})).toThrow(
      '--redis-url shares the --rate-limit windows: give --rate-limit too',
    );
    expect(() => resolveCliConfig([...limited, '--redis-url', 'localhost:6379'], {})).toThrow(UsageError);
    expect(() => resolveCliConfig(limited, { IMAGEGEN_MOCK_REDIS_URL: 'http://x' })).toThrow(
      "IMAGEGEN_MOCK_REDIS_URL must be a URL such as redis://127.0.0.1:6379, got 'http://x'",
    );
  });

  it('renders with as many workers as the machine has cores, unless told, and derives the queue from them', () => {
    expect(resolveCliConfig([], {})).toMatchObject({ workers: availableParallelism() });
    expect(resolveCliConfig([], {})).not.toHaveProperty('renderQueue');
    expect(resolveCliConfig(['--workers', '0'], { IMAGEGEN_MOCK_WORKERS: '3' })).toMatchObject({
      workers: 0,
    });
    expect(resolveCliConfig([], { IMAGEGEN_MOCK_WORKERS: '3' })).toMatchObject({ workers: 3 });
    expect(resolveCliConfig(['--render-queue', '100'], {})).toMatchObject({ renderQueue: 100 });
  });

  it('names the environment variable when IMAGEGEN_MOCK_WORKERS is wrong', () => {
    expect(() => resolveCliConfig([], { IMAGEGEN_MOCK_WORKERS: 'all' })).toThrow(
      "IMAGEGEN_MOCK_WORKERS must be a whole number from 0 to 256, got 'all'",
    );
  });

  it('names the environment variable when PORT is wrong', () => {
    expect(() => resolveCliConfig([], { PORT: 'http' })).toThrow(
      "PORT must be a port number 0-65535, got 'http'",
    );
  });

  it('lists every flag once in --help, under the heading it belongs to', () => {
    const headings = flagHeadings(HELP);
    const expected = {
      'Server:': ['--port', '--host', '--api-key', '--public-url', '--spec'],
      'Logging:': ['--quiet', '--log-format'],
      'Fidelity:': ['--default-model', '--lenient', '--retired-models'],
      'Faults and latency, for every request:': [
        '--chaos',
        '--rate-limit',
        '--latency',
        '--redis-url',
        '--seed',
      ],
      'Rendering:': ['--workers', '--render-queue'],
      'Request journal:': ['--journal-size', '--no-inspector'],
      'Other:': ['--help', '--version'],
    };
    const listed = Object.entries(expected).flatMap(([heading, flags]) =>
      flags.map((flag) => [flag, heading]),
    );
    expect(Object.fromEntries(headings)).toEqual(Object.fromEntries(listed));
  });

  it('names every scenario in --help', () => {
    const scenarios = /scenarios: ([\s\S]*?)\n\n/.exec(HELP)?.[1]?.split(/\s+/);
    expect(scenarios).toEqual([...SCENARIO_NAMES]);
  });

  it('answers --help and --version before anything else', () => {
    expect(resolveCliConfig(['--help', '--port', 'x'], {})).toEqual({ command: 'help' });
    expect(resolveCliConfig(['-v'], {})).toEqual({ command: 'version' });
  });
});
