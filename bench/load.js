/**
 * Requests for the load measurements: one request with its full body read, and a set of concurrent clients
 * that each send requests one after another until a count or a deadline, recording latency per kind.
 */
import { Buffer } from 'node:buffer';
import http from 'node:http';
import { performance } from 'node:perf_hooks';
import { URL } from 'node:url';
import { BenchError } from './processes.js';

export const GENERATIONS_PATH = '/v1/images/generations';
export const REQUEST_HEADERS = { authorization: 'Bearer sk-bench', 'content-type': 'application/json' };
const REQUEST_TIMEOUT_MS = 30_000;

/**
 * @typedef {object} Call
 * @property {string} [method] default POST
 * @property {string} [path] default the generations path
 * @property {Record<string, unknown> | string} [body] JSON (an object) or raw text; none for a GET
 * @property {Record<string, string>} [headers] added to the bearer token and JSON content type
 */

/** @typedef {{ status: number, headers: http.IncomingHttpHeaders, body: Buffer }} Answer */

/**
 * One request; resolves with the status and the full body once read. Plain `node:http` rather than `fetch`:
 * its per-request overhead is a fraction of a millisecond lower, which matters next to a 1 ms answer.
 * A request on a kept-alive socket that the server closed meanwhile (its keep-alive timeout ran out between
 * two series) is sent again once, on a new socket, as Node's documentation advises.
 *
 * @param {string} baseUrl
 * @param {Call} call
 * @param {http.Agent} agent keep-alive, so that a series times the server and not connection set-up
 * @returns {Promise<Answer>}
 */
export async function send(baseUrl, call, agent) {
  try {
    return await sendOnce(baseUrl, call, agent);
  } catch (error) {
    if (!(error instanceof Error && 'reusedSocket' in error && error.reusedSocket === true)) throw error;
    return sendOnce(baseUrl, call, agent);
  }
}

/** @param {string} baseUrl @param {Call} call @param {http.Agent} agent @returns {Promise<Answer>} */
function sendOnce(baseUrl, call, agent) {
  const method = call.method ?? 'POST';
  const url = new URL(`${baseUrl}${call.path ?? GENERATIONS_PATH}`);
  const payload =
    call.body === undefined
      ? undefined
      : typeof call.body === 'string'
        ? call.body
        : JSON.stringify(call.body);
  const headers = { ...REQUEST_HEADERS, ...call.headers };
  if (payload !== undefined) headers['content-length'] = String(Buffer.byteLength(payload));
  return new Promise((resolve, reject) => {
    const request = http.request(url, { method, agent, timeout: REQUEST_TIMEOUT_MS, headers }, (response) => {
      /** @type {Buffer[]} */
      const chunks = [];
      response.on('data', (chunk) => chunks.push(chunk));
      response.on('end', () =>
        resolve({ status: response.statusCode ?? 0, headers: response.headers, body: Buffer.concat(chunks) }),
      );
      response.on('error', reject);
    });
    request.on('timeout', () =>
      request.destroy(new BenchError(`${method} ${url.href}: no answer in ${REQUEST_TIMEOUT_MS} ms`)),
    );
    request.on('error', (error) => {
      const code = /** @type {NodeJS.ErrnoException} */ (error).code;
      const stale = request.reusedSocket && (code === 'ECONNRESET' || error.message === 'socket hang up');
      reject(stale ? Object.assign(error, { reusedSocket: true }) : error);
    });
    request.end(payload);
  });
}

/** A keep-alive agent for `connections` sockets. */
export const keepAlive = (connections = 1) => new http.Agent({ keepAlive: true, maxSockets: connections });

/**
 * @typedef {object} Job
 * @property {string} kind the name its latency is filed under
 * @property {Call} call
 * @property {(answer: Answer) => string | undefined} check the problem with an answer, or undefined if right
 */

/**
 * @typedef {object} LoadResult
 * @property {Map<string, number[]>} latencies milliseconds per kind, answers that passed their check only
 * @property {Map<string, number>} failures count per kind of wrong answers, socket errors and timeouts
 * @property {string[]} problems the first few failures, for the message
 * @property {number} elapsedMs
 */

/**
 * Runs `connections` clients, each sending `jobFor(n)` (n counts every request of the run) one after
 * another, until `count` requests were sent or `durationMs` passed, whichever comes first. Every answer is
 * checked; a failure is counted, never thrown, so a soak reports all of them.
 *
 * @param {string} baseUrl
 * @param {{ connections: number, durationMs: number, count?: number, jobFor: (n: number) => Job }} options
 * @returns {Promise<LoadResult>}
 */
export async function runClients(baseUrl, { connections, durationMs, count = Infinity, jobFor }) {
  const agent = keepAlive(connections);
  /** @type {LoadResult} */
  const result = { latencies: new Map(), failures: new Map(), problems: [], elapsedMs: 0 };
  const started = performance.now();
  const deadline = started + durationMs;
  let next = 0;
  const fail = (/** @type {string} */ kind, /** @type {string} */ problem) => {
    result.failures.set(kind, (result.failures.get(kind) ?? 0) + 1);
    if (result.problems.length < 5) result.problems.push(`${kind}: ${problem}`);
  };
  const client = async () => {
    while (next < count && performance.now() < deadline) {
      const job = jobFor(next++);
      const sent = performance.now();
      try {
        const answer = await send(baseUrl, job.call, agent);
        const elapsed = performance.now() - sent;
        const problem = job.check(answer);
        if (problem === undefined) {
          const series = result.latencies.get(job.kind) ?? [];
          series.push(elapsed);
          result.latencies.set(job.kind, series);
        } else fail(job.kind, problem);
      } catch (error) {
        fail(job.kind, error instanceof Error ? error.message : String(error));
      }
    }
  };
  try {
    await Promise.all(Array.from({ length: connections }, client));
  } finally {
    agent.destroy();
  }
  result.elapsedMs = performance.now() - started;
  return result;
}

/**
 * A check: the status, and for a 200 JSON answer that `data` holds `n` images of the kind asked for.
 *
 * @param {number} status
 * @param {{ n?: number, image?: 'b64_json' | 'url' }} [expect]
 * @returns {(answer: Answer) => string | undefined}
 */
export function expectStatus(status, { n = 1, image } = {}) {
  return (answer) => {
    if (answer.status !== status) return `status ${answer.status}: ${answer.body.toString().slice(0, 200)}`;
    if (image === undefined) return undefined;
    const data = /** @type {{ data?: Record<string, unknown>[] }} */ (JSON.parse(answer.body.toString()))
      .data;
    if (!Array.isArray(data) || data.length !== n) return `expected ${n} images, got ${data?.length}`;
    return data.every((entry) => typeof entry[image] === 'string') ? undefined : `an image lacks ${image}`;
  };
}
