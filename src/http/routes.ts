import type { RequestHandler } from 'express';
import { ConfigError } from '../errors.js';
import { CREATE_IMAGE_OPERATION_ID } from '../openapi/load-spec.js';
import type { Operation } from '../openapi/load-operations.js';
import type { RouteContext } from './app-deps.js';
import { generationRoute } from './generation-route.js';
import { listModelsRoute, retrieveModelRoute } from './models-route.js';
import { UPLOAD_LIMITS } from '../uploads/upload-limits.js';
import { EDIT_OPERATION_ID, VARIATION_OPERATION_ID } from '../validation/resolve-edit-request.js';
import { editRoute, variationRoute } from './upload-route.js';

/** Builds the handler of one operation from the app's parts and settings. */
export type RouteFactory = (context: RouteContext) => RequestHandler;

/**
 * The operations this server can serve, by operationId. Adding an endpoint: declare the operation in
 * openapi.yaml, write one handler module, register its factory here. Routing, authentication and body
 * parsing come from the spec.
 */
export const ROUTES: ReadonlyMap<string, RouteFactory> = new Map([
  [CREATE_IMAGE_OPERATION_ID, generationRoute],
  ['listModels', listModelsRoute],
  ['retrieveModel', retrieveModelRoute],
  [EDIT_OPERATION_ID, editRoute],
  [VARIATION_OPERATION_ID, variationRoute],
]);

/**
 * The JSON body limit of an operation that takes uploads (an edit's `data:` URLs), in bytes, or undefined for
 * the others, which keep the server's `bodyLimitBytes`. Forms are not parsed as JSON: their reader has its
 * own limits (`UPLOAD_LIMITS`).
 */
export function uploadBodyLimit(operation: Operation): number | undefined {
  return operation.iid === EDIT_OPERATION_ID ? UPLOAD_LIMITS.totalBytes : undefined;
}

/** The handler of a spec operation; a ConfigError for one no factory serves, so a bad spec fails at start. */
export function createRoute(operation: Operation, context: RouteContext): RequestHandler {
  const factory = ROUTES.get(operation.iid ?? '');
  if (!factory) {
    throw new ConfigError(
      `spec ${context.deps.spec.source}: operation ${operation.method.toUpperCase()} ${operation.path} ` +
        `(operationId '${operation.iid ?? ''}') is not one imagegen-mock can serve`,
    );
  }
  return factory(context);
}
