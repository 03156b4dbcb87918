import cors from 'cors';
import express, { type ErrorRequestHandler, type Express, type Request, type RequestHandler } from 'express';
import { ApiError, ConfigError, errors } from '../errors.js';
import { RATE_LIMIT_HEADER_NAMES, type LatencyMode } from '../faults/index.js';
import { ImageCache } from '../generations/image-cache.js';
import { imageKey } from '../generations/image-token.js';
import { renderImage as renderImageBytes, type RenderParams } from '../images/index.js';
import { CREATE_IMAGE_OPERATION_ID, type Spec } from '../openapi/load-spec.js';
import { routeRequest } from '../validation/prism-validator.js';
import { authenticate } from './authenticate.js';
import { createFaultPolicy } from './fault-policy.js';
import { generationRoute } from './generation-route.js';
import { IMAGE_ROUTE_PREFIX, serveImage } from './image-route.js';
import { toLogEntry, type RequestLogEntry } from './request-log.js';
import { beginRequest, elapsedMs, sendError, sendJson } from './respond.js';

export interface AppOptions {
  /** The contract to serve, from `loadSpec()`. */
  spec: Spec;
  /** Accepted API keys. Empty (the default): any non-empty Bearer token is accepted. */
  apiKeys?: readonly string[];
  /** Base of image URLs when the server sits behind a proxy, e.g. `https://mock.example.com`. */
  publicUrl?: string;
  /** Called once per finished request, e.g. to print a log line. */
  onRequest?: (entry: RequestLogEntry) => void;
  /** Upper bound, in bytes, of the rendered-image cache. */
  cacheBytes?: number;
  /** Largest accepted request body, in bytes. */
  bodyLimitBytes?: number;
  /** Wall clock in milliseconds; it sets `created` and never touches image bytes. */
  now?: () => number;
  /** The model when a request names none; the spec's default (dall-e-2) otherwise. */
  defaultModel?: string;
  /** Reject unknown parameters and ones the model does not take, as the real API. Default true. */
  strict?: boolean;
  /** `error`: answer retired models (dall-e-2, dall-e-3) as the real API does today. Default `serve`. */
  retiredModels?: 'serve' | 'error';
  /** Share of requests (0-1) answered with a seeded, realistic failure. */
  chaos?: number;
  /** A real limiter: past `limit` requests per window and key, 429 `rate_limit_exceeded`. */
  rateLimit?: { limit: number; windowMs: number };
  /** `off` (default), `realistic` (seeded, seconds, per model/quality/size/n), or fixed milliseconds. */
  latency?: LatencyMode;
  /** Seeds chaos and realistic latency. */
  seed?: number;
}

/**
 * The answer headers a browser app may read, besides the ones CORS always lets through (content-type,
 * content-length, cache-control...): those the SDKs read (the request id, the retry hints, including
 * `retry-after-ms`, which this server does not send but a client may look for) and every other header this
 * server sets on its answers.
 */
export const EXPOSED_HEADERS = [
  'x-request-id',
  'openai-processing-ms',
  'openai-version',
  'openai-organization',
  'retry-after',
  'retry-after-ms',
  ...RATE_LIMIT_HEADER_NAMES,
  'allow',
  'etag',
] as const;

export const APP_DEFAULTS = {
  apiKeys: [] as readonly string[],
  cacheBytes: 64 * 1024 * 1024,
  bodyLimitBytes: 1024 * 1024,
  now: Date.now,
  strict: true,
  retiredModels: 'serve',
  latency: 'off',
  seed: 1,
} satisfies Partial<AppOptions>;

/**
 * Builds the Express app that serves the spec's image endpoint, the image URLs it hands out and a health
 * check. Every answer, including every failure, is JSON in the real API's envelope.
 *
 * @example
 * const app = createApp({ spec: await loadSpec() });
 * app.listen(4010);
 */
export function createApp(options: AppOptions): Express {
  const config = { ...APP_DEFAULTS, ...options } satisfies AppOptions;
  const { spec } = config;
  const apiKeys = new Set(config.apiKeys);
  const cache = new ImageCache(config.cacheBytes);
  if (config.defaultModel !== undefined && !spec.models.has(config.defaultModel)) {
    throw new ConfigError(
      `default model '${config.defaultModel}' is not in the model table of ${spec.source} ` +
        `(${[...spec.models.keys()].join(', ')})`,
    );
  }
  const renderImage = (params: RenderParams, key = imageKey(params)): Buffer =>
    cache.getOrRender(key, () => renderImageBytes(params));
  const baseUrl = (req: Request): string =>
    config.publicUrl?.replace(/\/+$/, '') ??
    `${req.protocol}://${req.get('host') ?? `${req.socket.localAddress}:${req.socket.localPort}`}`;

  const handlers: Record<string, RequestHandler> = {
    [CREATE_IMAGE_OPERATION_ID]: generationRoute({
      spec,
      resolve: {
        strict: config.strict,
        retiredModels: config.retiredModels,
        ...(config.defaultModel !== undefined ? { defaultModel: config.defaultModel } : {}),
      },
      faults: createFaultPolicy({
        latency: config.latency,
        seed: config.seed,
        now: config.now,
        ...(config.chaos !== undefined ? { chaos: config.chaos } : {}),
        ...(config.rateLimit !== undefined ? { rateLimit: config.rateLimit } : {}),
      }),
      context: (req) => ({
        renderImage,
        imageUrl: (token) => `${baseUrl(req)}${IMAGE_ROUTE_PREFIX}${token}.png`,
        nowSeconds: () => Math.floor(config.now() / 1000),
      }),
    }),
  };

  const app = express();
  app.disable('x-powered-by');
  app.set('etag', false);
  app.use((req, res, next) => {
    const state = beginRequest(res);
    const { onRequest } = config;
    if (onRequest) {
      res.on('finish', () => {
        const fields = {
          time: new Date(config.now()).toISOString(),
          method: req.method,
          path: req.originalUrl,
          status: res.statusCode,
          durationMs: elapsedMs(state),
          requestId: state.requestId,
        };
        onRequest(toLogEntry(fields, state.error));
      });
    }
    next();
  });
  app.use(
    cors({
      origin: '*',
      maxAge: 86400,
      exposedHeaders: [...EXPOSED_HEADERS],
    }),
  );

  app.use(refuseUnmetExpectation);

  const parseJson = express.json({
    limit: config.bodyLimitBytes,
    strict: false,
    type: ['application/json', 'application/*+json'],
  });
  for (const operation of spec.operations) {
    const handler = handlers[operation.iid ?? ''];
    if (!handler) {
      throw new ConfigError(
        `spec ${spec.source}: operation ${operation.method.toUpperCase()} ${operation.path} ` +
          `(operationId '${operation.iid ?? ''}') is not one imagegen-mock can serve`,
      );
    }
    const path = operation.path.replace(/\{([^}]+)\}/g, ':$1');
    app[operation.method as 'post'](path, authenticate(operation, apiKeys), parseJson, handler);
  }
  app.get(`${IMAGE_ROUTE_PREFIX}:file`, serveImage(spec, renderImage));
  app.get('/health', (_req, res) => sendJson(res, 200, JSON.stringify({ status: 'ok' })));

  app.use((req, res) => {
    const route = routeRequest(spec.operations, req.method, req.path);
    if (!route.ok && route.reason === 'no_method') {
      return sendError(req, res, errors.methodNotAllowed(req.method, req.path, route.allowed));
    }
    sendError(req, res, errors.unknownUrl(req.method, req.path));
  });
  app.use(handleError);
  return app;
}

/** Turns whatever was thrown into the envelope; a bug becomes the real API's 500, never a stack trace. */
const handleError: ErrorRequestHandler = (error: unknown, req, res, next) => {
  if (res.headersSent) return next(error);
  sendError(req, res, toApiError(error, req));
};

function toApiError(error: unknown, req: Request): ApiError {
  if (error instanceof ApiError) return error;
  const { type, status, limit, message } = (error ?? {}) as {
    type?: string;
    status?: number;
    limit?: number;
    message?: string;
  };
  switch (type) {
    case 'entity.parse.failed':
      return errors.malformedJson();
    case 'entity.too.large':
      return errors.bodyTooLarge(limit ?? 0);
    case 'encoding.unsupported':
    case 'charset.unsupported':
      return errors.unsupportedEncoding(message ?? 'Unsupported content encoding.');
  }
  if (isDecompressionError(error)) return errors.corruptBody(req.get('content-encoding') ?? '');
  if (error instanceof URIError) {
    return new ApiError(400, {
      message: `Invalid URL (${req.method} ${req.originalUrl}): malformed percent-encoding`,
    });
  }
  if (typeof status === 'number' && status >= 400 && status < 500) {
    return new ApiError(status, { message: message ?? 'The request could not be read.' });
  }
  process.emitWarning(error instanceof Error ? error : new Error(String(error)));
  return errors.serverError();
}

/**
 * A failure of zlib while inflating the body: zlib's own codes (`Z_DATA_ERROR`, `Z_BUF_ERROR`...) for
 * gzip and deflate, the Brotli decoder's (`ERR__ERROR_FORMAT_PADDING_1`...) for br.
 */
function isDecompressionError(error: unknown): boolean {
  const { code, errno } = (error ?? {}) as { code?: unknown; errno?: unknown };
  return typeof errno === 'number' && typeof code === 'string' && /^(Z_|ERR__ERROR_)/.test(code);
}

/** How Node's HTTP server recognises `Expect: 100-continue`, which it answers itself. */
const CONTINUE_EXPECTATION = /(?:^|\W)100-continue(?:$|\W)/i;

/**
 * Node answers any other `Expect` with a bare 417 unless a `checkExpectation` listener takes the request;
 * `startServer` hands such requests to this app, which answers them here, in the envelope.
 */
const refuseUnmetExpectation: RequestHandler = (req, res, next) => {
  const { expect } = req.headers;
  if (expect === undefined || CONTINUE_EXPECTATION.test(expect)) return next();
  sendError(req, res, errors.expectationFailed(expect));
};
