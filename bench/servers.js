/* global fetch -- Node 20 global; eslint.config.js declares no Node globals for bench/*.js */
/** The servers under comparison: how to spawn each and how to tell it is ready. */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import process from 'node:process';
import { fileURLToPath, URL } from 'node:url';
import { GENERATIONS_PATH, REQUEST_HEADERS } from './load.js';
import { BenchError, cpuMs as cpuMsOf, freePort, startChild, stopChild, waitForOk } from './processes.js';

export const ROOT = fileURLToPath(new URL('..', import.meta.url));
const OUR_CLI = fileURLToPath(new URL('../dist/cli.js', import.meta.url));
const PRISM_BIN = fileURLToPath(new URL('../node_modules/.bin/prism', import.meta.url));
const SPEC = fileURLToPath(new URL('../openapi.yaml', import.meta.url));
const BARE_SERVER = fileURLToPath(new URL('./bare-server.js', import.meta.url));
const INSTRUMENTED_SERVER = fileURLToPath(new URL('./instrumented-server.js', import.meta.url));

/** The url-mode request both servers must answer with 200 (Prism checks the Bearer scheme). */
export const URL_MODE_BODY = { prompt: 'a lighthouse at dawn, benchmark', size: '1024x1024' };

/**
 * @typedef {object} ServerKind
 * @property {string} name
 * @property {(port: number) => { command: string, args: string[] }} command
 * @property {(baseUrl: string, signal: AbortSignal) => Promise<Response>} ready a request that answers 200
 *   once the server is up
 * @property {boolean} [ipc] spawned with an IPC channel
 */

/**
 * Both servers are ready when the same generation request answers 200: the first real answer, not a
 * health check that could come before the validators are loaded.
 *
 * @param {string} baseUrl
 * @param {AbortSignal} signal
 */
const firstGeneration = (baseUrl, signal) =>
  fetch(`${baseUrl}${GENERATIONS_PATH}`, {
    method: 'POST',
    headers: REQUEST_HEADERS,
    body: JSON.stringify(URL_MODE_BODY),
    signal,
  });

/**
 * The mock's CLI, with extra flags (`--workers 2`, ...).
 *
 * @param {string[]} [flags]
 * @returns {ServerKind}
 */
export const ours = (flags = []) => ({
  name: ['imagegen-mock', ...flags].join(' '),
  command: (port) => ({
    command: process.execPath,
    args: [OUR_CLI, '--port', String(port), '--quiet', ...flags],
  }),
  ready: firstGeneration,
});

/** @type {ServerKind} */
export const OURS = ours();

/** @type {ServerKind} */
export const PRISM = {
  name: 'prism mock',
  command: (port) => ({ command: PRISM_BIN, args: ['mock', SPEC, '-p', String(port), '-h', '127.0.0.1'] }),
  ready: firstGeneration,
};

/**
 * The mock through `startServer` in a process that reports its event loop's delay and its memory over IPC
 * (bench/instrumented-server.js).
 *
 * @param {Record<string, unknown>} [options] given to startServer
 * @returns {ServerKind}
 */
export const instrumented = (options = {}) => ({
  name: 'imagegen-mock (instrumented)',
  command: (port) => ({
    command: process.execPath,
    args: ['--expose-gc', INSTRUMENTED_SERVER, String(port), JSON.stringify(options)],
  }),
  ready: firstGeneration,
  ipc: true,
});

/**
 * A bare `node:http` server answering every request with `body` (bench/bare-server.js). The body goes
 * through a temporary file, removed once the server has read it.
 *
 * @param {string} name
 * @param {Buffer | string} body
 * @param {string} [contentType]
 * @returns {Promise<{ child: import('./processes.js').Child, readyMs: number }>}
 */
export async function startBare(name, body, contentType = 'application/json') {
  const dir = mkdtempSync(join(tmpdir(), 'imagegen-bench-'));
  const file = join(dir, 'body');
  writeFileSync(file, body);
  try {
    return await startServer({
      name,
      command: (port) => ({
        command: process.execPath,
        args: [BARE_SERVER, String(port), file, contentType],
      }),
      ready: firstGeneration,
    });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Fails with a clear message when `npm run build` or `npm install` has not run. */
export function checkInstalled() {
  for (const file of [OUR_CLI, PRISM_BIN]) {
    if (!existsSync(file)) throw new BenchError(`${file} is missing: run 'npm install' and 'npm run build'`);
  }
}

/** Whether the built CLI has a flag (`--workers`), from its help: measurements that need one skip without. */
export function cliHasFlag(/** @type {string} */ flag) {
  const help = execFileSync(process.execPath, [OUR_CLI, '--help'], { encoding: 'utf8', timeout: 10_000 });
  return new RegExp(`(^|\\s)${flag}(\\s|=|$)`, 'm').test(help);
}

/**
 * Spawns a server on a free port and resolves once it answers 200.
 *
 * @param {ServerKind} kind
 * @returns {Promise<{ child: import('./processes.js').Child, readyMs: number }>}
 */
export async function startServer(kind) {
  const port = await freePort();
  const child = startChild({ name: kind.name, port, cwd: ROOT, ipc: kind.ipc, ...kind.command(port) });
  try {
    const readyMs = await waitForOk(child, (signal) => kind.ready(child.url, signal));
    return { child, readyMs };
  } catch (error) {
    await stopChild(child);
    throw error;
  }
}

/** Milliseconds from `spawn()` to the first 200, and the CPU the server used until then; then it is killed. */
export async function timeStartup(/** @type {ServerKind} */ kind) {
  const { child, readyMs } = await startServer(kind);
  const cpu = cpuMsOf(child);
  await stopChild(child);
  return { readyMs, cpuMs: cpu };
}
