/* global AbortSignal -- a Node 20 global; eslint.config.js declares no Node globals for bench/*.js */
/**
 * Child servers for the benchmark: free ports from the OS, detached spawns killed as whole process groups,
 * and a bounded poll for the first 200. Every child started here is killed on exit, error or signal.
 */
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { performance } from 'node:perf_hooks';
import process from 'node:process';
import { clearTimeout, setTimeout } from 'node:timers';
import { setTimeout as sleep } from 'node:timers/promises';

export const HOST = '127.0.0.1';

/** Failures that make the run meaningless (exit 1), as opposed to missed targets. */
export class BenchError extends Error {
  name = 'BenchError';
}

/**
 * @typedef {object} Child
 * @property {string} name
 * @property {number} port
 * @property {string} url e.g. `http://127.0.0.1:40123`
 * @property {import('node:child_process').ChildProcess} process
 * @property {number} spawnedAt `performance.now()` just before `spawn()`
 * @property {Promise<number | null>} exited resolves with the exit code once the child is gone
 * @property {() => string} stderrTail last few KiB of the child's stderr, for failure messages
 */

/** @type {Set<Child>} */
const live = new Set();

/** Kills every live child synchronously: safe inside `process.on('exit')`. */
export function killAll() {
  for (const child of live) killGroup(child);
}

let cleanupInstalled = false;
/** Kills children however the process ends: normal exit, uncaught error, Ctrl+C or SIGTERM. */
export function installCleanup() {
  if (cleanupInstalled) return;
  cleanupInstalled = true;
  process.on('exit', killAll);
  for (const signal of /** @type {const} */ (['SIGINT', 'SIGTERM', 'SIGHUP'])) {
    process.once(signal, () => {
      killAll();
      process.exit(128 + (signal === 'SIGINT' ? 2 : signal === 'SIGTERM' ? 15 : 1));
    });
  }
}

/** Asks the OS for a free TCP port on 127.0.0.1. */
export function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.once('error', reject);
    server.listen(0, HOST, () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => (port > 0 ? resolve(port) : reject(new BenchError('the OS gave no free port'))));
    });
  });
}

/**
 * Spawns a server as the leader of its own process group (so helpers it forks die with it); with `ipc`,
 * with an IPC channel (`child.process.send`).
 *
 * @param {{ name: string, command: string, args: string[], port: number, cwd: string, ipc?: boolean }} options
 * @returns {Child}
 */
export function startChild({ name, command, args, port, cwd, ipc = false }) {
  const spawnedAt = performance.now();
  /** @type {import('node:child_process').StdioOptions} */
  const stdio = ipc ? ['ignore', 'ignore', 'pipe', 'ipc'] : ['ignore', 'ignore', 'pipe'];
  const proc = spawn(command, args, { cwd, detached: true, stdio });
  let tail = '';
  proc.stderr?.setEncoding('utf8');
  proc.stderr?.on('data', (chunk) => void (tail = (tail + String(chunk)).slice(-4096)));
  /** @type {Child} */
  const child = {
    name,
    port,
    url: `http://${HOST}:${port}`,
    process: proc,
    spawnedAt,
    exited: new Promise((resolve) => {
      proc.once('exit', (code) => resolve(code));
      proc.once('error', (error) => {
        tail += `\nspawn failed: ${error.message}`;
        resolve(null);
      });
    }),
    stderrTail: () => tail.trim(),
  };
  live.add(child);
  void child.exited.then(() => live.delete(child));
  return child;
}

/** @param {Child} child */
function killGroup(child) {
  const { pid } = child.process;
  if (pid === undefined || child.process.exitCode !== null || child.process.signalCode !== null) return;
  try {
    process.kill(-pid, 'SIGKILL');
  } catch {
    try {
      child.process.kill('SIGKILL');
    } catch {
      // already gone
    }
  }
}

/** Kills a child's process group and waits (at most 5 s) until it is gone. */
export async function stopChild(/** @type {Child} */ child) {
  killGroup(child);
  await Promise.race([child.exited, sleep(5000)]);
  live.delete(child);
}

/**
 * Polls until `request()` answers 200, every `intervalMs`, each try cut off after `tryTimeoutMs`.
 * Bounded in tries and in time; fails early if the child exits.
 *
 * @param {Child} child
 * @param {(signal: AbortSignal) => Promise<Response>} request
 * @param {{ intervalMs?: number, tryTimeoutMs?: number, budgetMs?: number }} [options]
 * @returns {Promise<number>} milliseconds from spawn to the first 200
 */
export async function waitForOk(
  child,
  request,
  { intervalMs = 10, tryTimeoutMs = 1000, budgetMs = 30_000 } = {},
) {
  const maxTries = Math.ceil(budgetMs / intervalMs) + 1;
  let exited = false;
  void child.exited.then(() => (exited = true));
  let lastProblem = 'no answer';
  for (let attempt = 0; attempt < maxTries; attempt++) {
    const started = performance.now();
    if (started - child.spawnedAt > budgetMs) break;
    if (exited) throw new BenchError(`${child.name} exited before answering\n${child.stderrTail()}`);
    try {
      const response = await request(AbortSignal.timeout(tryTimeoutMs));
      await response.arrayBuffer();
      if (response.status === 200) return performance.now() - child.spawnedAt;
      lastProblem = `status ${response.status}`;
    } catch (error) {
      lastProblem = error instanceof Error ? error.message : String(error);
    }
    const wait = intervalMs - (performance.now() - started);
    if (wait > 0) await sleep(wait);
  }
  throw new BenchError(
    `${child.name} gave no 200 within ${budgetMs} ms (last: ${lastProblem})\n${child.stderrTail()}`,
  );
}

/** Clock ticks per second of /proc/<pid>/stat's times: 100 on every Linux this runs on (USER_HZ). */
const TICKS_PER_SECOND = 100;

/**
 * CPU milliseconds (user + system) a child has used so far, from /proc, or undefined where there is none.
 * Unlike wall time, it hardly moves when other processes share the cores; its resolution is 10 ms.
 *
 * @param {Child} child
 */
export function cpuMs(child) {
  try {
    const stat = readFileSync(`/proc/${child.process.pid}/stat`, 'utf8');
    // Fields after the command name (which may hold spaces): state is 3rd, utime 14th, stime 15th.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / TICKS_PER_SECOND;
  } catch {
    return undefined;
  }
}

/**
 * Sends `message` over a child's IPC channel and resolves with its next message (at most 10 s).
 *
 * @param {Child} child
 * @param {string} message
 * @returns {Promise<unknown>}
 */
export function ask(child, message) {
  const proc = child.process;
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      proc.off('message', onMessage);
      reject(new BenchError(`${child.name} did not answer '${message}' in 10 s\n${child.stderrTail()}`));
    }, 10_000);
    const onMessage = (/** @type {unknown} */ answer) => {
      clearTimeout(timer);
      resolve(answer);
    };
    proc.once('message', onMessage);
    proc.send(message);
  });
}
