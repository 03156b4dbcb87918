import { errors } from '../errors.js';
import type { ImageParams, RenderParams } from '../images/index.js';
import type { MockOptions } from '../options.js';
import {
  createRenderPool,
  defaultRenderQueue,
  RenderQueueFullError,
  type RenderJob,
  type RenderPool,
  type RenderPoolStats,
  type RenderTaskName,
  type RenderTaskParams,
} from '../pool/index.js';
import { ByteCache } from '../byte-cache.js';
import {
  decodeImageToken,
  decodeRenderToken,
  encodeImageToken,
  encodeRenderToken,
  imageKey,
} from './image-token.js';

/** An image an URL token stands for: its parameters, its identity (the ETag) and, on demand, its bytes. */
export interface StoredImage<Params extends ImageParams = ImageParams> {
  params: Params;
  key: string;
  /** Renders the image, or takes it from the cache. */
  bytes: () => Promise<Buffer>;
}

/**
 * Where generations get their images: each one rendered once, in the worker pool, then served from a
 * cache bounded in bytes; identical requests in flight share one render. URL images are not stored at
 * all: their token carries their parameters, so any replica can draw them.
 *
 * A render the queue has no room for rejects with the real API's 503 (`errors.overloaded`, with
 * `retry-after`), an ApiError the routes answer as is.
 */
export interface ImageStore {
  /** The bytes of one image, rendered or from the cache. */
  render(params: RenderParams): Promise<Buffer>;
  /** The bytes of several images (one request's), admitted to the render queue together or not at all. */
  renderAll(list: readonly RenderParams[]): Promise<Buffer[]>;
  /**
   * Any task of the pool (`RENDER_TASKS` in src/pool/render-tasks.ts), with the same queue, and with the
   * cache and de-duplication when given a `key` that names its result. `transfer` lists buffers of the
   * params to move to the worker rather than copy (they are detached in the caller afterwards).
   */
  renderTask<K extends RenderTaskName>(
    name: K,
    params: RenderTaskParams<K>,
    options?: { key?: string; transfer?: readonly ArrayBuffer[] },
  ): Promise<Buffer>;
  /** The token of an image URL, which `get` turns back into the image. */
  tokenFor(params: ImageParams): string;
  /** The image behind a token, or undefined for one this server cannot have issued. */
  get(token: string): StoredImage | undefined;
  /** The token of any image rendered, in any format: what the admin image route serves. */
  renderTokenFor(params: RenderParams): string;
  /** The image behind a render token (or a URL token), or undefined for one this server cannot have issued. */
  getRendered(token: string): StoredImage<RenderParams> | undefined;
  /** The pool's state: threads, renders in flight, the queue's bound. */
  stats(): RenderPoolStats;
  /** Ends the worker threads. */
  close(): Promise<void>;
}

/** The seconds a client told the queue is full waits: about what the queue takes to drain under load. */
const RETRY_AFTER_SECONDS = 1;

/** One render as the store starts it: the job, and the name of its result in the cache (if cached). */
interface KeyedJob {
  key: string | undefined;
  job: RenderJob;
}

/**
 * Builds the store once per app; the app injects it into the routes that need images. `pool` defaults to
 * one of `workers` threads behind a queue of `renderQueue` renders (or the default for that many workers).
 *
 * @example
 * const images = createImageStore({ cacheBytes: 64 * 1024 * 1024, workers: 2 });
 * const png = await images.render({ model: 'dall-e-2', prompt: 'a fox', width: 256, height: 256, quality: 'standard', style: 'vivid', index: 0 });
 * await images.close();
 */
export function createImageStore(
  options: Pick<MockOptions, 'cacheBytes' | 'workers' | 'renderQueue'>,
  pool: RenderPool = createRenderPool({
    workers: options.workers,
    renderQueue: options.renderQueue ?? defaultRenderQueue(options.workers),
  }),
): ImageStore {
  const cache = new ByteCache(options.cacheBytes);
  const inFlight = new Map<string, Promise<Buffer>>();

  /** Cache hits and renders in flight first; the rest go to the pool together, or the batch is refused. */
  const start = (jobs: readonly KeyedJob[]): Promise<Buffer>[] => {
    const results: (Promise<Buffer> | undefined)[] = [];
    const fresh: { index: number; keyed: KeyedJob }[] = [];
    for (const [index, keyed] of jobs.entries()) {
      const { key } = keyed;
      const hit = key === undefined ? undefined : cache.get(key);
      const shared = key === undefined ? undefined : inFlight.get(key);
      if (hit) results[index] = Promise.resolve(hit);
      else if (shared) results[index] = shared;
      else if (key === undefined || !fresh.some((other) => other.keyed.key === key))
        fresh.push({ index, keyed });
    }
    let started: Promise<Buffer>[];
    try {
      started = pool.runAll(fresh.map(({ keyed }) => keyed.job));
    } catch (error) {
      if (error instanceof RenderQueueFullError) throw errors.overloaded(RETRY_AFTER_SECONDS);
      throw error;
    }
    for (const [position, { index, keyed }] of fresh.entries()) {
      const { key } = keyed;
      const rendering = started[position]!;
      if (key === undefined) {
        results[index] = rendering;
        continue;
      }
      const settled = rendering.then(
        (bytes) => (inFlight.delete(key), cache.set(key, bytes), bytes),
        (error: unknown) => {
          inFlight.delete(key);
          throw error;
        },
      );
      inFlight.set(key, settled);
      results[index] = settled;
    }
    // Duplicates within the batch share the render their first occurrence started.
    return jobs.map(({ key }, index) => results[index] ?? inFlight.get(key!)!);
  };

  const renderAll = async (list: readonly RenderParams[]): Promise<Buffer[]> => {
    const jobs = list.map((params) => ({ key: imageKey(params), job: imageJob(params) }));
    return Promise.all(start(jobs));
  };
  const stored = <Params extends RenderParams>(params: Params): StoredImage<Params> => ({
    params,
    key: imageKey(params),
    bytes: () => renderAll([params]).then(([bytes]) => bytes!),
  });

  return {
    render: (params) => renderAll([params]).then(([bytes]) => bytes!),
    renderAll,
    renderTask: (name, params, { key, transfer } = {}) =>
      Promise.all(start([{ key, job: { task: { name, params }, transfer } }])).then(([bytes]) => bytes!),
    tokenFor: encodeImageToken,
    get(token) {
      const params = decodeImageToken(token);
      return params && stored(params);
    },
    renderTokenFor: encodeRenderToken,
    getRendered(token) {
      const params = decodeRenderToken(token);
      return params && stored(params);
    },
    stats: () => pool.stats(),
    close: () => pool.close(),
  };
}

/** The pool job of one image. */
function imageJob(params: RenderParams): RenderJob {
  return { task: { name: 'image', params } };
}
