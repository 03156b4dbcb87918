import { request as httpRequest } from 'node:http';
import { connect } from 'node:net';
import { brotliCompressSync, gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../src/http/start-server.js';

let mock: RunningServer;

beforeAll(async () => {
  mock = await startServer({ port: 0 });
});

afterAll(async () => {
  await mock.close();
});

/** Sends raw bytes and resolves with everything the server answers before it closes (bounded). */
function sendRaw(data: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(mock.port, '127.0.0.1', () => socket.end(data));
    let answer = '';
    socket.setTimeout(5_000, () => socket.destroy(new Error('no answer within 5 s')));
    socket.on('data', (chunk: Buffer) => (answer += chunk.toString()));
    socket.on('close', () => resolve(answer));
    socket.on('error', reject);
  });
}

function bodyOf(raw: string): { error: { message: string; type: string } } {
  return JSON.parse(raw.slice(raw.indexOf('\r\n\r\n') + 4)) as { error: { message: string; type: string } };
}

describe('startServer', () => {
  it('listens on a free port on 127.0.0.1 and reports its URL', () => {
    expect(mock.url).toBe(`http://127.0.0.1:${mock.port}`);
    expect(mock.port).toBeGreaterThan(0);
  });

  it('answers bytes that are not HTTP with a JSON 400, not a dropped connection', async () => {
    const raw = await sendRaw('GET /health HTTP/1.1\r\nHost: x\r\nBad Header Line\r\n\r\n');
    expect(raw.startsWith('HTTP/1.1 400 ')).toBe(true);
    expect(raw).toContain('content-type: application/json');
    expect(bodyOf(raw).error.type).toBe('invalid_request_error');
  });

  it('answers oversized headers with a JSON 431', async () => {
    const raw = await sendRaw(`GET /health HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(70_000)}\r\n\r\n`);
    expect(raw.startsWith('HTTP/1.1 431 ')).toBe(true);
    expect(bodyOf(raw).error.message).toMatch(/too large/);
  });

  it('accepts a gzip-compressed body and explains a corrupt one', async () => {
    const headers = {
      authorization: 'Bearer k',
      'content-type': 'application/json',
      'content-encoding': 'gzip',
    };
    const url = `${mock.url}/v1/images/generations`;
    const ok = await fetch(url, {
      method: 'POST',
      headers,
      body: gzipSync(JSON.stringify({ prompt: 'zipped', size: '256x256' })),
    });
    expect(ok.status).toBe(200);
    const corrupt = await fetch(url, { method: 'POST', headers, body: '{"prompt":"not gzip"}' });
    expect(corrupt.status).toBe(400);
    expect(((await corrupt.json()) as { error: { message: string } }).error.message).toMatch(
      /could not be decompressed/,
    );
  });

  it('accepts a brotli-compressed body and explains a corrupt one as it does a corrupt gzip one', async () => {
    const url = `${mock.url}/v1/images/generations`;
    const post = (encoding: string, body: Buffer | string) =>
      fetch(url, {
        method: 'POST',
        headers: {
          authorization: 'Bearer k',
          'content-type': 'application/json',
          'content-encoding': encoding,
        },
        body,
      });
    const ok = await post('br', brotliCompressSync(JSON.stringify({ prompt: 'squeezed', size: '256x256' })));
    expect(ok.status).toBe(200);
    for (const body of ['{"prompt":"not brotli"}', Buffer.from([0x1b, 0x03, 0x00])]) {
      const corrupt = await post('br', body);
      expect(corrupt.status).toBe(400);
      expect(await corrupt.json()).toEqual({
        error: {
          message: 'The request body could not be decompressed (content-encoding: br).',
          type: 'invalid_request_error',
          param: null,
          code: null,
        },
      });
    }
  });

  it('answers an Expect it cannot meet with a JSON 417 in the envelope, not a bare one', async () => {
    const raw = await sendRaw(
      'POST /v1/images/generations HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer k\r\n' +
        'Content-Type: application/json\r\nContent-Length: 2\r\nExpect: 200-ok\r\nConnection: close\r\n\r\n{}',
    );
    expect(raw.startsWith('HTTP/1.1 417 ')).toBe(true);
    expect(raw).toMatch(/\r\ncontent-type: application\/json\r\n/i);
    expect(raw).toMatch(/\r\nx-request-id: req_[0-9a-f]{32}\r\n/i);
    expect(bodyOf(raw)).toEqual({
      error: {
        message: "Unsupported Expect header '200-ok': only '100-continue' is supported.",
        type: 'invalid_request_error',
        param: null,
        code: null,
      },
    });
  });

  it('still answers Expect: 100-continue with a 100, then the generation', async () => {
    const body = JSON.stringify({ prompt: 'patient', size: '256x256' });
    const answer = await new Promise<{ continued: boolean; status: number }>((resolve, reject) => {
      let continued = false;
      const req = httpRequest(`${mock.url}/v1/images/generations`, {
        method: 'POST',
        headers: {
          authorization: 'Bearer k',
          'content-type': 'application/json',
          'content-length': Buffer.byteLength(body),
          expect: '100-continue',
        },
      });
      req.on('continue', () => {
        continued = true;
        req.end(body);
      });
      req.on('response', (res) => {
        res.resume();
        res.on('end', () => resolve({ continued, status: res.statusCode ?? 0 }));
      });
      req.on('error', reject);
    });
    expect(answer).toEqual({ continued: true, status: 200 });
  });

  it('stops accepting connections once closed', async () => {
    const other = await startServer({ port: 0 });
    await other.close();
    await expect(fetch(`${other.url}/health`, { signal: AbortSignal.timeout(2_000) })).rejects.toThrow();
  });
});
