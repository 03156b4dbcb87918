/* global fetch -- Node 20 global; eslint.config.js declares no Node globals for bench/*.js */
/** The two servers under comparison: how to spawn each and how to tell it is ready. */
import { existsSync } from 'node:fs';
import process from 'node:process';
import { fileURLToPath, URL } from 'node:url';
import { GENERATIONS_PATH, REQUEST_HEADERS } from './measure.js';
import { BenchError, freePort, startChild, stopChild, waitForOk } from './processes.js';

export const ROOT = fileURLToPath(new URL('..', import.meta.url));
const OUR_CLI = fileURLToPath(new URL('../dist/cli.js', import.meta.url));
const PRISM_BIN = fileURLToPath(new URL('../node_modules/.bin/prism', import.meta.url));
const SPEC = fileURLToPath(new URL('../openapi.yaml', import.meta.url));

/** The url-mode request both servers must answer with 200 (Prism checks the Bearer scheme). */
export const URL_MODE_BODY = { prompt: 'a lighthouse at dawn, benchmark', size: '1024x1024' };

/**
 * @typedef {object} ServerKind
 * @property {string} name
 * @property {(port: number) => { command: string, args: string[] }} command
 * @property {(baseUrl: string, signal: AbortSignal) => Promise<Response>} ready a request that answers 200
 *   once the server is up
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

/** @type {ServerKind} */
export const OURS = {
  name: 'imagegen-mock',
  command: (port) => ({ command: process.execPath, args: [OUR_CLI, '--port', String(port), '--quiet'] }),
  ready: firstGeneration,
};

/** @type {ServerKind} */
export const PRISM = {
  name: 'prism mock',
  command: (port) => ({ command: PRISM_BIN, args: ['mock', SPEC, '-p', String(port), '-h', '127.0.0.1'] }),
  ready: firstGeneration,
};

/** Fails with a clear message when `npm run build` or `npm install` has not run. */
export function checkInstalled() {
  for (const file of [OUR_CLI, PRISM_BIN]) {
    if (!existsSync(file)) throw new BenchError(`${file} is missing: run 'npm install' and 'npm run build'`);
  }
}

/**
 * Spawns a server on a free port and resolves once it answers 200.
 *
 * @param {ServerKind} kind
 * @returns {Promise<{ child: import('./processes.js').Child, readyMs: number }>}
 */
export async function startServer(kind) {
  const port = await freePort();
  const child = startChild({ name: kind.name, port, cwd: ROOT, ...kind.command(port) });
  try {
    const readyMs = await waitForOk(child, (signal) => kind.ready(child.url, signal));
    return { child, readyMs };
  } catch (error) {
    await stopChild(child);
    throw error;
  }
}

/** Milliseconds from `spawn()` to the first 200, then the server is killed. */
export async function timeStartup(/** @type {ServerKind} */ kind) {
  const { child, readyMs } = await startServer(kind);
  await stopChild(child);
  return readyMs;
}
