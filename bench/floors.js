/**
 * The comparisons with a floor or a peer: start-up against Prism, url-mode throughput against Prism and a
 * bare `node:http` endpoint, an uncached image against zlib, a repeated one against a bare server sending
 * the identical bytes. Each starts and stops its own servers and returns report rows.
 */
import process from 'node:process';
import { measureDeflate, measureLatency, measureThroughput, postGeneration } from './measure.js';
import { BenchError, stopChild } from './processes.js';
import { OURS, PRISM, startBare, startServer, timeStartup, URL_MODE_BODY } from './servers.js';

/** @param {string} line */
export const progress = (line) => void process.stderr.write(`bench: ${line}\n`);

/**
 * Spawn to the first 200 of a url-mode POST, alternating ours and Prism; wall time and the server's CPU.
 *
 * @param {{ startupRuns: number }} plan
 * @returns {Promise<import('./report.js').Metric[]>}
 */
export async function compareStartup(plan) {
  progress(`spawn-to-first-200, ${plan.startupRuns} runs each, alternating`);
  const runs = { ours: [], prism: [] };
  for (let run = 0; run < plan.startupRuns; run++) {
    runs.ours.push(await timeStartup(OURS));
    runs.prism.push(await timeStartup(PRISM));
  }
  const cpu = (/** @type {{ cpuMs?: number }[]} */ list) =>
    list.map((run) => run.cpuMs).filter((value) => value !== undefined);
  const cpuOurs = cpu(runs.ours);
  const cpuPrism = cpu(runs.prism);
  return [
    {
      id: 'spawn-to-first-200',
      name: 'spawn to first 200 (wall)',
      unit: 'ms',
      ours: runs.ours.map((run) => run.readyMs),
      baselineName: 'prism',
      baseline: runs.prism.map((run) => run.readyMs),
      ratioOf: 'ours/baseline',
      target: { op: '<=', value: 0.35 },
    },
    {
      id: 'cpu-to-first-200',
      name: 'CPU used until first 200',
      unit: 'ms',
      ours: cpuOurs,
      baselineName: 'prism',
      baseline: cpuPrism,
      ratioOf: 'ours/baseline',
      ...(cpuOurs.length === 0 || cpuPrism.length === 0 ? { skipped: 'no /proc on this system' } : {}),
    },
  ];
}

/**
 * url-mode POST throughput of ours, Prism and a bare `node:http` server sending ours' answer, in rounds
 * whose order rotates, after a warm-up of each.
 *
 * @param {{ connections: number, warmupSeconds: number, roundSeconds: number, rounds: number }} plan
 * @returns {Promise<import('./report.js').Metric[]>}
 */
export async function compareThroughput(plan) {
  const ours = await startServer(OURS);
  /** @type {Awaited<ReturnType<typeof startServer>>[]} */
  const started = [ours];
  const rates = new Map();
  try {
    const answer = await postGeneration(ours.child.url, URL_MODE_BODY);
    const url = /** @type {{ data?: { url?: unknown }[] }} */ (JSON.parse(answer.text)).data?.[0]?.url;
    if (answer.status !== 200 || typeof url !== 'string') {
      throw new BenchError(
        `imagegen-mock: url-mode POST gave ${answer.status} without a url: ${answer.text}`,
      );
    }
    const prism = await startServer(PRISM);
    started.push(prism);
    const prismAnswer = await postGeneration(prism.child.url, URL_MODE_BODY);
    if (prismAnswer.status !== 200) throw new BenchError(`prism: url-mode POST gave ${prismAnswer.status}`);
    started.push(await startBare('bare node:http', answer.text));
    const load = { connections: plan.connections, seconds: plan.roundSeconds };
    progress(`url-mode throughput: warm-up, then ${plan.rounds} rounds of ${plan.roundSeconds} s per server`);
    for (const server of started) {
      await measureThroughput(server.child.url, URL_MODE_BODY, { ...load, seconds: plan.warmupSeconds });
      rates.set(server, []);
    }
    for (let round = 0; round < plan.rounds; round++) {
      for (let index = 0; index < started.length; index++) {
        const server = /** @type {(typeof started)[number]} */ (started[(round + index) % started.length]);
        rates.get(server).push(await measureThroughput(server.child.url, URL_MODE_BODY, load));
      }
    }
  } finally {
    for (const server of started) await stopChild(server.child);
  }
  const [oursRates, prismRates, bareRates] = started.map(
    (server) => /** @type {number[]} */ (rates.get(server)),
  );
  return [
    {
      id: 'url-throughput',
      name: 'url-mode POST throughput',
      unit: 'req/s',
      ours: oursRates ?? [],
      baselineName: 'prism',
      baseline: prismRates ?? [],
      ratioOf: 'ours/baseline',
      target: { op: '>=', value: 1.0, note: 'aim 1.3' },
    },
    {
      id: 'url-throughput-bare',
      name: 'url-mode POST throughput',
      unit: 'req/s',
      ours: oursRates ?? [],
      baselineName: 'bare node:http',
      baseline: bareRates ?? [],
      ratioOf: 'ours/baseline',
    },
  ];
}

/**
 * Sequential b64_json 1024x1024 requests on one keep-alive connection: uncached (a new prompt each) against
 * `deflateSync` level 1 + base64 of a raw gradient of that size, and repeated (one prompt, from the cache)
 * against a bare `node:http` server sending the identical answer; in interleaved blocks after a warm-up.
 *
 * @param {{ latencyWarmup: number, latencyBlocks: number, latencyBlockSize: number }} plan
 * @returns {Promise<import('./report.js').Metric[]>}
 */
export async function compareLatency(plan) {
  const budgetMs = 120_000;
  let prompts = 0;
  const uncachedBody = () => ({
    prompt: `uncached benchmark prompt number ${++prompts}`,
    size: '1024x1024',
    response_format: 'b64_json',
  });
  const repeatedBody = () => ({
    prompt: 'repeated benchmark prompt',
    size: '1024x1024',
    response_format: 'b64_json',
  });
  const samples = { uncached: [], repeated: [], bare: [], deflate: [] };
  const ours = await startServer(OURS);
  let bare;
  try {
    const repeated = await postGeneration(ours.child.url, repeatedBody());
    if (repeated.status !== 200) throw new BenchError(`imagegen-mock: b64_json POST gave ${repeated.status}`);
    bare = await startBare('bare node:http (same bytes)', repeated.text);
    const total = plan.latencyBlocks * plan.latencyBlockSize;
    progress(
      `b64_json 1024x1024 latency: ${total} each of uncached, repeated, bare, deflate+base64, interleaved`,
    );
    const warmup = { count: plan.latencyWarmup, budgetMs };
    await measureLatency(ours.child.url, uncachedBody, warmup);
    await measureLatency(ours.child.url, repeatedBody, warmup);
    await measureLatency(bare.child.url, repeatedBody, warmup);
    measureDeflate({ count: plan.latencyWarmup, warmup: 0, budgetMs });
    const block = { count: plan.latencyBlockSize, budgetMs: budgetMs / plan.latencyBlocks };
    for (let index = 0; index < plan.latencyBlocks; index++) {
      samples.uncached.push(...(await measureLatency(ours.child.url, uncachedBody, block)));
      samples.repeated.push(...(await measureLatency(ours.child.url, repeatedBody, block)));
      samples.bare.push(...(await measureLatency(bare.child.url, repeatedBody, block)));
      samples.deflate.push(...measureDeflate({ ...block, warmup: 0 }));
    }
  } finally {
    await stopChild(ours.child);
    if (bare) await stopChild(bare.child);
  }
  return [
    {
      id: 'uncached-b64-latency',
      name: 'uncached 1024 b64_json request',
      unit: 'ms',
      ours: samples.uncached,
      baselineName: 'deflate l1+base64',
      baseline: samples.deflate,
      ratioOf: 'ours/baseline',
      target: { op: '<=', value: 0.5 },
    },
    {
      id: 'repeated-b64-latency',
      name: 'repeated 1024 b64_json request',
      unit: 'ms',
      ours: samples.repeated,
      baselineName: 'bare node:http',
      baseline: samples.bare,
      ratioOf: 'ours/baseline',
      target: { op: '<=', value: 1.3 },
    },
  ];
}
