/**
 * The mock as the CLI starts it (`startServer` with its defaults, no request log), plus what only the
 * server's own process can see: how late its event loop ran (`monitorEventLoopDelay`: a 5 ms timer, whose
 * lateness is how long the loop was busy with something else) and its memory. It answers `'report'`
 * messages on the IPC channel with both, then starts a new window; it exits when the benchmark goes away.
 * No code of the mock changes for this, so what is measured is the shipped server. Run with --expose-gc,
 * it reports the heap a full collection leaves, the measure of a leak.
 *
 *   node bench/instrumented-server.js <port> [options as JSON, given to startServer]
 */
import { monitorEventLoopDelay } from 'node:perf_hooks';
import process from 'node:process';
import { setTimeout } from 'node:timers';

const [port, json = '{}'] = process.argv.slice(2);
if (port === undefined || typeof process.send !== 'function') {
  process.stderr.write(
    'usage: spawned with an IPC channel, node bench/instrumented-server.js <port> [json]\n',
  );
  process.exit(2);
}
const { startServer } = await import('../dist/http/start-server.js');
const RESOLUTION_MS = 5;
const delay = monitorEventLoopDelay({ resolution: RESOLUTION_MS });
delay.enable();
await startServer({ ...JSON.parse(json), port: Number(port), host: '127.0.0.1' });

// The histogram holds the time between the timer's runs (5 ms when idle): the loop's stall is the excess.
const ms = (/** @type {number} */ nanoseconds) => Math.max(0, nanoseconds / 1e6 - RESOLUTION_MS);
process.on('message', (message) => {
  if (message !== 'report') return;
  const loopDelayMs = { max: ms(delay.max), p99: ms(delay.percentile(99)), mean: ms(delay.mean) };
  const { rss } = process.memoryUsage();
  // The live heap: what a full collection leaves (spawned with --expose-gc). The collection holds the loop,
  // so the window restarts once the delay timer has fired after it, and the pause is no request's stall.
  const gc = /** @type {{ gc?: () => void }} */ (globalThis).gc;
  gc?.();
  const { heapUsed } = process.memoryUsage();
  process.send?.({ rssBytes: rss, heapUsedBytes: heapUsed, collected: gc !== undefined, loopDelayMs });
  setTimeout(() => delay.reset(), 2 * RESOLUTION_MS);
});
process.on('disconnect', () => process.exit(0));
