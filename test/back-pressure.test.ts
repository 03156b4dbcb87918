import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { resolveOptions } from '../src/config.js';
import { createFaultPolicy } from '../src/faults/index.js';
import { createImageStore } from '../src/generations/image-store.js';
import { createApp } from '../src/http/create-app.js';
import { renderImage, type RenderParams } from '../src/images/index.js';
import { createJournal } from '../src/journal/index.js';
import { createRenderPool, type RenderBackend, type RenderTask } from '../src/pool/index.js';
import { AUTH, bundledSpec } from './helpers.js';

/**
 * An app whose worker renders finish when the test says so (rendered in this thread), so what is in
 * flight, and when, is decided here rather than by the machine's speed.
 */
async function heldApp(renderQueue: number) {
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
  const options = resolveOptions({ workers: 1, renderQueue });
  const pool = createRenderPool({ workers: 1, renderQueue, startBackend: () => Promise.resolve(backend) });
  await pool.warm();
  const store = createImageStore(options, pool);
  let calls = 0;
  const images = { ...store, renderAll: (list: RenderParams[]) => (calls++, store.renderAll(list)) };
  const deps = {
    spec: await bundledSpec(),
    images,
    faults: createFaultPolicy(options, () => 0),
    journal: createJournal(options.journalSize),
    now: () => 1_764_000_000_000,
  };
  const app = createApp(deps, options);
  const inFlight = async (count: number): Promise<void> => {
    while (images.stats().inFlight < count) await new Promise((resolve) => setTimeout(resolve, 2));
  };
  /** Resolves once `count` requests have asked the store for their images. */
  const asked = async (count: number): Promise<void> => {
    while (calls < count) await new Promise((resolve) => setTimeout(resolve, 2));
  };
  const finish = (): void => held.splice(0).forEach((release) => release());
  return { app, tasks, inFlight, asked, finish };
}

const body = { model: 'gpt-image-1', prompt: 'a lighthouse', size: '1024x1024', quality: 'low', n: 2 };
const post = (app: Parameters<typeof request>[0], payload: object) =>
  request(app).post('/v1/images/generations').set(AUTH).send(payload);

describe('the render queue', () => {
  it("answers past its bound with the real API's 503 in the envelope, with retry-after, and no image drawn", async () => {
    const { app, tasks, inFlight, finish } = await heldApp(3);
    const first = post(app, body).then((res) => res);
    await inFlight(2);
    const refused = await post(app, { ...body, prompt: 'another lighthouse' });
    expect(refused.status).toBe(503);
    expect(refused.headers['retry-after']).toBe('1');
    expect(refused.headers['content-type']).toBe('application/json');
    expect(refused.body).toEqual({
      error: {
        message: 'The engine is currently overloaded, please try again later.',
        type: 'server_error',
        param: null,
        code: null,
      },
    });
    // A stream is refused before it starts, not cut short.
    const stream = await post(app, { ...body, prompt: 'a third', stream: true, partial_images: 1 });
    expect(stream.status).toBe(503);
    expect(stream.headers['content-type']).toBe('application/json');
    expect(tasks.map((task) => task.params.prompt)).toEqual(['a lighthouse', 'a lighthouse']);
    finish();
    expect((await first).status).toBe(200);
    // With the queue drained, the same request goes through.
    const again = post(app, { ...body, prompt: 'another lighthouse' }).then((res) => res);
    await inFlight(2);
    finish();
    expect((await again).status).toBe(200);
  });

  it('renders identical requests in flight once', async () => {
    const { app, tasks, asked, finish } = await heldApp(64);
    const answers = Array.from({ length: 5 }, () => post(app, body).then((res) => res));
    await asked(5);
    expect(tasks).toHaveLength(2);
    finish();
    const texts = (await Promise.all(answers)).map((res) => (res.body as { data: unknown }).data);
    expect(new Set(texts.map((data) => JSON.stringify(data))).size).toBe(1);
    expect(tasks).toHaveLength(2);
  });
});
