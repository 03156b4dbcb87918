import cors from 'cors';
import express, { type ErrorRequestHandler, type Express, type Request, type RequestHandler } from 'express';
import { DEFAULTS, resolveOptions } from '../config.js';
import { ConfigError, errorFromThrown, errors } from '../errors.js';
import { RATE_LIMIT_HEADER_NAMES } from '../faults/index.js';
import { createUploadStore } from '../uploads/upload-store.js';
import { routeRequest } from '../validation/prism-validator.js';
import {
  createAppDeps,
  type AppDeps,
  type AppOptions,
  type AppSettings,
  type BuiltDeps,
  type RouteContext,
} from './app-deps.js';
import { ADMIN_IMAGE_PREFIX, serveAdminImage } from './admin-image-route.js';
import { authenticate } from './authenticate.js';
import { IMAGE_ROUTE_PREFIX, serveImage } from './image-route.js';
import { recordRequests } from './journal-recorder.js';
import { ADMIN_PREFIX, addJournalRoutes } from './journal-routes.js';
import { toLogEntry } from './request-log.js';
import { createRoute, uploadBodyLimit } from './routes.js';
import { beginRequest, elapsedMs, sendError, sendJson } from './respond.js';

export type { AppDeps, AppOptions, AppSettings, RouteContext };

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

/** The defaults `createApp(options)` applies, as named in `DEFAULTS` (config.ts); the clock is `Date.now`. */
export const APP_DEFAULTS = {
  apiKeys: DEFAULTS.apiKeys,
  cacheBytes: DEFAULTS.cacheBytes,
  bodyLimitBytes: DEFAULTS.bodyLimitBytes,
  now: Date.now,
  strict: DEFAULTS.strict,
  retiredModels: DEFAULTS.retiredModels,
  latency: DEFAULTS.latency,
  seed: DEFAULTS.seed,
  journalSize: DEFAULTS.journalSize,
  inspector: DEFAULTS.inspector,
} satisfies Partial<AppOptions>;

/**
 * Builds the Express app that serves the spec's image endpoint, the image URLs it hands out and a health
 * check. Every answer, including every failure, is JSON in the real API's envelope. Given its parts already
 * built (`deps`: spec, image store, fault policy, clock), it builds none; given options, it resolves them
 * against `DEFAULTS` and builds the parts first.
 *
 * @example
 * const app = createApp({ spec: await loadSpec() });
 * app.listen(4010);
 */
export function createApp(options: AppOptions): Express;
export function createApp(deps: AppDeps, settings?: AppSettings): Express;
export function createApp(depsOrOptions: AppDeps | AppOptions, settings?: AppSettings): Express {
  // Parts given alone take the default settings, rather than being ignored for parts built anew.
  if (settings === undefined && isAppDeps(depsOrOptions)) return createApp(depsOrOptions, resolveOptions());
  if (settings === undefined) {
    const { spec, now, onRequest, ...given } = depsOrOptions as AppOptions;
    const options = resolveOptions(given);
    return createApp(createAppDeps(spec, options, { now, onRequest }), options);
  }
  const given = depsOrOptions as AppDeps;
  const deps: BuiltDeps = {
    ...given,
    uploads: given.uploads ?? createUploadStore({ cacheBytes: DEFAULTS.cacheBytes }),
  };
  const { spec, now } = deps;
  const apiKeys = new Set(settings.apiKeys);
  if (settings.defaultModel !== undefined && !spec.models.has(settings.defaultModel)) {
    throw new ConfigError(
      `default model '${settings.defaultModel}' is not in the model table of ${spec.source} ` +
        `(${[...spec.models.keys()].join(', ')})`,
    );
  }

  const app = express();
  app.disable('x-powered-by');
  app.set('etag', false);
  app.use((req, res, next) => {
    const state = beginRequest(res);
    const { onRequest } = deps;
    if (onRequest) {
      res.on('finish', () => {
        const fields = {
          time: new Date(now()).toISOString(),
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
  app.use(recordRequests(deps.journal, now, (req) => isOwnBusiness(req, settings.inspector)));
  app.use(
    cors({
      origin: '*',
      maxAge: 86400,
      exposedHeaders: [...EXPOSED_HEADERS],
    }),
  );

  app.use(refuseUnmetExpectation);

  const jsonParser = (limit: number) =>
    express.json({ limit, strict: false, type: ['application/json', 'application/*+json'] });
  const parseJson = jsonParser(settings.bodyLimitBytes);
  for (const operation of spec.operations) {
    const handler = createRoute(operation, { deps, settings });
    const uploadLimit = uploadBodyLimit(operation);
    const parseBody =
      uploadLimit === undefined ? parseJson : jsonParser(Math.max(uploadLimit, settings.bodyLimitBytes));
    const path = operation.path.replace(/\{([^}]+)\}/g, ':$1');
    app[operation.method as 'post'](
      path,
      onlyMethod(operation.method),
      authenticate(operation, apiKeys),
      parseBody,
      handler,
    );
  }
  app.get(`${IMAGE_ROUTE_PREFIX}:file`, serveImage(deps));
  app.get('/health', (_req, res) => sendJson(res, 200, JSON.stringify({ status: 'ok' })));
  if (settings.inspector) {
    addJournalRoutes(app, deps.journal, deps.uploads);
    app.get(`${ADMIN_IMAGE_PREFIX}:file`, serveAdminImage(deps));
  }

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

/**
 * Lets only the operation's own method through: Express answers HEAD with a `get` route, which would make a
 * HEAD the spec does not declare a 200; skipped, it gets the 405 with `Allow` any other method gets.
 */
function onlyMethod(method: string): RequestHandler {
  const upper = method.toUpperCase();
  return (req, _res, next) => next(req.method === upper ? undefined : 'route');
}

/** Requests the journal leaves out: health checks, CORS preflights and, while served, the admin routes. */
function isOwnBusiness(req: Request, inspector: boolean): boolean {
  if (req.path === '/health') return true;
  if (req.method === 'OPTIONS' && req.get('access-control-request-method') !== undefined) return true;
  return inspector && req.path.startsWith(ADMIN_PREFIX);
}

function isAppDeps(value: AppDeps | AppOptions): value is AppDeps {
  return 'images' in value && 'faults' in value;
}

/** Turns whatever was thrown into the envelope; a bug becomes the real API's 500, never a stack trace. */
const handleError: ErrorRequestHandler = (error: unknown, req, res, next) => {
  if (res.headersSent) return next(error);
  const request = { method: req.method, url: req.originalUrl, contentEncoding: req.get('content-encoding') };
  sendError(
    req,
    res,
    errorFromThrown(error, request, (unexpected) => process.emitWarning(unexpected)),
  );
};

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
