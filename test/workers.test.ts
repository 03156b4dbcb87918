import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolveOptions } from '../src/config.js';
import { createFaultPolicy } from '../src/faults/index.js';
import { createImageStore, type ImageStore } from '../src/generations/image-store.js';
import { createApp } from '../src/http/create-app.js';
import type { RenderParams } from '../src/images/index.js';
import { createJournal } from '../src/journal/index.js';
import { createRenderPool } from '../src/pool/index.js';
import { runCli, startCli, type ServingCli } from './cli-process.js';
import { AUTH, bundledSpec } from './helpers.js';

/**
 * The worker threads for real: the built worker (dist/, which `npm test` builds first) run by piscina,
 * driven from the sources. Under vitest the pool finds no worker beside src/pool/render-pool.ts and would
 * render in process, so these tests name the built one.
 */
const WORKER_FILE = new URL('../dist/pool/render-worker.js', import.meta.url);

interface GoldenImage {
  params: RenderParams;
  sha256: string;
}
const GOLDEN = JSON.parse(
  readFileSync(new URL('../fixtures/golden-images.json', import.meta.url), 'utf8'),
) as GoldenImage[];

const sha256 = (bytes: Buffer): string => createHash('sha256').update(bytes).digest('hex');

describe('the render pool with worker threads', () => {
  it('renders every golden image byte for byte, in the workers, and ends its threads on close', async () => {
    const pool = createRenderPool({ workers: 2, renderQueue: GOLDEN.length, workerFile: WORKER_FILE });
    await pool.warm();
    expect(pool.stats()).toMatchObject({ threaded: true, threads: 2 });
    const rendered = pool.runAll(GOLDEN.map(({ params }) => ({ task: { name: 'image', params } })));
    expect(pool.stats().inFlight).toBe(GOLDEN.length);
    const hashes = (await Promise.all(rendered)).map(sha256);
    expect(hashes).toEqual(GOLDEN.map((golden) => golden.sha256));
    await pool.close();
    expect(pool.stats()).toMatchObject({ threads: 0, inFlight: 0 });
  });
});

describe('a server rendering in worker threads', () => {
  let server: Server;
  let base: string;
  let images: ImageStore;

  beforeAll(async () => {
    const options = resolveOptions({ workers: 2 });
    const pool = createRenderPool({ workers: 2, renderQueue: 64, workerFile: WORKER_FILE });
    images = createImageStore(options, pool);
    await pool.warm();
    const deps = {
      spec: await bundledSpec(),
      images,
      faults: createFaultPolicy(options, Date.now),
      journal: createJournal(options.journalSize),
      now: Date.now,
    };
    server = createServer(createApp(deps, options));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
    await images.close();
  });

  const generate = (body: object): Promise<Response> =>
    fetch(`${base}/v1/images/generations`, {
      method: 'POST',
      headers: { ...AUTH, 'content-type': 'application/json' },
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(60_000),
    });

  it('answers /health and a cached request while large renders are still in flight', async () => {
    const small = { model: 'gpt-image-1', prompt: 'cached', size: '1024x1024', quality: 'low' };
    expect((await generate(small)).status).toBe(200);
    // 3840x2160 n=4 requests: renders of the largest legal size, JPEG (the slowest codec).
    const large = Array.from({ length: 3 }, (_, index) =>
      generate({
        model: 'gpt-image-2',
        prompt: `a harbour at night ${index}`,
        size: '3840x2160',
        n: 4,
        output_format: 'jpeg',
      }),
    );
    while (images.stats().inFlight < 4) await new Promise((resolve) => setTimeout(resolve, 5));

    const health = await fetch(`${base}/health`, { signal: AbortSignal.timeout(10_000) });
    const stillRendering = images.stats().inFlight;
    const cached = await generate(small);
    const stillRenderingAfterCached = images.stats().inFlight;

    expect(health.status).toBe(200);
    expect(cached.status).toBe(200);
    expect(stillRendering).toBeGreaterThan(0);
    expect(stillRenderingAfterCached).toBeGreaterThan(0);
    const answers = await Promise.all(large);
    expect(answers.map((answer) => answer.status)).toEqual(Array(3).fill(200));
    const body = (await answers[0]!.json()) as { data: { b64_json: string }[] };
    const jpeg = Buffer.from(body.data[3]!.b64_json, 'base64');
    expect(jpeg.subarray(0, 2).toString('hex')).toBe('ffd8');
  }, 60_000);
});

describe('imagegen-mock --workers', () => {
  // Stopped here too, so a test that times out leaves no server behind.
  const started: ServingCli[] = [];
  afterAll(() => Promise.all(started.map((cli) => cli.stop())));

  it.each([['-1'], ['two'], ['1.5'], ['257']])(
    'refuses --workers %s with one line and exit code 2',
    async (value) => {
      const run = await runCli([`--workers=${value}`]);
      expect(run.code).toBe(2);
      expect(run.stderr).toMatch(
        /^imagegen-mock: --workers must be a whole number from 0 to 256, got '.*'\. See 'imagegen-mock --help'\.\n$/,
      );
    },
  );

  it('refuses a bad IMAGEGEN_MOCK_WORKERS and --render-queue 0 the same way', async () => {
    const env = await runCli([], { IMAGEGEN_MOCK_WORKERS: 'all' });
    expect(env.code).toBe(2);
    expect(env.stderr).toContain("IMAGEGEN_MOCK_WORKERS must be a whole number from 0 to 256, got 'all'");
    const queue = await runCli(['--render-queue', '0']);
    expect(queue.code).toBe(2);
    expect(queue.stderr.split('\n')).toHaveLength(2);
  });

  it('stops on SIGTERM with exit code 0 after rendering with --workers 2', async () => {
    const cli = await startCli(process.execPath, [
      new URL('../dist/cli.js', import.meta.url).pathname,
      '--port',
      '0',
      '--quiet',
      '--workers',
      '2',
    ]);
    started.push(cli);
    try {
      const body = { model: 'gpt-image-2', prompt: 'stop', size: '3840x2160', n: 2 };
      // The first renders start the workers (and render in process meanwhile); later ones use them.
      for (let round = 0; round < 3; round++) {
        if (round === 1) await new Promise((resolve) => setTimeout(resolve, 1500));
        const answers = await Promise.all(
          [0, 1].map((index) =>
            fetch(`${cli.url}/v1/images/generations`, {
              method: 'POST',
              headers: { ...AUTH, 'content-type': 'application/json' },
              body: JSON.stringify({ ...body, prompt: `stop ${round} ${index}` }),
              signal: AbortSignal.timeout(60_000),
            }),
          ),
        );
        expect(answers.map((answer) => answer.status)).toEqual([200, 200]);
      }
    } finally {
      expect(await cli.stop()).toBe(0);
    }
  }, 60_000);
});
