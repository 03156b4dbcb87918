import { createServer, type Server } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { ApiError, ConfigError, serializeError } from '../errors.js';
import { DEFAULTS, resolveOptions } from '../config.js';
import { loadSpec, type Spec } from '../openapi/load-spec.js';
import type { MockOptions } from '../options.js';
import type { JournalEntry } from '../journal/index.js';
import { createAppDeps, type AppOptions } from './app-deps.js';
import { createApp } from './create-app.js';

export interface ServerOptions
  extends
    Omit<AppOptions, 'spec'>,
    Partial<Pick<MockOptions, 'port' | 'host' | 'shutdownTimeoutMs' | 'specPath'>> {
  /** A loaded spec; when absent, `specPath` (or the bundled openapi.yaml) is loaded. */
  spec?: Spec;
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
  const { spec: loaded, now, onRequest, ...given } = options;
  const config = resolveOptions(given);
  const spec = loaded ?? (await loadSpec(config.specPath));
  const deps = createAppDeps(spec, config, { now, onRequest });
  const app = createApp(deps, config);
  const server = createServer({ maxHeaderSize: MAX_HEADER_BYTES }, app);
  server.on('clientError', answerClientError);
  // Without a listener Node answers an Expect other than 100-continue with a bare 417; the app answers it.
  server.on('checkExpectation', app);

  await new Promise<void>((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) => {
      const reason =
        error.code === 'EADDRINUSE'
          ? `port ${config.port} on ${config.host} is already in use`
          : `cannot listen on ${config.host}:${config.port}: ${error.message}`;
      reject(new ConfigError(reason, { cause: error }));
    });
    server.listen(config.port, config.host, resolve);
  });

  const { port, address } = server.address() as AddressInfo;
  const host = address.includes(':') ? `[${address}]` : address;
  return {
    url: `http://${host}:${port}`,
    port,
    server,
    close: () => closeGracefully(server, config.shutdownTimeoutMs).then(() => deps.images.close()),
    requests: () => deps.journal.entries(),
    clearRequests: () => deps.journal.clear(),
  };
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
