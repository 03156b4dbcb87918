import { describe, expect, it } from 'vitest';
import { ApiError } from '../errors.js';
import { renderImage, type ImageParams, type RenderParams } from '../images/index.js';
import { createRenderPool, type RenderBackend, type RenderTask } from '../pool/index.js';
import { createImageStore } from './image-store.js';
import { imageKey } from './image-token.js';

const params: ImageParams = {
  model: 'dall-e-2',
  prompt: 'a fox',
  width: 256,
  height: 256,
  quality: 'standard',
  style: 'vivid',
  index: 0,
};
const gptImage: RenderParams = { ...params, model: 'gpt-image-1', width: 1024, height: 1024, quality: 'low' };
const options = { cacheBytes: 1024 * 1024, workers: 0 };

/** A pool whose worker jobs finish when the test says so (rendered in this thread), counting them. */
async function heldPool(renderQueue = 8) {
  const held: (() => void)[] = [];
  const tasks: RenderTask[] = [];
  const backend: RenderBackend = {
    run: (task) =>
      new Promise((resolve) => {
        tasks.push(task);
        held.push(() => resolve(renderImage(task.params)));
      }),
    threads: 1,
    destroy: () => Promise.resolve(),
  };
  const pool = createRenderPool({ workers: 1, renderQueue, startBackend: () => Promise.resolve(backend) });
  await pool.warm();
  const finish = async (): Promise<void> => {
    await new Promise((resolve) => setImmediate(resolve));
    held.splice(0).forEach((release) => release());
  };
  return { pool, tasks, finish };
}

describe('createImageStore', () => {
  it('renders the same bytes as renderImage, once per image', async () => {
    const images = createImageStore(options);
    const first = await images.render(params);
    expect(first.equals(renderImage(params))).toBe(true);
    expect(await images.render({ ...params })).toBe(first);
  });

  it('turns an issued token back into the image, with its key and the cached bytes', async () => {
    const images = createImageStore(options);
    const stored = images.get(images.tokenFor(params));
    expect(stored?.params).toEqual(params);
    expect(stored?.key).toBe(imageKey(params));
    expect(await stored?.bytes()).toBe(await images.render(params));
  });

  it('knows nothing of a token it cannot have issued', () => {
    expect(createImageStore({ ...options, cacheBytes: 0 }).get('not-a-token')).toBeUndefined();
  });

  it('renders identical images in flight once, for every caller, and then from the cache', async () => {
    const { pool, tasks, finish } = await heldPool();
    const images = createImageStore(options, pool);
    const callers = Array.from({ length: 5 }, () => images.render({ ...gptImage }));
    const batch = images.renderAll([gptImage, { ...gptImage, index: 1 }, gptImage]);
    await finish();
    const [first, ...others] = await Promise.all(callers);
    const [zero, one, again] = await batch;
    for (const other of [...others, zero, again]) expect(other).toBe(first);
    expect(one!.equals(renderImage({ ...gptImage, index: 1 }))).toBe(true);
    expect(tasks.map((task) => task.params.index)).toEqual([0, 1]);
    expect(await images.render(gptImage)).toBe(first);
    expect(tasks).toHaveLength(2);
  });

  it("refuses a batch the queue has no room for with the real API's 503 and retry-after, rendering none of it", async () => {
    const { pool, tasks, finish } = await heldPool(3);
    const images = createImageStore(options, pool);
    const admitted = images.renderAll([gptImage, { ...gptImage, index: 1 }]);
    const refused = images.renderAll([2, 3].map((index) => ({ ...gptImage, index })));
    await expect(refused).rejects.toBeInstanceOf(ApiError);
    const error = (await refused.catch((thrown: unknown) => thrown)) as ApiError;
    expect(error.status).toBe(503);
    expect(error.headers).toEqual({ 'retry-after': '1' });
    expect(error.toBody()).toMatchObject({ error: { type: 'server_error', code: null } });
    // Images in flight or cached take no slot: the same request again joins the renders in flight.
    const joined = images.renderAll([gptImage, { ...gptImage, index: 1 }]);
    await finish();
    await Promise.all([admitted, joined]);
    expect(tasks.map((task) => task.params.index)).toEqual([0, 1]);
    expect(pool.stats().inFlight).toBe(0);
  });

  it('runs any task of the pool by name, cached under the key it is given', async () => {
    const { pool, tasks, finish } = await heldPool();
    const images = createImageStore(options, pool);
    const first = images.renderTask('image', gptImage, { key: 'mine' });
    await finish();
    const bytes = await first;
    expect(bytes.equals(renderImage(gptImage))).toBe(true);
    expect(await images.renderTask('image', { ...gptImage, index: 5 }, { key: 'mine' })).toBe(bytes);
    expect(tasks).toHaveLength(1);
  });
});
