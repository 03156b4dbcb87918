import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigError } from '../src/errors.js';
import { createApp } from '../src/http/create-app.js';
import { startServer } from '../src/http/start-server.js';
import { loadSpec } from '../src/openapi/load-spec.js';
import { CLI, runCli, startCli, type ServingCli } from './cli-process.js';
import { freePort, startRedisServer, type RedisServer } from './redis-server.js';

// Two mock processes (the built CLI) with one --redis-url: replicas behind a load balancer, one limit per key.
const LIMIT = 3;
const RATE = `${LIMIT}/s`;
let redis: RedisServer;
let replicas: [ServingCli, ServingCli];
let keys = 0;

beforeAll(async () => {
  redis = await startRedisServer();
  const start = () =>
    startCli(process.execPath, [
      CLI,
      '--port',
      '0',
      '--quiet',
      '--rate-limit',
      RATE,
      '--redis-url',
      redis.url,
    ]);
  const started = await Promise.allSettled([start(), start()]);
  const running = started.flatMap((result) => (result.status === 'fulfilled' ? [result.value] : []));
  if (running.length < 2) {
    await Promise.all(running.map((replica) => replica.stop()));
    throw started.find((result) => result.status === 'rejected')?.reason;
  }
  replicas = running as [ServingCli, ServingCli];
});

afterAll(async () => {
  await Promise.all((replicas ?? []).map((replica) => replica.stop()));
  await redis?.stop();
});

interface Answer {
  status: number;
  headers: Headers;
  body: { error?: { code: string | null; message: string } };
}

async function generate(replica: ServingCli, key: string): Promise<Answer> {
  const response = await fetch(`${replica.url}/v1/images/generations`, {
    method: 'POST',
    headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
    body: JSON.stringify({ model: 'dall-e-2', prompt: 'a lighthouse', size: '256x256' }),
    signal: AbortSignal.timeout(5000),
  });
  return {
    status: response.status,
    headers: response.headers,
    body: (await response.json()) as Answer['body'],
  };
}

/** `x-ratelimit-reset-requests` (`873ms`, `1s`, `1.5s`) in milliseconds. */
function resetMs(answer: Answer): number {
  const text = answer.headers.get('x-ratelimit-reset-requests') ?? '';
  const match = /^(\d+(?:\.\d+)?)(ms|s)$/.exec(text);
  if (!match) throw new Error(`unexpected reset header '${text}'`);
  return Number(match[1]) * (match[2] === 's' ? 1000 : 1);
}

/**
 * Sends requests for a fresh key to the replicas in turn (index into `replicas`). A window is one second:
 * if this machine is so loaded that the sequence outlasts half of it, the run proves nothing either way,
 * so it is tried again with another key (three times at most).
 */
async function sequence(order: number[]): Promise<Answer[]> {
  for (let attempt = 0; ; attempt++) {
    const key = `sk-replicas-${++keys}`;
    const started = Date.now();
    const answers: Answer[] = [];
    for (const index of order) answers.push(await generate(replicas[index] as ServingCli, key));
    if (Date.now() - started < 500 || attempt === 2) return answers;
  }
}

const remaining = (answers: Answer[]) =>
  answers.map((answer) => [answer.status, answer.headers.get('x-ratelimit-remaining-requests')]);

function expectRateLimited(answer: Answer): void {
  expect(answer.status).toBe(429);
  expect(answer.body.error?.code).toBe('rate_limit_exceeded');
  expect(answer.body.error?.message).toContain(`Limit: ${LIMIT}/1s. Current: ${LIMIT + 1}/1s.`);
  expect(answer.headers.get('retry-after')).toBe('1');
  expect(answer.headers.get('x-ratelimit-limit-requests')).toBe(String(LIMIT));
  expect(answer.headers.get('x-ratelimit-remaining-requests')).toBe('0');
  expect(resetMs(answer)).toBeGreaterThan(0);
  expect(resetMs(answer)).toBeLessThanOrEqual(1000);
}

describe('replicas sharing one --redis-url', () => {
  it('enforce one limit per key across both: the (limit+1)th request is the 429, on either replica', async () => {
    const [toB, toA] = [await sequence([0, 1, 0, 1, 0]), await sequence([1, 0, 1, 0, 1])];
    for (const answers of [toB, toA]) {
      expect(remaining(answers)).toEqual([
        [200, '2'],
        [200, '1'],
        [200, '0'],
        [429, '0'],
        [429, '0'],
      ]);
      expectRateLimited(answers[3] as Answer);
      expectRateLimited(answers[4] as Answer);
    }
  });

  it('free the window for both once it has passed', async () => {
    const [first, , , refused] = await sequence([0, 1, 0, 1]);
    expect(first?.status).toBe(200);
    expectRateLimited(refused as Answer);
    await new Promise((resolve) => setTimeout(resolve, resetMs(refused as Answer) + 50));
    const key = `sk-replicas-${keys}`;
    const again = [await generate(replicas[1], key), await generate(replicas[0], key)];
    expect(remaining(again)).toEqual([
      [200, '2'],
      [200, '1'],
    ]);
  });

  it('count per replica while Redis is gone, never failing or holding a request, and share again once it is back', async () => {
    await redis.kill();
    const started = Date.now();
    const [onA, onB] = [await sequence([0, 0, 0, 0]), await sequence([1, 1, 1, 1])];
    expect(Date.now() - started).toBeLessThan(3000);
    // Each replica's own window: a client sees the limit per replica, with the same 429 and headers.
    for (const answers of [onA, onB]) {
      expect(remaining(answers)).toEqual([
        [200, '2'],
        [200, '1'],
        [200, '0'],
        [429, '0'],
      ]);
      expectRateLimited(answers[3] as Answer);
    }
    for (const replica of replicas) {
      expect(replica.output()).toMatch(
        new RegExp(
          `imagegen-mock: warning: Redis at ${redis.url}: .+; counting the rate limit in this process until it is back\\n`,
        ),
      );
    }

    await redis.restart();
    for (const replica of replicas) {
      await expect
        .poll(replica.output, { timeout: 5000 })
        .toContain(`imagegen-mock: warning: Redis at ${redis.url} is back; the rate limit is shared again\n`);
    }
    expect(remaining(await sequence([0, 1, 0, 1]))).toEqual([
      [200, '2'],
      [200, '1'],
      [200, '0'],
      [429, '0'],
    ]);
  });
});

describe('--redis-url at start', () => {
  it('is a usage error when it is not a redis:// URL or has no --rate-limit to share', async () => {
    for (const [args, message] of [
      [
        ['--rate-limit', '5/min', '--redis-url', 'localhost:6379'],
        "--redis-url must be a URL such as redis://127.0.0.1:6379, got 'localhost:6379'",
      ],
      [
        ['--redis-url', 'redis://127.0.0.1:6379'],
        '--redis-url shares the --rate-limit windows: give --rate-limit too',
      ],
    ] as const) {
      const run = await runCli([...args]);
      expect(run.code).toBe(2);
      expect(run.stderr).toBe(`imagegen-mock: ${message}. See 'imagegen-mock --help'.\n`);
    }
  });

  it(
    'stops with one line and exit code 1 when Redis does not answer, rather than limiting alone',
    { timeout: 30_000 },
    async () => {
      const url = `redis://127.0.0.1:${await freePort()}`;
      // Bounded: runCli fails the test if the process is still there after 20 s.
      const run = await runCli(['--rate-limit', '5/min', '--redis-url', url], {}, 20_000);
      expect(run.code).toBe(1);
      expect(run.stderr).toMatch(
        new RegExp(
          `^imagegen-mock: cannot use Redis at ${url} \\(no answer within 5 s\\): .*ECONNREFUSED.*\\n$`,
        ),
      );
      expect(run.stdout).not.toContain('listening on');
    },
  );

  it('is refused by the library where it cannot be honoured: without a rate limit, or in createApp', async () => {
    await expect(startServer({ port: 0, redisUrl: redis.url })).rejects.toThrow(
      new ConfigError('redisUrl shares the rate limiter between replicas: set rateLimit too'),
    );
    const spec = await loadSpec();
    // Not in createApp's options type: a JavaScript caller passing it anyway is told, not ignored.
    const options = { spec, rateLimit: { limit: 1, windowMs: 1000 }, redisUrl: redis.url };
    expect(() => createApp(options)).toThrow(ConfigError);
  });

  it(
    'loads the Redis client only when a server is started with a Redis URL',
    { timeout: 40_000 },
    async () => {
      const script = `
      import { createRequire } from 'node:module';
      const { startServer } = await import(${JSON.stringify(fileURLToPath(new URL('../dist/index.js', import.meta.url)))});
      const redisUrl = process.argv[1];
      const mock = await startServer({ port: 0, rateLimit: { limit: 5, windowMs: 60000 }, ...(redisUrl ? { redisUrl } : {}) });
      const answer = await fetch(mock.url + '/v1/images/generations', {
        method: 'POST',
        headers: { authorization: 'Bearer sk-lazy', 'content-type': 'application/json' },
        body: JSON.stringify({ model: 'dall-e-2', prompt: 'a fox', size: '256x256' }),
      });
      const loaded = Object.keys(createRequire(import.meta.url).cache).some((path) => path.includes('@redis'));
      await mock.close();
      console.log(JSON.stringify({ status: answer.status, loaded }));
    `;
      const run = async (...args: string[]) => {
        const { stdout } = await promisify(execFile)(
          process.execPath,
          ['--input-type=module', '-e', script, ...args],
          { timeout: 15_000 },
        );
        return JSON.parse(stdout) as unknown;
      };
      expect(await run()).toEqual({ status: 200, loaded: false });
      expect(await run(redis.url)).toEqual({ status: 200, loaded: true });
    },
  );
});
