import { describe, expect, it, vi } from 'vitest';
import { renderImage, type RenderParams } from '../images/index.js';
import { createRenderPool, RenderQueueFullError, type RenderBackend } from './render-pool.js';
import type { RenderTask } from './render-tasks.js';

const params: RenderParams = {
  model: 'dall-e-2',
  prompt: 'a fox',
  width: 256,
  height: 256,
  quality: 'standard',
  style: 'vivid',
  index: 0,
};
const job = (index = 0) => ({ task: { name: 'image', params: { ...params, index } } as RenderTask });

/** A backend whose jobs finish when the test says so, rendering in this thread. */
function heldBackend() {
  const held: { task: RenderTask; finish: () => void }[] = [];
  let destroyed = false;
  const backend: RenderBackend = {
    run: (task) =>
      new Promise((resolve, reject) =>
        held.push({
          task,
          finish: () => (destroyed ? reject(new Error('destroyed')) : resolve(renderImage(task.params))),
        }),
      ),
    get threads() {
      return destroyed ? 0 : 2;
    },
    destroy: () => ((destroyed = true), held.forEach((entry) => entry.finish()), Promise.resolve()),
  };
  let starts = 0;
  const startBackend = () => (starts++, Promise.resolve(backend));
  return { held, startBackend, starts: () => starts };
}

describe('createRenderPool', () => {
  it('renders in this thread with 0 workers, the bytes renderImage gives', async () => {
    const pool = createRenderPool({ workers: 0, renderQueue: 1 });
    const [png] = pool.runAll([job()]);
    expect((await png)!.equals(renderImage(params))).toBe(true);
    expect(pool.stats()).toMatchObject({ threaded: false, threads: 0, inFlight: 0 });
  });

  it('renders in this thread when the worker file is not there (the TypeScript sources under vitest)', async () => {
    const workerFile = new URL('./no-such-worker.js', import.meta.url);
    const pool = createRenderPool({ workers: 4, renderQueue: 1, workerFile });
    const results = pool.runAll([job(0), job(1)]);
    expect(pool.stats()).toMatchObject({ threaded: false, inFlight: 0 });
    expect((await results[1])!.equals(renderImage({ ...params, index: 1 }))).toBe(true);
  });

  it('starts the backend on the first job, not before, and only once; the first jobs wait for it', async () => {
    const backend = heldBackend();
    const pool = createRenderPool({ workers: 2, renderQueue: 8, startBackend: backend.startBackend });
    expect(backend.starts()).toBe(0);
    const pending = pool.runAll([job(0), job(1)]);
    expect(backend.starts()).toBe(1);
    expect(pool.stats()).toMatchObject({ threaded: true, inFlight: 2, capacity: 8 });
    await pool.warm();
    await new Promise((resolve) => setImmediate(resolve));
    expect(backend.held).toHaveLength(2);
    expect(pool.stats().threads).toBe(2);
    backend.held.forEach((entry) => entry.finish());
    const [first] = await Promise.all(pending);
    expect(first!.equals(renderImage(params))).toBe(true);
    expect(backend.starts()).toBe(1);
    expect(pool.stats().inFlight).toBe(0);
  });

  it('renders here for good, with a warning, when the threads cannot start', async () => {
    const warn = vi.spyOn(process, 'emitWarning').mockImplementation(() => undefined);
    const pool = createRenderPool({
      workers: 2,
      renderQueue: 8,
      startBackend: () => Promise.reject(new Error('no threads here')),
    });
    await pool.warm();
    expect(pool.stats().threaded).toBe(false);
    expect(warn).toHaveBeenCalledWith(expect.stringContaining('no threads here'));
    warn.mockRestore();
    expect((await pool.runAll([job()])[0])!.equals(renderImage(params))).toBe(true);
  });

  it('admits a batch whole or refuses it whole when the queue is full, and frees slots as jobs finish', async () => {
    const backend = heldBackend();
    const pool = createRenderPool({ workers: 1, renderQueue: 3, startBackend: backend.startBackend });
    await pool.warm();
    const first = pool.runAll([job(0), job(1)]);
    expect(() => pool.runAll([job(2), job(3)])).toThrow(RenderQueueFullError);
    expect(pool.stats().inFlight).toBe(2);
    const second = pool.runAll([job(5)]);
    expect(pool.stats().inFlight).toBe(3);
    await new Promise((resolve) => setImmediate(resolve));
    backend.held.forEach((entry) => entry.finish());
    await Promise.all([...first, ...second]);
    expect(pool.stats().inFlight).toBe(0);
  });

  it('lets in a batch larger than the whole queue when nothing is in flight, so every request can run', async () => {
    const backend = heldBackend();
    const pool = createRenderPool({ workers: 1, renderQueue: 2, startBackend: backend.startBackend });
    await pool.warm();
    const big = pool.runAll([job(0), job(1), job(2), job(3)]);
    expect(pool.stats().inFlight).toBe(4);
    expect(() => pool.runAll([job(4)])).toThrow(RenderQueueFullError);
    await new Promise((resolve) => setImmediate(resolve));
    backend.held.forEach((entry) => entry.finish());
    expect(await Promise.all(big)).toHaveLength(4);
  });

  it('ends the threads on close; jobs still in flight reject, later ones too', async () => {
    const backend = heldBackend();
    const pool = createRenderPool({ workers: 2, renderQueue: 8, startBackend: backend.startBackend });
    await pool.warm();
    const [pending] = pool.runAll([job()]);
    await new Promise((resolve) => setImmediate(resolve));
    await pool.close();
    await expect(pending).rejects.toThrow('destroyed');
    expect(pool.stats()).toMatchObject({ threads: 0, inFlight: 0 });
    await expect(pool.runAll([job(1)])[0]).rejects.toThrow('closed');
  });

  it('rejects, rather than throws, for a render that fails in this thread', async () => {
    const pool = createRenderPool({ workers: 0, renderQueue: 1 });
    const [bad] = pool.runAll([
      { task: { name: 'image', params: { ...params, outputFormat: 'gif' as 'png' } } },
    ]);
    await expect(bad).rejects.toThrow(RangeError);
  });
});
