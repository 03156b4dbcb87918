/**
 * `npm run bench`: imagegen-mock against Prism and against a zlib baseline, in one run, printed side by side.
 * Exits 0 when targets are missed (a measurement, not a gate) and 1 when a server fails to start or answer.
 *
 *   node bench/run.js [--quick] [--json <file>]
 */
import console from 'node:console';
import { writeFileSync } from 'node:fs';
import process from 'node:process';
import { parseArgs } from 'node:util';
import { measureDeflate, measureLatency, measureThroughput, postGeneration } from './measure.js';
import { BenchError, installCleanup, killAll, stopChild } from './processes.js';
import { formatReport, summarize, toJson } from './report.js';
import { checkInstalled, OURS, PRISM, startServer, timeStartup, URL_MODE_BODY } from './servers.js';

const PLANS = {
  full: {
    connections: 10,
    warmupSeconds: 2,
    roundSeconds: 3,
    rounds: 5,
    // Untimed requests per series before timing, to measure the steady state: the renderer needs a few
    // dozen distinct renders before V8 has optimized it (the first ones take 5-10x longer). Every warm-up
    // prompt is distinct too, so nothing is cached before the uncached series.
    latencyWarmup: 50,
    latencyBlocks: 4,
    latencyBlockSize: 10,
    startupRuns: 5,
  },
  quick: {
    connections: 10,
    warmupSeconds: 1,
    roundSeconds: 1,
    rounds: 2,
    latencyWarmup: 5,
    latencyBlocks: 2,
    latencyBlockSize: 4,
    startupRuns: 2,
  },
};
const LATENCY_BUDGET_MS = 120_000;

/** @param {string} line */
const progress = (line) => void process.stderr.write(`bench: ${line}\n`);

/** @param {typeof PLANS.full} plan */
async function runBench(plan) {
  progress(`spawn-to-first-200, ${plan.startupRuns} runs each, alternating`);
  const startup = { ours: /** @type {number[]} */ ([]), prism: /** @type {number[]} */ ([]) };
  for (let run = 0; run < plan.startupRuns; run++) {
    startup.ours.push(await timeStartup(OURS));
    startup.prism.push(await timeStartup(PRISM));
  }

  const ours = await startServer(OURS);
  const throughput = { ours: /** @type {number[]} */ ([]), prism: /** @type {number[]} */ ([]) };
  const prism = await startServer(PRISM);
  try {
    for (const server of [ours, prism]) {
      const { status, text } = await postGeneration(server.child.url, URL_MODE_BODY);
      if (status !== 200) throw new BenchError(`${server.child.name}: url-mode POST gave ${status}: ${text}`);
    }
    const { url } =
      /** @type {{ data: { url?: string }[] }} */ (
        JSON.parse((await postGeneration(ours.child.url, URL_MODE_BODY)).text)
      ).data[0] ?? {};
    if (typeof url !== 'string') throw new BenchError('imagegen-mock: url-mode answer carries no url');

    const load = { connections: plan.connections, seconds: plan.roundSeconds };
    progress(`url-mode throughput: warm-up, then ${plan.rounds} rounds of ${plan.roundSeconds} s per server`);
    for (const server of [ours, prism]) {
      await measureThroughput(server.child.url, URL_MODE_BODY, { ...load, seconds: plan.warmupSeconds });
    }
    for (let round = 0; round < plan.rounds; round++) {
      const order = round % 2 === 0 ? [ours, prism] : [prism, ours];
      for (const server of order) {
        const rate = await measureThroughput(server.child.url, URL_MODE_BODY, load);
        (server === ours ? throughput.ours : throughput.prism).push(rate);
      }
    }
  } finally {
    await stopChild(prism.child);
  }

  const latency = {
    uncached: /** @type {number[]} */ ([]),
    repeated: /** @type {number[]} */ ([]),
    deflate: /** @type {number[]} */ ([]),
  };
  try {
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
    const total = plan.latencyBlocks * plan.latencyBlockSize;
    progress(
      `b64_json 1024x1024 latency: ${total} uncached, ${total} repeated, ${total} deflate, interleaved`,
    );
    const options = { count: plan.latencyWarmup, budgetMs: LATENCY_BUDGET_MS };
    await measureLatency(ours.child.url, uncachedBody, options);
    await measureLatency(ours.child.url, repeatedBody, options);
    measureDeflate({ count: plan.latencyWarmup, warmup: 0, budgetMs: LATENCY_BUDGET_MS });
    for (let block = 0; block < plan.latencyBlocks; block++) {
      const blockOptions = { count: plan.latencyBlockSize, budgetMs: LATENCY_BUDGET_MS / plan.latencyBlocks };
      latency.uncached.push(...(await measureLatency(ours.child.url, uncachedBody, blockOptions)));
      latency.repeated.push(...(await measureLatency(ours.child.url, repeatedBody, blockOptions)));
      latency.deflate.push(...measureDeflate({ ...blockOptions, warmup: 0 }));
    }
  } finally {
    await stopChild(ours.child);
  }

  /** @type {import('./report.js').Metric[]} */
  const metrics = [
    {
      id: 'url-throughput',
      name: '1. url-mode POST throughput',
      unit: 'req/s',
      ours: throughput.ours,
      baselineName: 'prism',
      baseline: throughput.prism,
      ratioOf: 'ours/baseline',
      target: { op: '>=', value: 1.0, note: 'aim 1.3' },
    },
    {
      id: 'uncached-b64-latency',
      name: '2. uncached 1024 b64_json latency',
      unit: 'ms',
      ours: latency.uncached,
      baselineName: 'deflateSync(l1)',
      baseline: latency.deflate,
      ratioOf: 'ours/baseline',
      target: { op: '<=', value: 0.5 },
    },
    {
      id: 'repeated-b64-latency',
      name: '3. repeated 1024 b64_json latency',
      unit: 'ms',
      ours: latency.repeated,
      baselineName: 'uncached',
      baseline: latency.uncached,
      ratioOf: 'baseline/ours',
      target: { op: '>=', value: 10 },
    },
    {
      id: 'spawn-to-first-200',
      name: '4. spawn to first 200',
      unit: 'ms',
      ours: startup.ours,
      baselineName: 'prism',
      baseline: startup.prism,
      ratioOf: 'ours/baseline',
      target: { op: '<=', value: 0.4 },
    },
  ];
  return metrics.map(summarize);
}

async function main() {
  const { values } = parseArgs({
    options: { quick: { type: 'boolean', default: false }, json: { type: 'string' } },
    strict: true,
  });
  installCleanup();
  checkInstalled();
  const quick = values.quick === true;
  const results = await runBench(quick ? PLANS.quick : PLANS.full);
  console.log(`\n${formatReport(results, { quick })}`);
  if (values.json !== undefined) {
    writeFileSync(values.json, `${JSON.stringify(toJson(results, { quick }), null, 2)}\n`);
    progress(`results written to ${values.json}`);
  }
}

main().then(
  () => {
    killAll();
    process.exit(0);
  },
  (/** @type {unknown} */ error) => {
    killAll();
    const message =
      error instanceof BenchError ? error.message : error instanceof Error ? error.stack : String(error);
    process.stderr.write(`bench: FAILED: ${message}\n`);
    process.exit(1);
  },
);
