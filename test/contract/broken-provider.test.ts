import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../../src/http/start-server.js';
import { decodePng, PNG_SIGNATURE } from '../helpers.js';
import { startBrokenProvider, type BrokenProvider, type Deviation } from './broken-provider.js';

/** The broken provider does what each flag says, before any contract check relies on it. */

const KEY = 'sk-contract-test';
let upstream: RunningServer;

beforeAll(async () => {
  upstream = await startServer({ port: 0, host: '127.0.0.1', apiKeys: [KEY], shutdownTimeoutMs: 1_000 });
});
afterAll(() => upstream.close());

async function withProvider(
  deviations: Deviation[],
  use: (provider: BrokenProvider) => Promise<void>,
): Promise<void> {
  const provider = await startBrokenProvider(deviations, { upstream: upstream.url, apiKey: KEY });
  try {
    await use(provider);
    expect(provider.faults).toEqual([]);
  } finally {
    await provider.close();
  }
}

interface Generated {
  status: number;
  headers: Headers;
  json: { created?: unknown; data?: { b64_json?: string; url?: string }[]; error?: unknown };
}

async function generate(
  provider: BrokenProvider,
  body: Record<string, unknown>,
  key: string | undefined = provider.apiKey,
): Promise<Generated> {
  const response = await fetch(`${provider.baseUrl}/images/generations`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(key ? { authorization: `Bearer ${key}` } : {}) },
    body: JSON.stringify({ model: 'dall-e-2', prompt: 'a red circle', size: '256x256', ...body }),
    signal: AbortSignal.timeout(5_000),
  });
  const text = await response.text();
  return { status: response.status, headers: response.headers, json: JSON.parse(text) as Generated['json'] };
}

function firstImage(generated: Generated): Buffer {
  return Buffer.from(generated.json.data?.[0]?.b64_json ?? '', 'base64');
}

describe('startBrokenProvider', () => {
  it('passes a conformant answer through when no deviation is on', async () => {
    await withProvider([], async (provider) => {
      const generated = await generate(provider, { response_format: 'b64_json', n: 2 });
      expect(generated.status).toBe(200);
      expect(generated.json.data).toHaveLength(2);
      expect(decodePng(firstImage(generated))).toMatchObject({ width: 256, height: 256 });
      expect(generated.headers.get('x-request-id')).toMatch(/^req_/);
    });
  });

  it('serves image URLs itself, so image edits reach URLs too', async () => {
    await withProvider(['wrong-dimensions'], async (provider) => {
      const generated = await generate(provider, { response_format: 'url' });
      const url = generated.json.data?.[0]?.url ?? '';
      expect(url.startsWith(provider.baseUrl.replace(/\/v1$/, ''))).toBe(true);
      const image = await fetch(url, { signal: AbortSignal.timeout(5_000) });
      expect(image.headers.get('content-type')).toBe('image/png');
      expect(decodePng(Buffer.from(await image.arrayBuffer()))).toMatchObject({ width: 512, height: 512 });
    });
  });

  it('answers dead URLs with 404 and moves URLs to another host on request', async () => {
    await withProvider(['dead-urls'], async (provider) => {
      const url = (await generate(provider, { response_format: 'url' })).json.data?.[0]?.url ?? '';
      expect((await fetch(url, { signal: AbortSignal.timeout(5_000) })).status).toBe(404);
    });
    await withProvider(['urls-on-another-host'], async (provider) => {
      const url = (await generate(provider, { response_format: 'url' })).json.data?.[0]?.url ?? '';
      expect(new URL(url).origin).not.toBe(new URL(provider.baseUrl).origin);
      const image = await fetch(url, { signal: AbortSignal.timeout(5_000) });
      expect(Buffer.from(await image.arrayBuffer()).subarray(0, 8)).toEqual(PNG_SIGNATURE);
    });
  });

  it('edits image bytes and their base64', async () => {
    await withProvider(['jpeg-behind-png', 'data-uri-prefix'], async (provider) => {
      const b64 = (await generate(provider, { response_format: 'b64_json' })).json.data?.[0]?.b64_json ?? '';
      expect(b64.startsWith('data:image/png;base64,/9j/')).toBe(true);
    });
    await withProvider(['rgba', 'random-pixels'], async (provider) => {
      const first = firstImage(await generate(provider, { response_format: 'b64_json' }));
      const second = firstImage(await generate(provider, { response_format: 'b64_json' }));
      expect(first.equals(second)).toBe(false);
      expect(decodePng(first)).toMatchObject({ width: 256, height: 256 });
    });
  });

  it('switches auth and error behaviour', async () => {
    await withProvider(['accepts-wrong-key', 'plain-text-errors'], async (provider) => {
      expect((await generate(provider, {}, 'sk-wrong')).status).toBe(200);
      const missing = await fetch(`${provider.baseUrl}/images/generations`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: '{"prompt":"x"}',
        signal: AbortSignal.timeout(5_000),
      });
      expect(missing.status).toBe(401);
      expect(missing.headers.get('content-type')).toMatch(/^text\/plain/);
    });
  });

  it('compresses when asked and keeps the JSON intact', async () => {
    await withProvider(['gzip', 'extra-fields', 'created-in-ms'], async (provider) => {
      const generated = await generate(provider, { response_format: 'b64_json' });
      expect(generated.headers.get('content-encoding')).toBe('gzip');
      expect(generated.json).toMatchObject({ object: 'list', data: [{ index: 0 }] });
      expect(Number(generated.json.created)).toBeGreaterThan(1e12);
    });
  });
});
