import { lookup } from 'node:dns/promises';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Answer, ForwardedRequest } from './behaviour.js';

/** The plain HTTP plumbing of the broken provider: read a request, send an answer, listen, close. */

export async function readRequest(req: IncomingMessage): Promise<ForwardedRequest> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(req.headers)) {
    if (value !== undefined) headers[name] = Array.isArray(value) ? value.join(', ') : value;
  }
  return { method: req.method ?? 'GET', path: req.url ?? '/', headers, body: Buffer.concat(chunks) };
}

export function send(res: ServerResponse, answer: Answer): void {
  if (!answer.chunked) {
    res.writeHead(answer.status, { ...answer.headers, 'content-length': String(answer.body.length) });
    res.end(answer.body);
    return;
  }
  res.writeHead(answer.status, answer.headers);
  const half = Math.floor(answer.body.length / 2);
  res.write(answer.body.subarray(0, half));
  res.end(answer.body.subarray(half));
}

/** Resolves after `ms`, or at once when the provider closes. */
export function wait(ms: number, waits: Set<() => void>): Promise<void> {
  return new Promise((resolve) => {
    const release = (): void => {
      clearTimeout(timer);
      waits.delete(release);
      resolve();
    };
    const timer = setTimeout(release, ms);
    waits.add(release);
  });
}

export async function listen(
  handle: (req: IncomingMessage, res: ServerResponse) => Promise<void>,
): Promise<{ server: Server; port: number }> {
  const server = createServer((req, res) => void handle(req, res));
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  return { server, port: (server.address() as AddressInfo).port };
}

export function closeServer(server: Server): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections();
  });
}

/** `localhost` when it reaches 127.0.0.1 first, so the second image host differs by name as well as port. */
export async function otherHostName(): Promise<string> {
  try {
    const { address } = await lookup('localhost');
    return address === '127.0.0.1' ? 'localhost' : '127.0.0.1';
  } catch {
    return '127.0.0.1';
  }
}
