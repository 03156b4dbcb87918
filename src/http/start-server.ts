import { createServer, type Server } from 'node:http';
import type { Express } from 'express';
import type { AddressInfo, Socket } from 'node:net';
import { ApiError, ConfigError, serializeError } from '../errors.js';
import { DEFAULTS, resolveOptions } from '../config.js';
import { connectRedisRateLimiter, type SharedRateLimiter } from '../faults/index.js';
import { loadSpec, type Spec } from '../openapi/load-spec.js';
import type { MockOptions } from '../options.js';
import type { JournalEntry } from '../journal/index.js';
import { createAppDeps, type AppOptions } from './app-deps.js';
import { createApp } from './create-app.js';
import { closeJournalEvents } from './journal-events.js';

export interface ServerOptions
  extends
    Omit<AppOptions, 'spec'>,
    Partial<Pick<MockOptions, 'port' | 'host' | 'shutdownTimeoutMs' | 'specPath' | 'redisUrl'>> {
  /** A loaded spec; when absent, `specPath` (or the bundled openapi.yaml) is loaded. */
  spec?: Spec;
  /**
   * Told, in one line, of trouble that does not stop the server: the Redis of `redisUrl` lost mid-run, and
   * back. Default `process.emitWarning`.
   */
  onWarning?: (message: string) => void;
}

export interface RunningServer {
  /** e.g. `http://127.0.0.1:4010`; the API is below `${url}/v1`. */
  url: string;
  port: number;
  server: Server;
  /** Stops accepting, lets in-flight requests finish, ends the render workers, then resolves. */
  close: () => Promise<void>;
  /**
   * The requests answered so far, oldest first (the last `journalSize`), as `GET /__imagegen/requests` lists
   * them.
   *
   * @example
   * expect(mock.requests().at(-1)?.request.body?.prompt).toBe('a red fox');
   */
  requests: () => JournalEntry[];
  /** Empties the journal, e.g. in a `beforeEach`. */
  clearRequests: () => void;
}

/** Where the server listens, and how long it waits on close, unless told otherwise: from `DEFAULTS`. */
export const SERVER_DEFAULTS = {
  port: DEFAULTS.port,
  host: DEFAULTS.host,
  shutdownTimeoutMs: DEFAULTS.shutdownTimeoutMs,
} as const;

/** Image URLs carry their parameters, so allow request lines longer than Node's 16 KiB default. */
const MAX_HEADER_BYTES = 64 * 1024;

/**
 * Starts the mock on a port and resolves once it accepts connections.
 *
 * @example
 * const mock = await startServer({ port: 0 });
 * const client = new OpenAI({ baseURL: `${mock.url}/v1`, apiKey: 'sk-test' });
 * // ...
 * await mock.close();
 */
export async function startServer(options: ServerOptions = {}): Promise<RunningServer> {
  const { spec: loaded, now, onRequest, onWarning, ...given } = options;
  const config = resolveOptions(given);
  const spec = loaded ?? (await loadSpec(config.specPath));
  const limiter = await connectSharedLimiter(config, onWarning);
  const server = createServer({ maxHeaderSize: MAX_HEADER_BYTES });
  const deps = createAppDeps(spec, config, { now, onRequest, limiter });
  let app: Express;
  try {
    app = createApp(deps, config);
    server.on('request', app);
    server.on('clientError', answerClientError);
    // Without a listener Node answers an Expect other than 100-continue with a bare 417; the app answers it.
    server.on('checkExpectation', app);
    await listen(server, config);
  } catch (error) {
    await limiter?.close();
    throw error;
  }

  const { port, address } = server.address() as AddressInfo;
  const host = address.includes(':') ? `[${address}]` : address;
  return {
    url: `http://${host}:${port}`,
    port,
    server,
    close: async () => {
      // The inspector's event streams never end by themselves: end them, or closing waits out the timeout.
      const closing = closeGracefully(server, config.shutdownTimeoutMs);
      closeJournalEvents(app);
      await closing;
      await limiter?.close();
      await deps.images.close();
    },
    requests: () => deps.journal.entries(),
    clearRequests: () => deps.journal.clear(),
  };
}

function listen(server: Server, { port, host }: Pick<MockOptions, 'port' | 'host'>): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) => {
      const reason =
        error.code === 'EADDRINUSE'
          ? `port ${port} on ${host} is already in use`
          : `cannot listen on ${host}:${port}: ${error.message}`;
      reject(new ConfigError(reason, { cause: error }));
    });
    server.listen(port, host, resolve);
  });
}

/**
 * With `redisUrl`, the rate limiter whose windows every replica on that Redis shares; connected before the
 * server listens, so a start without a Redis that answers fails (ConfigError) instead of limiting alone.
 */
async function connectSharedLimiter(
  config: MockOptions,
  onWarning: ServerOptions['onWarning'] = (message) => process.emitWarning(message),
): Promise<SharedRateLimiter | undefined> {
  if (config.redisUrl === undefined) return undefined;
  if (!config.rateLimit) {
    throw new ConfigError('redisUrl shares the rate limiter between replicas: set rateLimit too');
  }
  return connectRedisRateLimiter({ url: config.redisUrl, ...config.rateLimit, onWarning });
}

function closeGracefully(server: Server, timeoutMs: number): Promise<void> {
  return new Promise((resolve) => {
    const deadline = setTimeout(() => server.closeAllConnections(), timeoutMs);
    // A keep-alive connection turns idle when its last response is sent: close those as they appear.
    const sweep = setInterval(() => server.closeIdleConnections(), 50);
    deadline.unref();
    sweep.unref();
    server.close(() => {
      clearTimeout(deadline);
      clearInterval(sweep);
      resolve();
    });
    server.closeIdleConnections();
  });
}

/** Even a request Node cannot parse gets an answer in the API's envelope rather than a dropped socket. */
function answerClientError(error: NodeJS.ErrnoException, socket: Socket): void {
  if (!socket.writable || error.code === 'ECONNRESET') {
    socket.destroy();
    return;
  }
  const tooLarge = error.code === 'HPE_HEADER_OVERFLOW';
  const status = tooLarge ? 431 : 400;
  const body = serializeError(
    new ApiError(status, {
      message: tooLarge ? 'Request header fields too large.' : 'The request could not be parsed as HTTP.',
    }),
  );
  socket.end(
    `HTTP/1.1 ${status} ${tooLarge ? 'Request Header Fields Too Large' : 'Bad Request'}\r\n` +
      `content-type: application/json\r\ncontent-length: ${Buffer.byteLength(body)}\r\nconnection: close\r\n\r\n${body}`,
  );
}
