/**
 * The render pool: how uncached throughput scales from one worker to two, and how fast `/health` and a
 * cached request answer while 4K images render. Scaling needs the CLI's `--workers` flag and is skipped,
 * with a note, by a CLI without it; the latency under load is measured either way (without a pool it shows
 * what rendering on the event loop costs everyone else).
 */
import { performance } from 'node:perf_hooks';
import { progress } from './floors.js';
import { expectStatus, keepAlive, runClients, send } from './load.js';
import { BenchError, stopChild } from './processes.js';
import { quantile } from './report.js';
import { cliHasFlag, ours, startServer } from './servers.js';

/** What "a few milliseconds" means for the p99 of a cheap answer while the pool is busy. */
const UNDER_LOAD_P99_MS = 5;

const uncached1024 = (/** @type {string} */ tag, /** @type {number} */ n) => ({
  kind: 'uncached',
  call: { body: { prompt: `scaling ${tag} ${n}`, size: '1024x1024', response_format: 'b64_json' } },
  check: expectStatus(200, { image: 'b64_json' }),
});

/**
 * Uncached 1024x1024 b64_json requests/s with 4 concurrent clients, `--workers 2` against `--workers 1` (the
 * issue's ratio) and against `--workers 0` (everything on the event loop: one core).
 *
 * @param {{ scalingWarmup: number, scalingRounds: number, scalingRoundMs: number }} plan
 * @returns {Promise<import('./report.js').Metric[]>}
 */
export async function compareScaling(plan) {
  const row = {
    id: 'pool-scaling',
    name: 'uncached 1024 b64, 4 clients: --workers 2',
    unit: 'req/s',
    baselineName: '--workers 1',
    ratioOf: /** @type {const} */ ('ours/baseline'),
    target: { op: /** @type {const} */ ('>='), value: 1.8, note: 'close to 2 on 2 cores' },
  };
  const inProcess = {
    ...row,
    id: 'pool-scaling-in-process',
    baselineName: '--workers 0',
    target: undefined,
  };
  if (!cliHasFlag('--workers')) {
    progress('pool scaling: skipped, this build of the CLI has no --workers flag');
    return [{ ...row, ours: [], baseline: [], skipped: 'the CLI has no --workers flag yet' }];
  }
  const counts = ['1', '2', '0'];
  progress(`pool scaling: ${plan.scalingRounds} rounds of ${plan.scalingRoundMs} ms, --workers 1, 2 and 0`);
  /** @type {Awaited<ReturnType<typeof startServer>>[]} */
  const servers = [];
  /** @type {number[][]} */
  const rates = counts.map(() => []);
  try {
    for (const count of counts) servers.push(await startServer(ours(['--workers', count])));
    for (const [index, server] of servers.entries()) {
      await measureRate(server.child.url, `warm-up ${index}`, plan.scalingWarmup, 60_000);
    }
    for (let round = 0; round < plan.scalingRounds; round++) {
      const order = round % 2 === 0 ? [0, 1, 2] : [2, 1, 0];
      for (const index of order) {
        const server = /** @type {(typeof servers)[number]} */ (servers[index]);
        rates[index]?.push(
          await measureRate(server.child.url, `round ${round}`, Infinity, plan.scalingRoundMs),
        );
      }
    }
  } finally {
    for (const server of servers) await stopChild(server.child);
  }
  return [
    { ...row, ours: rates[1] ?? [], baseline: rates[0] ?? [] },
    { ...inProcess, ours: rates[1] ?? [], baseline: rates[2] ?? [] },
  ];
}

/** Answers/s of uncached 1024 b64 with 4 clients, for `count` requests or `durationMs`; any failure throws. */
async function measureRate(/** @type {string} */ baseUrl, tag, count, durationMs) {
  const result = await runClients(baseUrl, {
    connections: 4,
    durationMs,
    count,
    jobFor: (n) => uncached1024(tag, n),
  });
  if (result.problems.length > 0) throw new BenchError(`${baseUrl}: ${result.problems.join('; ')}`);
  return ((result.latencies.get('uncached')?.length ?? 0) * 1000) / result.elapsedMs;
}

/**
 * `/health` and a cached request, each sent one after another, while `heavyRequests` gpt-image-2 3840x2160
 * `n=heavyN` requests render at once; the server runs with its default settings.
 *
 * @param {{ heavyRequests: number, heavyN: number }} plan
 * @returns {Promise<{ metrics: import('./report.js').Metric[], notes: string[] }>}
 */
export async function measureUnderLoad(plan) {
  const { heavyRequests, heavyN } = plan;
  progress(`/health and a cached request while ${heavyRequests} x 3840x2160 n=${heavyN} render`);
  const server = await startServer(ours());
  const { url } = server.child;
  const cached = { body: { prompt: 'cached under load', size: '1024x1024', response_format: 'b64_json' } };
  const health = { method: 'GET', path: '/health' };
  const samples = { health: [], cached: [], idle: [] };
  let heavyMs = 0;
  try {
    // Renders first, so that a pool has started its threads: the steady state, not the first seconds.
    await measureRate(url, 'warm-up', 16, 60_000);
    const probe = keepAlive(1);
    const prime = await send(url, cached, probe);
    if (prime.status !== 200) throw new BenchError(`${url}: cached request gave ${prime.status}`);
    for (let index = 0; index < 50; index++) samples.idle.push(await timed(url, health, probe));
    const heavyAgent = keepAlive(heavyRequests);
    let done = false;
    const started = performance.now();
    const heavy = Promise.all(
      Array.from({ length: heavyRequests }, (_, index) =>
        send(
          url,
          {
            body: {
              model: 'gpt-image-2',
              prompt: `heavy ${index}`,
              size: '3840x2160',
              n: heavyN,
              quality: 'low',
            },
          },
          heavyAgent,
        ),
      ),
    ).finally(() => {
      done = true;
      heavyMs = performance.now() - started;
    });
    const loop = async (/** @type {number[]} */ into, /** @type {import('./load.js').Call} */ call) => {
      const agent = keepAlive(1);
      while (!done && performance.now() - started < 120_000) into.push(await timed(url, call, agent));
      agent.destroy();
    };
    const [answers] = await Promise.all([heavy, loop(samples.health, health), loop(samples.cached, cached)]);
    heavyAgent.destroy();
    probe.destroy();
    const failed = answers.find((answer) => answer.status !== 200);
    if (failed)
      throw new BenchError(
        `${url}: a 4K request gave ${failed.status}: ${failed.body.toString().slice(0, 200)}`,
      );
  } finally {
    await stopChild(server.child);
  }
  const target = { op: /** @type {const} */ ('<='), value: UNDER_LOAD_P99_MS, note: 'a few ms' };
  const describe = (/** @type {number[]} */ values) =>
    `${values.length} answers, ${[0.5, 0.99, 1].map((q) => `${q === 1 ? 'max' : `p${q * 100}`} ${quantile(values, q).toFixed(1)}`).join(', ')} ms`;
  return {
    metrics: [
      {
        id: 'health-under-load',
        name: '/health during 4K renders',
        unit: 'ms',
        stat: 'p99',
        ours: samples.health,
        target,
      },
      {
        id: 'cached-under-load',
        name: 'cached 1024 b64 during 4K renders',
        unit: 'ms',
        stat: 'p99',
        ours: samples.cached,
        target,
      },
    ],
    notes: [
      `Under load (${heavyRequests} x gpt-image-2 3840x2160 n=${heavyN}, all answered in ${heavyMs.toFixed(0)} ms):`,
      `  /health idle:       ${describe(samples.idle)}`,
      `  /health under load: ${describe(samples.health)}`,
      `  cached under load:  ${describe(samples.cached)}`,
    ],
  };
}

/** Milliseconds of one request, which must answer 200. */
async function timed(/** @type {string} */ url, /** @type {import('./load.js').Call} */ call, agent) {
  const started = performance.now();
  const answer = await send(url, call, agent);
  const elapsed = performance.now() - started;
  if (answer.status !== 200) throw new BenchError(`${url}: ${call.path ?? 'POST'} gave ${answer.status}`);
  return elapsed;
}
