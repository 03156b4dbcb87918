import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { runTaskHere, WARM_UP_TASK, type RenderTask } from './render-tasks.js';

/**
 * One render for the pool: a task, and what to transfer to the worker. Every job goes to the workers:
 * measured, the hop costs about 0.3 ms of CPU and the smallest image (256x256) about 1 ms to render, so
 * no render is cheaper than the hop; only cache hits stay on the event loop, and never reach the pool.
 */
export interface RenderJob {
  task: RenderTask;
  /**
   * Buffers of the params to move to the worker instead of copying them (e.g. an input raster). Once
   * given, they belong to the pool: detached in the caller when the job runs in a worker.
   */
  transfer?: readonly ArrayBuffer[];
}

/** Where pooled jobs run: worker threads (piscina), or, in tests, anything of the same shape. */
export interface RenderBackend {
  run(task: RenderTask, transfer: readonly ArrayBuffer[]): Promise<Uint8Array>;
  /** Threads alive now. */
  readonly threads: number;
  /** Ends every thread; jobs not done reject. */
  destroy(): Promise<void>;
}

export interface RenderPoolOptions {
  /** Worker threads; 0 renders in this thread. */
  workers: number;
  /** Jobs waiting or rendering in the workers at most; past it, `runAll` refuses. */
  renderQueue: number;
  /** The worker's entry file; default `render-worker.js` beside this module. */
  workerFile?: URL;
  /** How to start the backend; default a piscina pool on `workerFile`. For tests. */
  startBackend?: () => Promise<RenderBackend>;
}

export interface RenderPoolStats {
  /**
   * Whether jobs go to worker threads: false with 0 workers, when the worker file is missing, or when the
   * threads failed to start.
   */
  threaded: boolean;
  /** Threads alive now (0 until the first pooled job, and after `close`). */
  threads: number;
  /** Jobs admitted to the workers and not yet done (waiting or rendering). */
  inFlight: number;
  /** The bound on `inFlight`. */
  capacity: number;
}

export interface RenderPool {
  /**
   * Starts every job, or none: throws RenderQueueFullError when the jobs do not fit in the queue (a
   * batch is let in whatever its size when nothing is in flight, so any batch can run). When not
   * threaded, the jobs render here before this returns.
   */
  runAll(jobs: readonly RenderJob[]): Promise<Buffer>[];
  /**
   * Starts the workers if they are not started and resolves once they take jobs. Not needed: the first
   * job starts them (and waits for them).
   */
  warm(): Promise<void>;
  stats(): RenderPoolStats;
  /** Ends the worker threads (started lazily, so maybe none); jobs still in flight reject. */
  close(): Promise<void>;
}

/** The render queue is full: the caller answers 503 and asks the client to retry. */
export class RenderQueueFullError extends Error {
  override readonly name = 'RenderQueueFullError';
}

/**
 * The queue's bound when not given: 32 renders per worker. Enough that a request of the largest batch
 * (n=10 with 3 partial images each, 40 renders) usually fits beside others, and small enough that what
 * waits stays a few seconds of work and its finished bytes a bounded amount of memory.
 */
export function defaultRenderQueue(workers: number): number {
  return 32 * Math.max(1, workers);
}

/** How much lower than the event loop's the workers' scheduling priority is (`nice`). */
const WORKER_NICE_INCREMENT = 10;

/** The built worker beside this module: `dist/pool/render-worker.js`. */
const DEFAULT_WORKER_FILE = new URL('./render-worker.js', import.meta.url);

/**
 * A pool of worker threads that render, behind a bounded queue. Threads start on the first job that
 * needs one (piscina itself is loaded then), so starting the server and answering requests that render
 * nothing cost the same as without a pool; the first renders wait for them (a few hundred milliseconds
 * on an idle machine) rather than hold the event loop.
 *
 * Where the worker runs from: piscina loads its entry by path, and Node runs JavaScript only, so the pool
 * needs the built `render-worker.js` beside this module. Run from `dist/` (the CLI, the package) it is
 * there. Run from the TypeScript sources (vitest, whose own loader compiles them in process but not in
 * worker threads) it is not, and the pool renders in this thread instead, as with `workers: 0`: the same
 * bytes (rendering is a pure function), only not in parallel. Tests of the threads point `workerFile` at
 * the built file.
 *
 * @example
 * const pool = createRenderPool({ workers: 2, renderQueue: 64 });
 * const [png] = pool.runAll([{ task: { name: 'image', params } }]);
 * await png; await pool.close();
 */
export function createRenderPool(options: RenderPoolOptions): RenderPool {
  const workerFile = options.workerFile ?? DEFAULT_WORKER_FILE;
  let threaded =
    options.workers > 0 && (options.startBackend !== undefined || existsSync(fileURLToPath(workerFile)));
  const startBackend =
    options.startBackend ?? (() => startPiscina(fileURLToPath(workerFile), options.workers));
  let starting: Promise<RenderBackend | undefined> | undefined;
  let ready: RenderBackend | undefined;
  let closed = false;
  let inFlight = 0;

  const start = (): Promise<RenderBackend | undefined> =>
    (starting ??= startBackend().then(
      (backend) => (ready = backend),
      (error: unknown) => {
        threaded = false;
        process.emitWarning(`render workers could not start, rendering on the event loop: ${String(error)}`);
        return undefined;
      },
    ));

  /** Runs a job in the workers once they are up; if they failed to start, here. */
  const runPooled = (backend: Promise<RenderBackend | undefined>, job: RenderJob): Promise<Buffer> => {
    inFlight++;
    return backend
      .then((up) => (up ? up.run(job.task, job.transfer ?? []) : runHere(job.task)))
      .then(
        (bytes) => (inFlight--, Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)),
        (error: unknown) => {
          inFlight--;
          throw error;
        },
      );
  };

  return {
    runAll(jobs) {
      if (closed) return jobs.map(() => Promise.reject(new Error('The render pool is closed')));
      if (!threaded) return jobs.map((job) => runHere(job.task));
      if (inFlight > 0 && inFlight + jobs.length > options.renderQueue) {
        throw new RenderQueueFullError(
          `${inFlight} renders in flight; ${jobs.length} more would pass the queue's ${options.renderQueue}`,
        );
      }
      // The first jobs wait for the workers to start rather than render here: a burst of large images
      // at start-up would otherwise hold the event loop for seconds.
      const backend = start();
      return jobs.map((job) => runPooled(backend, job));
    },
    warm: async () => void (threaded && !closed ? await start() : undefined),
    stats: () => ({
      threaded,
      threads: ready?.threads ?? 0,
      inFlight,
      capacity: options.renderQueue,
    }),
    async close() {
      closed = true;
      // Threads still starting are ended once started.
      const backend = ready ?? (await starting);
      await backend?.destroy();
    },
  };
}

/** A job rendered in this thread, as a settled promise so callers treat both paths alike. */
function runHere(task: RenderTask): Promise<Buffer> {
  try {
    const bytes = runTaskHere(task);
    return Promise.resolve(Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes));
  } catch (error) {
    return Promise.reject(error instanceof Error ? error : new Error(String(error)));
  }
}

/**
 * A piscina pool of `workers` threads, all started now and kept (rendering is steady work), ready once
 * a small render per worker has come back (the first loads the renderer, which takes a moment).
 */
async function startPiscina(filename: string, workers: number): Promise<RenderBackend> {
  const { Piscina } = await import('piscina');
  const pool = new Piscina<RenderTask, Uint8Array>({
    filename,
    minThreads: workers,
    maxThreads: workers,
    idleTimeout: Number.POSITIVE_INFINITY,
    concurrentTasksPerWorker: 1,
    // The workers yield the CPU to the event loop (Linux; elsewhere a no-op): when every core is busy,
    // /health and cache hits still answer in milliseconds (measured while 4K renders ran on a saturated
    // 2-core machine: /health p99 765 ms at the same priority, 43 ms at +10), and renders take as long.
    niceIncrement: WORKER_NICE_INCREMENT,
  });
  try {
    await Promise.all(Array.from({ length: workers }, () => pool.run(WARM_UP_TASK)));
  } catch (error) {
    await pool.destroy();
    throw error;
  }
  return {
    run: (task, transfer) => pool.run(task, { transferList: [...transfer] }),
    get threads() {
      return pool.threads.length;
    },
    destroy: () => pool.destroy(),
  };
}
