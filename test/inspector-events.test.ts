import { afterEach, describe, expect, it } from 'vitest';
import type { JournalEntry } from '../src/index.js';
import { startServer, type RunningServer } from '../src/http/start-server.js';
import { AUTH, bundledSpec } from './helpers.js';

const fox = { model: 'dall-e-2', prompt: 'a red fox', size: '256x256' };

interface ServerEvent {
  event: string;
  data: unknown;
}

/** An open event stream of the journal, read event by event; `close()` hangs up. */
interface EventReader {
  status: number;
  contentType: string | null;
  /** The next event, or a failure after `timeoutMs` (so a missing event fails the test, never hangs it). */
  next(timeoutMs?: number): Promise<ServerEvent>;
  /** Resolves when the server ends the stream. */
  ended(timeoutMs?: number): Promise<void>;
  close(): void;
}

async function openEvents(base: string, query = ''): Promise<EventReader> {
  const controller = new AbortController();
  const res = await fetch(`${base}/__imagegen/events${query}`, { signal: controller.signal });
  const reader = res.body!.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = '';
  let done = false;
  const within = <T>(promise: Promise<T>, timeoutMs: number, what: string): Promise<T> =>
    Promise.race([
      promise,
      new Promise<never>((_, reject) =>
        setTimeout(() => reject(new Error(`no ${what} within ${timeoutMs} ms`)), timeoutMs).unref(),
      ),
    ]);
  const read = async (): Promise<void> => {
    const chunk = await reader.read();
    if (chunk.done) done = true;
    else buffer += chunk.value;
  };
  const nextEvent = async (): Promise<ServerEvent> => {
    for (;;) {
      const end = buffer.indexOf('\n\n');
      if (end >= 0) {
        const block = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        const fields = new Map(block.split('\n').map((line) => [line.slice(0, line.indexOf(':')), line]));
        const data = fields.get('data');
        if (data === undefined) continue; // retry: and keep-alive comments
        const event = fields.get('event')?.slice('event: '.length) ?? 'message';
        return { event, data: JSON.parse(data.slice('data: '.length)) as unknown };
      }
      if (done) throw new Error('the stream ended');
      await read();
    }
  };
  return {
    status: res.status,
    contentType: res.headers.get('content-type'),
    next: (timeoutMs = 3000) => within(nextEvent(), timeoutMs, 'event'),
    ended: (timeoutMs = 3000) =>
      within(
        (async () => {
          while (!done) await read();
        })(),
        timeoutMs,
        'end of stream',
      ),
    close: () => controller.abort(),
  };
}

const post = (base: string, body: object, headers: Record<string, string> = {}): Promise<Response> =>
  fetch(`${base}/v1/images/generations`, {
    method: 'POST',
    headers: { ...AUTH, 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });

let mock: RunningServer | undefined;
const readers: EventReader[] = [];
afterEach(async () => {
  for (const reader of readers.splice(0)) reader.close();
  await mock?.close();
  mock = undefined;
});

async function start(options: Parameters<typeof startServer>[0] = {}): Promise<RunningServer> {
  mock = await startServer({ port: 0, spec: await bundledSpec(), ...options });
  return mock;
}

async function events(base: string, query = ''): Promise<EventReader> {
  const reader = await openEvents(base, query);
  readers.push(reader);
  return reader;
}

describe('GET /__imagegen/events', () => {
  it('starts with the journal so far, then sends each request as it is recorded, and the clears', async () => {
    const { url } = await start();
    await post(url, fox);
    const stream = await events(url);
    expect(stream.status).toBe(200);
    expect(stream.contentType).toBe('text/event-stream; charset=utf-8');
    const first = await stream.next();
    expect(first.event).toBe('entries');
    expect((first.data as { data: JournalEntry[] }).data.map((entry) => entry.request.body?.prompt)).toEqual([
      'a red fox',
    ]);

    const res = await post(url, { ...fox, prompt: 'sent while watching' });
    const live = await stream.next();
    expect(live.event).toBe('entry');
    expect(live.data).toMatchObject({
      id: res.headers.get('x-request-id'),
      status: 200,
      request: { body: { prompt: 'sent while watching' } },
      response: { images: [{ format: 'png', size: '256x256' }] },
    });

    expect((await fetch(`${url}/__imagegen/requests`, { method: 'DELETE' })).status).toBe(204);
    expect(await stream.next()).toEqual({ event: 'clear', data: {} });
  });

  it('sends only the requests that match its filter, and a snapshot as long as its limit', async () => {
    const { url } = await start();
    for (const prompt of ['one', 'two', 'three']) await post(url, { ...fox, prompt });
    const errors = await events(url, '?status=4xx&limit=1');
    const lastTwo = await events(url, '?limit=2');
    expect((await errors.next()).data).toEqual({ data: [] });
    const snapshot = (await lastTwo.next()).data as { data: JournalEntry[] };
    expect(snapshot.data.map((entry) => entry.request.body?.prompt)).toEqual(['two', 'three']);

    await post(url, { ...fox, size: '5x5' });
    await post(url, fox, { Prefer: 'scenario=server_error' });
    await post(url, { ...fox, prompt: 'fine' });
    expect(((await errors.next()).data as JournalEntry).status).toBe(400);
    const all = [await lastTwo.next(), await lastTwo.next(), await lastTwo.next()];
    expect(all.map((event) => (event.data as JournalEntry).status)).toEqual([400, 500, 200]);
    // The 4xx stream got nothing for the 500 and the 200: its next event is the clear.
    await fetch(`${url}/__imagegen/requests`, { method: 'DELETE' });
    expect((await errors.next()).event).toBe('clear');
  });

  it('is ended when the server stops, so close() does not wait for the page to leave', async () => {
    const { url } = await start({ shutdownTimeoutMs: 20_000 });
    const stream = await events(url);
    await stream.next();
    const started = performance.now();
    await mock?.close();
    mock = undefined;
    expect(performance.now() - started).toBeLessThan(2000);
    await stream.ended();
  });

  it('does not record the watcher: the stream itself is never an entry', async () => {
    const { url, requests } = await start();
    const stream = await events(url);
    await stream.next();
    await post(url, fox);
    await stream.next();
    stream.close();
    expect(requests().map((entry) => entry.path)).toEqual(['/v1/images/generations']);
  });
});
