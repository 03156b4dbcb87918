import { PNG } from 'pngjs';
import jpeg from 'jpeg-js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../../http/start-server.js';
import { runContract } from '../engine/run-contract.js';
import type { CheckStatus, ContractReport } from '../engine/types.js';

/** One answer as the tampering fetch sees it, and may rewrite it. */
interface Answer {
  status: number;
  headers: Headers;
  body: Buffer;
  json?: Record<string, unknown>;
  request: { url: string; method: string; body: string };
}

const API_KEY = 'sk-contract-test';
let mock: RunningServer;
beforeAll(async () => {
  mock = await startServer({ port: 0, host: '127.0.0.1', apiKeys: [API_KEY] });
});
afterAll(async () => {
  await mock.close();
});

/** A provider that is our mock with one deviation: each answer passes through `tamper`. */
function deviating(tamper: (answer: Answer) => void): typeof fetch {
  return async (input, init) => {
    const response = await fetch(input, init);
    const body = Buffer.from(await response.arrayBuffer());
    const answer: Answer = {
      status: response.status,
      headers: new Headers(response.headers),
      body,
      request: {
        url: typeof input === 'string' ? input : input instanceof URL ? input.href : input.url,
        method: init?.method ?? 'GET',
        body: typeof init?.body === 'string' ? init.body : '',
      },
    };
    try {
      answer.json = JSON.parse(body.toString('utf8')) as Record<string, unknown>;
    } catch {
      // not JSON: an image
    }
    tamper(answer);
    const out = answer.json && answer.body === body ? Buffer.from(JSON.stringify(answer.json)) : answer.body;
    answer.headers.delete('content-length');
    return new Response(out, { status: answer.status, headers: answer.headers });
  };
}

type Item = Record<string, unknown>;
const items = (answer: Answer): Item[] =>
  Array.isArray(answer.json?.data) ? (answer.json.data as Item[]) : [];
const isError = (answer: Answer) => answer.status >= 400;
const pngOf = (width: number, height: number, colorType: 2 | 6 = 2, fill = 90): Buffer => {
  const image = new PNG({ width, height, colorType });
  image.data.fill(fill);
  return PNG.sync.write(image, { colorType });
};
const jpegOf = (width: number, height: number): Buffer =>
  jpeg.encode({ width, height, data: Buffer.alloc(width * height * 4, 120) }, 70).data;
const sizeOf = (answer: Answer): [number, number] => {
  const size = String((JSON.parse(answer.request.body) as { size?: string }).size ?? '256x256');
  const [width = 0, height = 0] = size.split('x').map(Number);
  return [width, height];
};

async function run(model: string, tamper: (answer: Answer) => void): Promise<ContractReport> {
  return runContract({
    provider: { kind: 'openai', baseUrl: `${mock.url}/v1`, apiKey: API_KEY },
    model,
    fetch: deviating(tamper),
  });
}
const statusOf = (report: ContractReport, id: string): CheckStatus | undefined =>
  report.results.find((result) => result.id === id)?.status;

describe('each deviation is caught by its named check', () => {
  const cases: [string, string, CheckStatus, (answer: Answer) => void][] = [
    [
      'created in milliseconds',
      'response.created',
      'fail',
      (a) => {
        if (a.json?.created) a.json.created = Number(a.json.created) * 1000;
      },
    ],
    [
      'a data: prefix',
      'image.base64',
      'fail',
      (a) => {
        for (const item of items(a))
          if (typeof item.b64_json === 'string') item.b64_json = `data:image/png;base64,${item.b64_json}`;
      },
    ],
    [
      'line breaks in base64',
      'image.base64',
      'fail',
      (a) => {
        for (const item of items(a))
          if (typeof item.b64_json === 'string') item.b64_json = item.b64_json.replace(/(.{76})/g, '$1\n');
      },
    ],
    [
      'both url and b64_json',
      'response.format-field',
      'fail',
      (a) => {
        for (const item of items(a)) if (item.b64_json) item.url = 'https://example.test/a.png';
      },
    ],
    [
      'an empty revised_prompt',
      'response.revised-prompt',
      'fail',
      (a) => {
        for (const item of items(a)) item.revised_prompt = '';
      },
    ],
    [
      'a null revised_prompt',
      'response.revised-prompt',
      'fail',
      (a) => {
        for (const item of items(a)) item.revised_prompt = null;
      },
    ],
    [
      'ignoring n',
      'response.count',
      'fail',
      (a) => {
        if (a.json?.data) a.json.data = items(a).slice(0, 1);
      },
    ],
    [
      'identical images',
      'image.distinct',
      'fail',
      (a) => {
        if (items(a).length > 1) a.json = { ...a.json, data: items(a).map(() => items(a)[0]) };
      },
    ],
    [
      'wrong dimensions',
      'image.dimensions',
      'fail',
      (a) => {
        for (const item of items(a)) if (item.b64_json) item.b64_json = pngOf(8, 8).toString('base64');
      },
    ],
    [
      'bytes that are no image',
      'image.valid',
      'fail',
      (a) => {
        for (const item of items(a))
          if (item.b64_json) item.b64_json = Buffer.from('<html>error</html>').toString('base64');
      },
    ],
    [
      'a JPEG served as image/png',
      'image.valid',
      'fail',
      (a) => {
        if (a.headers.get('content-type') === 'image/png')
          a.body = jpegOf(...sizeOf({ ...a, request: { ...a.request, body: '{}' } }));
      },
    ],
    [
      'a JPEG where PNG was asked for',
      'image.format',
      'warn',
      (a) => {
        for (const item of items(a))
          if (item.b64_json) item.b64_json = jpegOf(...sizeOf(a)).toString('base64');
      },
    ],
    [
      'dead image URLs',
      'image.url-fetch',
      'fail',
      (a) => {
        if (a.request.method === 'GET') a.status = 404;
      },
    ],
    [
      'a 200 that is not JSON',
      'response.schema',
      'fail',
      (a) => {
        if (a.status === 200 && a.json) a.headers.set('content-type', 'text/html');
      },
    ],
    [
      'data that is not an array',
      'response.schema',
      'fail',
      (a) => {
        if (a.status === 200 && a.json?.data) a.json.data = { items: a.json.data };
      },
    ],
    [
      '500 on bad input',
      'reject.n-zero',
      'fail',
      (a) => {
        if (a.status === 400) a.status = 500;
      },
    ],
    [
      'plain-text errors',
      'errors.envelope',
      'fail',
      (a) => {
        if (isError(a)) {
          a.body = Buffer.from('Bad Request');
          a.headers.set('content-type', 'text/plain');
        }
      },
    ],
    [
      'a numeric error code',
      'errors.envelope',
      'fail',
      (a) => {
        if (isError(a) && a.json?.error) (a.json.error as Item).code = 400;
      },
    ],
    [
      'an envelope without param',
      'errors.envelope-complete',
      'warn',
      (a) => {
        if (isError(a) && a.json?.error) delete (a.json.error as Item).param;
      },
    ],
    [
      'param naming another field',
      'errors.param',
      'warn',
      (a) => {
        if (isError(a) && a.json?.error) (a.json.error as Item).param = 'body';
      },
    ],
    [
      'no auth check',
      'auth.missing-key',
      'fail',
      (a) => {
        if (a.status === 401)
          Object.assign(a, { status: 200, json: { created: Math.floor(Date.now() / 1000), data: [] } });
      },
    ],
    [
      '403 for a wrong key',
      'auth.wrong-key',
      'fail',
      (a) => {
        if (a.status === 401) a.status = 403;
      },
    ],
    [
      'no x-request-id',
      'headers.request-id',
      'warn',
      (a) => {
        a.headers.delete('x-request-id');
      },
    ],
  ];

  it.each(cases)('%s: %s', async (_name, id, expected, tamper) => {
    const model = id === 'response.revised-prompt' ? 'dall-e-3' : 'dall-e-2';
    const report = await run(model, tamper);
    expect(statusOf(report, id)).toBe(expected);
  });
});

describe('what is conformant but different passes', () => {
  it('tolerates extra fields and headers, RGBA images and URLs on another host', async () => {
    const report = await run('dall-e-2', (a) => {
      a.headers.set('x-extra', '1');
      if (a.json && a.status === 200) a.json.id = 'gen_123';
      for (const [index, item] of items(a).entries()) {
        item.index = index;
        if (item.b64_json) item.b64_json = pngOf(...sizeOf(a), 6, 60 + index).toString('base64');
        if (typeof item.url === 'string') item.url = item.url.replace('127.0.0.1', 'localhost');
      }
      if (isError(a) && a.json) a.json.status = a.status;
    });
    const bad = report.results.filter((result) => result.status === 'fail' || result.status === 'warn');
    expect(bad.map((result) => `${result.id}: ${result.reason}`)).toEqual([]);
  });
});
