import * as threads from 'node:worker_threads';
import { renderEdit, renderImage } from '../images/index.js';

/**
 * The pure render functions the pool runs, by name. Each takes structured-cloneable params (plain data;
 * typed arrays such as RGBA rasters are fine and can be transferred rather than copied) and returns the
 * bytes. The worker and the in-process path look tasks up here, so a new one is one entry, and
 * `images.renderTask(name, params, ...)` runs it in the pool.
 */
export const RENDER_TASKS = {
  image: renderImage,
  edit: renderEdit,
} as const satisfies Record<string, (params: never) => Uint8Array>;

export type RenderTaskName = keyof typeof RENDER_TASKS;
export type RenderTaskParams<K extends RenderTaskName> = Parameters<(typeof RENDER_TASKS)[K]>[0];

/** One task as it crosses to a worker: the function's name and its params. */
export interface RenderTask<K extends RenderTaskName = RenderTaskName> {
  name: K;
  params: RenderTaskParams<K>;
}

/** What each new worker renders once before it counts as ready: small, and it loads the whole renderer. */
export const WARM_UP_TASK: RenderTask<'image'> = {
  name: 'image',
  params: {
    model: 'dall-e-2',
    prompt: 'warm-up',
    width: 256,
    height: 256,
    quality: 'standard',
    style: 'vivid',
    index: 0,
  },
};

/** Runs a task in this thread. A pure function of the task, so the bytes are those a worker gives. */
export function runTaskHere(task: RenderTask): Uint8Array {
  const render = RENDER_TASKS[task.name] as (params: unknown) => Uint8Array;
  return render(task.params);
}

/**
 * The bytes in an ArrayBuffer of their own, which can be transferred without touching anything else: a
 * small Buffer may be a slice of Node's shared allocation pool, which Node marks untransferable (Node 21 and
 * later refuse to transfer it; Node 20 would detach the pool). Anything else is copied into a new array
 * (not `Buffer#slice`, which is a view of the same memory).
 */
export function ownedBytes(bytes: Uint8Array): Uint8Array {
  const { buffer } = bytes;
  const whole = bytes.byteOffset === 0 && bytes.byteLength === buffer.byteLength;
  if (whole && buffer instanceof ArrayBuffer && !isUntransferable(buffer)) return bytes;
  const copy = new Uint8Array(bytes.byteLength);
  copy.set(bytes);
  return copy;
}

/** `isMarkedAsUntransferable` of node:worker_threads (Node 21+); on Node 20, whether a Buffer pool shows. */
function isUntransferable(buffer: ArrayBuffer): boolean {
  const check = (threads as { isMarkedAsUntransferable?: (value: object) => boolean })
    .isMarkedAsUntransferable;
  return check === undefined ? buffer.byteLength === Buffer.poolSize : check(buffer);
}
