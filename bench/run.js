/**
 * `npm run bench`: imagegen-mock against Prism and against the floors (a bare `node:http` server sending the
 * same bytes, zlib encoding the same pixels), in one run, printed side by side; then the render pool and
 * the latency under 4K load. `--soak` runs the 60 s mixed soak instead. Exits 0 when targets are missed (a
 * measurement, not a gate) and 1 when a server fails to start or answer, or a soak answer is wrong.
 *
 *   node bench/run.js [--quick] [--soak] [--json <file>]
 */
import console from 'node:console';
import { writeFileSync } from 'node:fs';
import process from 'node:process';
import { parseArgs } from 'node:util';
import { compareLatency, compareStartup, compareThroughput, progress } from './floors.js';
import { compareScaling, measureUnderLoad } from './pool.js';
import { BenchError, installCleanup, killAll } from './processes.js';
import { formatReport, summarize, toJson } from './report.js';
import { checkInstalled } from './servers.js';
import { runSoak } from './soak.js';

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
    scalingWarmup: 40,
    scalingRounds: 4,
    scalingRoundMs: 3000,
    heavyRequests: 8,
    heavyN: 4,
    soak: { seconds: 60, connections: 16, warmup: 200 },
  },
  quick: {
    connections: 10,
    warmupSeconds: 1,
    roundSeconds: 1,
    rounds: 1,
    latencyWarmup: 5,
    latencyBlocks: 2,
    latencyBlockSize: 4,
    startupRuns: 2,
    scalingWarmup: 8,
    scalingRounds: 2,
    scalingRoundMs: 500,
    heavyRequests: 2,
    heavyN: 1,
    soak: { seconds: 3, connections: 4, warmup: 50 },
  },
};

/**
 * The benchmark, or with `soak` the soak alone. `--quick` runs every part at low counts, a short soak
 * included, so that each is known to work.
 *
 * @param {typeof PLANS.full} plan
 * @param {{ soak: boolean, quick: boolean }} options
 */
async function runBench(plan, { soak, quick }) {
  /** @type {import('./report.js').Metric[]} */
  const metrics = [];
  /** @type {string[]} */
  const notes = [];
  const add = (/** @type {{ metrics: import('./report.js').Metric[], notes: string[] }} */ part) => {
    metrics.push(...part.metrics);
    notes.push(...part.notes);
  };
  if (!soak) {
    metrics.push(...(await compareStartup(plan)));
    metrics.push(...(await compareThroughput(plan)));
    metrics.push(...(await compareLatency(plan)));
    metrics.push(...(await compareScaling(plan)));
    add(await measureUnderLoad(plan));
  }
  if (soak || quick) add(await runSoak(plan.soak));
  return { results: metrics.map(summarize), notes };
}

async function main() {
  const { values } = parseArgs({
    options: {
      quick: { type: 'boolean', default: false },
      soak: { type: 'boolean', default: false },
      json: { type: 'string' },
    },
    strict: true,
  });
  installCleanup();
  checkInstalled();
  const quick = values.quick === true;
  const { results, notes } = await runBench(quick ? PLANS.quick : PLANS.full, {
    soak: values.soak === true,
    quick,
  });
  console.log(`\n${formatReport(results, { quick, notes })}`);
  if (values.json !== undefined) {
    writeFileSync(values.json, `${JSON.stringify(toJson(results, { quick, notes }), null, 2)}\n`);
    progress(`results written to ${values.json}`);
  }
  const soakErrors = results.find((result) => result.id === 'soak-errors');
  if (soakErrors !== undefined && soakErrors.values.ours > 0) {
    throw new BenchError(`the soak had ${soakErrors.values.ours} wrong answers or failures (see above)`);
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
