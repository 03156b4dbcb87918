/** The measurements. Each returns raw samples; medians and ratios are the report's business. */
import autocannon from 'autocannon';
import { Buffer } from 'node:buffer';
import { performance } from 'node:perf_hooks';
import { deflateSync } from 'node:zlib';
import { GENERATIONS_PATH, keepAlive, REQUEST_HEADERS, send } from './load.js';
import { BenchError } from './processes.js';

/** One keep-alive connection for the latency series, so they time the server and not connection set-up. */
const agent = keepAlive(1);

/**
 * One POST to the generations endpoint; resolves with the status and the body as text.
 *
 * @param {string} baseUrl
 * @param {Record<string, unknown>} body
 * @returns {Promise<{ status: number, text: string }>}
 */
export async function postGeneration(baseUrl, body) {
  const answer = await send(baseUrl, { body }, agent);
  return { status: answer.status, text: answer.body.toString() };
}

/**
 * req/s of the same POST with autocannon. Any non-2xx answer or socket error is a failure.
 *
 * @param {string} baseUrl
 * @param {Record<string, unknown>} body
 * @param {{ connections: number, seconds: number }} options
 */
export async function measureThroughput(baseUrl, body, { connections, seconds }) {
  const result = await autocannon({
    url: `${baseUrl}${GENERATIONS_PATH}`,
    method: 'POST',
    headers: REQUEST_HEADERS,
    body: JSON.stringify(body),
    connections,
    duration: seconds,
    timeout: 10,
  });
  const failures = result.non2xx + result.errors + result.timeouts;
  if (failures > 0) {
    throw new BenchError(
      `${baseUrl}: ${result.non2xx} non-2xx, ${result.errors} errors, ${result.timeouts} timeouts under load`,
    );
  }
  if (result['2xx'] === 0) throw new BenchError(`${baseUrl}: no request completed under load`);
  const elapsedSeconds = result.duration > 0 ? result.duration : seconds;
  return result['2xx'] / elapsedSeconds;
}

/**
 * Latency of sequential POSTs, full body read and checked for a b64_json image. Bounded by count and time.
 *
 * @param {string} baseUrl
 * @param {(index: number) => Record<string, unknown>} bodyFor the body of the index-th request
 * @param {{ count: number, budgetMs: number }} options
 * @returns {Promise<number[]>} milliseconds per request
 */
export async function measureLatency(baseUrl, bodyFor, { count, budgetMs }) {
  const samples = [];
  const deadline = performance.now() + budgetMs;
  for (let index = 0; index < count && performance.now() < deadline; index++) {
    const started = performance.now();
    const answer = await send(baseUrl, { body: bodyFor(index) }, agent);
    const elapsed = performance.now() - started;
    const text = answer.body.toString();
    if (answer.status !== 200)
      throw new BenchError(`${baseUrl}: status ${answer.status}: ${text.slice(0, 300)}`);
    const image = /** @type {{ data?: { b64_json?: string }[] }} */ (JSON.parse(text)).data?.[0]?.b64_json;
    if (!image || !Buffer.from(image.slice(0, 12), 'base64').subarray(1, 4).equals(Buffer.from('PNG'))) {
      throw new BenchError(`${baseUrl}: the answer carries no base64 PNG`);
    }
    samples.push(elapsed);
  }
  if (samples.length < Math.min(3, count))
    throw new BenchError(`${baseUrl}: too few samples in ${budgetMs} ms`);
  return samples;
}

/** A raw 1024x1024 RGB gradient, row-major, 3 bytes per pixel: r = x/4, g = y/4, b = (x+y)/8. */
export function gradientRgb(width = 1024, height = 1024) {
  const pixels = Buffer.alloc(width * height * 3);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const offset = (y * width + x) * 3;
      pixels[offset] = (x >> 2) & 255;
      pixels[offset + 1] = (y >> 2) & 255;
      pixels[offset + 2] = ((x + y) >> 3) & 255;
    }
  }
  return pixels;
}

/**
 * Milliseconds of `zlib.deflateSync(gradient, { level: 1 })` and the base64 of its output, in this process,
 * after `warmup` untimed runs: the least a generic encoder pays to turn 1024x1024 pixels into the text of a
 * `b64_json` answer, before any HTTP. Bounded by count and time.
 *
 * @param {{ count: number, warmup: number, budgetMs: number }} options
 */
export function measureDeflate({ count, warmup, budgetMs }) {
  const pixels = gradientRgb();
  const encode = () => deflateSync(pixels, { level: 1 }).toString('base64');
  const deadline = performance.now() + budgetMs;
  for (let index = 0; index < warmup && performance.now() < deadline; index++) encode();
  const samples = [];
  for (let index = 0; index < count && performance.now() < deadline; index++) {
    const started = performance.now();
    encode();
    samples.push(performance.now() - started);
  }
  if (samples.length === 0) throw new BenchError(`deflate baseline: no sample in ${budgetMs} ms`);
  return samples;
}
