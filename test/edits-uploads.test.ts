import { request as httpRequest, type ClientRequest } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../src/http/start-server.js';
import { multipartBody, samplePng } from './edits.test-helpers.js';

/**
 * Hostile uploads against a real server: each gets its JSON error while the body may still be coming, and
 * the server carries on. Traffic goes to 127.0.0.1 only; every request is bounded.
 */
let mock: RunningServer;
const BOUNDARY = 'imagegen-mock-boundary';

beforeAll(async () => {
  mock = await startServer({ port: 0 });
});

afterAll(async () => {
  await mock.close();
});

interface Sent {
  status: number;
  body: { error?: { message: string; code: string | null; param: string | null } };
}

/**
 * Posts a multipart body written by `write` (which may go on after the answer), resolving on the answer;
 * the connection is left to the server to drain or cut.
 */
function post(write: (body: ClientRequest, answered: () => boolean) => Promise<void> | void): Promise<Sent> {
  const url = new URL(`${mock.url}/v1/images/edits`);
  return new Promise((resolve, reject) => {
    let answered = false;
    const req = httpRequest(
      url,
      {
        method: 'POST',
        headers: {
          authorization: 'Bearer sk-test',
          'content-type': `multipart/form-data; boundary=${BOUNDARY}`,
        },
        signal: AbortSignal.timeout(15_000),
      },
      (res) => {
        answered = true;
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            body: JSON.parse(Buffer.concat(chunks).toString()) as Sent['body'],
          }),
        );
      },
    );
    req.on('error', (error) => {
      if (!answered) reject(error);
    });
    void Promise.resolve(write(req, () => answered)).then(
      () => req.end(),
      () => req.destroy(),
    );
  });
}

async function stillServes(): Promise<void> {
  const png = await samplePng(64, 64);
  const form = new FormData();
  form.append('model', 'gpt-image-1');
  form.append('prompt', 'still here');
  form.append('quality', 'low');
  form.append('size', '1024x1024');
  form.append('image', new Blob([png], { type: 'image/png' }), 'a.png');
  const res = await fetch(`${mock.url}/v1/images/edits`, {
    method: 'POST',
    headers: { authorization: 'Bearer sk-test' },
    body: form,
    signal: AbortSignal.timeout(15_000),
  });
  expect(res.status).toBe(200);
}

const field = (name: string, value: string) => ({
  headers: [`Content-Disposition: form-data; name="${name}"`],
  body: value,
});

describe('hostile multipart uploads', () => {
  it('answers a truncated body with invalid_multipart, then carries on', async () => {
    const body = multipartBody(BOUNDARY, [field('prompt', 'a fox'), field('model', 'gpt-image-1')], {
      close: false,
    });
    const sent = await post((req) => void req.write(body.subarray(0, body.length - 10)));
    expect(sent.status).toBe(400);
    expect(sent.body.error).toMatchObject({ code: 'invalid_multipart', param: null });
    expect(sent.body.error?.message).toMatch(/^The multipart body could not be read: unexpected end of/);
    await stillServes();
  });

  it('answers a part without a name', async () => {
    const body = multipartBody(BOUNDARY, [
      field('prompt', 'a fox'),
      { headers: ['Content-Disposition: form-data'], body: 'x' },
    ]);
    const sent = await post((req) => void req.write(body));
    expect(sent.status).toBe(400);
    expect(sent.body.error?.message).toBe(
      'The multipart body could not be read: a part has no name (its Content-Disposition needs name="...").',
    );
  });

  it('answers a body without a boundary', async () => {
    const url = `${mock.url}/v1/images/edits`;
    const res = await fetch(url, {
      method: 'POST',
      headers: { authorization: 'Bearer sk-test', 'content-type': 'multipart/form-data' },
      body: 'prompt=x',
      signal: AbortSignal.timeout(10_000),
    });
    expect(res.status).toBe(400);
    expect(((await res.json()) as Sent['body']).error?.code).toBe('invalid_multipart');
  });

  it('answers a 60 MB file with file_too_large before reading it all, then carries on', async () => {
    const head = multipartBody(BOUNDARY, [field('model', 'gpt-image-1'), field('prompt', 'a fox')], {
      close: false,
    });
    const chunk = Buffer.alloc(1024 * 1024, 1);
    const sent = await post(async (req, answered) => {
      req.write(head);
      req.write(
        `--${BOUNDARY}\r\nContent-Disposition: form-data; name="image"; filename="big.png"\r\nContent-Type: image/png\r\n\r\n`,
      );
      for (let mb = 0; mb < 60 && !answered(); mb++) {
        if (!req.write(chunk)) await new Promise((resolve) => req.once('drain', resolve));
      }
    });
    expect(sent.status).toBe(400);
    expect(sent.body.error).toMatchObject({ code: 'file_too_large', param: 'image' });
    expect(sent.body.error?.message).toBe(
      "Invalid file 'image': file too large. Expected a file of at most 52428800 bytes (50 MB), but got a larger one.",
    );
    await stillServes();
  });

  it('answers an endless upload, then cuts it once the drain limit is passed, and carries on', async () => {
    const chunk = Buffer.alloc(1024 * 1024, 2);
    let written = 0;
    const sent = await post(async (req) => {
      req.write(
        `--${BOUNDARY}\r\nContent-Disposition: form-data; name="image"; filename="x.png"\r\nContent-Type: image/png\r\n\r\n`,
      );
      // Goes on after the answer, as a client that never reads would, until the server cuts it (bounded).
      while (written < 200 * 1024 * 1024 && !req.destroyed) {
        written += chunk.length;
        const ok = req.write(chunk);
        if (!ok) {
          const drained = await Promise.race([
            new Promise((resolve) => req.once('drain', () => resolve(true))),
            new Promise((resolve) => req.once('close', () => resolve(false))),
            new Promise((resolve) => setTimeout(() => resolve(false), 5000)),
          ]);
          if (!drained) break;
        }
      }
    });
    expect(sent.status).toBe(400);
    expect(sent.body.error?.code).toBe('file_too_large');
    // 50 MB read, at most 16 MB drained, and what the socket buffers: far from the 200 MB offered.
    expect(written).toBeLessThan(120 * 1024 * 1024);
    await stillServes();
  });
});
