/**
 * `--soak`: mixed traffic at 16 connections for 60 s against the instrumented server (the mock through
 * `startServer`, reporting its event loop's delay and memory over IPC; see instrumented-server.js). Every
 * answer is checked; the run reports the wrong ones (there must be none), latency per kind, RSS at the
 * start, middle and end, and the event loop's worst stall.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { progress } from './floors.js';
import { expectStatus, keepAlive, runClients, send } from './load.js';
import { ask, BenchError, stopChild } from './processes.js';
import { quantile } from './report.js';
import { instrumented, startServer } from './servers.js';

/** The worst event-loop stall that still counts as small: a frame of a 60 Hz screen, roughly. */
const STALL_TARGET_MS = 20;
/** Memory is flat when the live heap at the end is at most this much above the middle's. */
const FLAT_HEAP_RATIO = 1.1;

/** @typedef {{ rssBytes: number, heapUsedBytes: number, loopDelayMs: { max: number, p99: number, mean: number } }} ServerReport */

const MIB = 2 ** 20;

const streamed = (/** @type {import('./load.js').Answer} */ answer) =>
  answer.status !== 200
    ? `status ${answer.status}`
    : !String(answer.headers['content-type']).startsWith('text/event-stream')
      ? `content-type ${answer.headers['content-type']}`
      : answer.body.toString().includes('event: image_generation.completed')
        ? undefined
        : 'the stream has no completed event';

const ERRORS = [
  { call: { body: { size: '1024x1024' } }, status: 400 },
  { call: { body: { prompt: 'soak', size: '999x999' } }, status: 400 },
  { call: { body: '{"prompt": ' }, status: 400 },
  { call: { body: { prompt: 'soak' }, headers: { prefer: 'code=429' } }, status: 429 },
];

/**
 * The n-th request of the mix, out of every 50: 1 4K image, 4 streams, 8 errors (4 kinds), 8 uncached and
 * 12 url-mode 1024x1024, 17 repeated (cached).
 *
 * @param {number} n
 * @returns {import('./load.js').Job}
 */
export function soakJob(n) {
  const slot = n % 50;
  if (slot === 0) {
    const body = { model: 'gpt-image-2', prompt: `soak 4k ${n}`, size: '3840x2160', quality: 'low' };
    return { kind: '4k', call: { body }, check: expectStatus(200, { image: 'b64_json' }) };
  }
  if (slot <= 4) {
    const body = {
      model: 'gpt-image-1-mini',
      prompt: `soak stream ${n % 40}`,
      size: '1024x1024',
      quality: 'low',
    };
    return { kind: 'stream', call: { body: { ...body, stream: true, partial_images: 1 } }, check: streamed };
  }
  if (slot <= 12) {
    const error = /** @type {(typeof ERRORS)[number]} */ (ERRORS[slot % ERRORS.length]);
    return { kind: 'error', call: error.call, check: expectStatus(error.status) };
  }
  const b64 = { size: '1024x1024', response_format: 'b64_json' };
  if (slot <= 20) {
    const body = { ...b64, prompt: `soak uncached ${n}` };
    return { kind: 'uncached', call: { body }, check: expectStatus(200, { image: 'b64_json' }) };
  }
  if (slot <= 32) {
    const body = { prompt: `soak url ${n % 100}`, size: '1024x1024' };
    return { kind: 'url', call: { body }, check: expectStatus(200, { image: 'url' }) };
  }
  const body = { ...b64, prompt: `soak cached ${n % 4}` };
  return { kind: 'cached', call: { body }, check: expectStatus(200, { image: 'b64_json' }) };
}

/**
 * The soak server's image cache (the default is 64 MiB): small enough that the warm-up fills it, so that
 * memory grows in the soak only if something is kept that should not be.
 */
const SOAK_CACHE_BYTES = 8 * 2 ** 20;

/** Sends distinct 1024x1024 b64_json requests, 4 at a time, until their images add up past the cache. */
async function fillImageCache(/** @type {string} */ url) {
  let bytes = 0;
  let n = 0;
  const agent = keepAlive(4);
  const client = async () => {
    while (bytes < SOAK_CACHE_BYTES * 1.25 && n < 2000) {
      const body = { prompt: `soak cache fill ${n++}`, size: '1024x1024', response_format: 'b64_json' };
      const answer = await send(url, { body }, agent);
      if (answer.status !== 200) throw new BenchError(`${url}: filling the cache got ${answer.status}`);
      bytes += Math.floor((answer.body.length * 3) / 4);
    }
  };
  try {
    await Promise.all([client(), client(), client(), client()]);
  } finally {
    agent.destroy();
  }
}

/**
 * @param {{ seconds: number, connections: number, warmup: number }} options warm-up: requests before
 * @returns {Promise<{ metrics: import('./report.js').Metric[], notes: string[] }>}
 */
export async function runSoak({ seconds, connections, warmup }) {
  progress(`soak: ${seconds} s of mixed traffic at ${connections} connections`);
  const server = await startServer(instrumented({ cacheBytes: SOAK_CACHE_BYTES }));
  const durationMs = seconds * 1000;
  /** @type {ServerReport[]} */
  const reports = [];
  let result;
  try {
    // A short warm-up, so that start-up's allocations and first compilations are not the soak's, and the
    // image cache filled.
    await runClients(server.child.url, { connections, durationMs: 60_000, count: warmup, jobFor: soakJob });
    await fillImageCache(server.child.url);
    reports.push(/** @type {ServerReport} */ (await ask(server.child, 'report')));
    let running = true;
    const sampler = (async () => {
      while (running) {
        await sleep(Math.min(5000, durationMs / 6));
        if (running) reports.push(/** @type {ServerReport} */ (await ask(server.child, 'report')));
      }
    })();
    result = await runClients(server.child.url, { connections, durationMs, jobFor: soakJob });
    running = false;
    await sampler;
    reports.push(/** @type {ServerReport} */ (await ask(server.child, 'report')));
  } finally {
    await stopChild(server.child);
  }
  const mb = (/** @type {ServerReport | undefined} */ report) => (report?.rssBytes ?? NaN) / MIB;
  const heap = (/** @type {ServerReport | undefined} */ report) => (report?.heapUsedBytes ?? NaN) / MIB;
  const [start, middle, end] = [reports[0], reports[Math.floor(reports.length / 2)], reports.at(-1)];
  // The first report's window is the warm-up's; the soak's stalls are in the ones after it.
  const stalls = reports.slice(1).map((report) => report.loopDelayMs.max);
  const errors = [...result.failures.values()].reduce((sum, count) => sum + count, 0);
  const all = [...result.latencies.values()].flat();
  const kinds = [...result.latencies.entries()].map(
    ([kind, values]) =>
      `  ${kind.padEnd(9)} ${String(values.length).padStart(6)} answers, p50 ${quantile(values, 0.5).toFixed(1)} ms, ` +
      `p99 ${quantile(values, 0.99).toFixed(1)} ms` +
      (result.failures.has(kind) ? `, ${result.failures.get(kind)} FAILED` : ''),
  );
  return {
    metrics: [
      {
        id: 'soak-errors',
        name: 'soak: wrong answers and failures',
        unit: 'answers',
        stat: 'max',
        ours: [errors],
        target: { op: '<=', value: 0 },
      },
      { id: 'soak-p50', name: 'soak: latency, every kind', unit: 'ms', ours: all },
      { id: 'soak-p99', name: 'soak: latency, every kind', unit: 'ms', stat: 'p99', ours: all },
      {
        id: 'soak-heap',
        name: 'soak: live heap at the end',
        unit: 'MiB',
        ours: [heap(end)],
        baselineName: 'middle',
        baseline: [heap(middle)],
        ratioOf: 'ours/baseline',
        target: { op: '<=', value: FLAT_HEAP_RATIO, note: 'flat' },
      },
      {
        id: 'soak-rss',
        name: 'soak: RSS at the end',
        unit: 'MiB',
        ours: [mb(end)],
        baselineName: 'middle',
        baseline: [mb(middle)],
        ratioOf: 'ours/baseline',
      },
      {
        id: 'soak-stall',
        name: "soak: event loop's worst stall",
        unit: 'ms',
        stat: 'max',
        ours: stalls,
        target: { op: '<=', value: STALL_TARGET_MS },
      },
    ],
    notes: [
      `Soak (${seconds} s, ${connections} connections, ${all.length + errors} requests, ${((all.length * 1000) / result.elapsedMs).toFixed(0)} answers/s):`,
      ...kinds,
      `  RSS start ${mb(start).toFixed(0)} MiB, middle ${mb(middle).toFixed(0)} MiB, end ${mb(end).toFixed(0)} MiB` +
        ` (threads included); live heap of the main thread ${[start, middle, end].map((report) => heap(report).toFixed(1)).join(', ')} MiB;` +
        ` event loop stall p99 per window: ${reports
          .slice(1)
          .map((report) => report.loopDelayMs.p99.toFixed(1))
          .join(', ')} ms`,
      ...result.problems.map((problem) => `  failure: ${problem}`),
    ],
  };
}
