/**
 * The one seam to @stoplight/prism-http. Prism speaks fp-ts (`Either`); everything outside this file sees
 * plain discriminated unions. Only the router, the security validator and the input/output validators
 * are loaded (deep imports), not Prism's mocker, which keeps start-up fast. The operations themselves come
 * from `src/openapi/load-operations.ts`.
 */
import type { IHttpOperation } from '@stoplight/types';
import { isLeft, type Either } from 'fp-ts/lib/Either.js';
import { createRequire } from 'node:module';
import type { Operation } from '../openapi/load-operations.js';

const require = createRequire(import.meta.url);

interface PrismRequest {
  method: string;
  url: { path: string; query?: Record<string, string | string[]> };
  headers?: Record<string, string>;
  body?: unknown;
}
interface PrismResponse {
  statusCode: number;
  headers?: Record<string, string>;
  body?: unknown;
}
interface PrismDiagnostic {
  message: string;
  code?: string | number;
  path?: string[];
}
type ValidatorFn<T> = (args: { resource: IHttpOperation; element: T }) => Either<PrismDiagnostic[], T>;

const validator = require('@stoplight/prism-http/dist/validator/index.js') as {
  validateInput: ValidatorFn<PrismRequest>;
  validateOutput: ValidatorFn<PrismResponse>;
  validateSecurity: ValidatorFn<PrismRequest>;
};
const router = require('@stoplight/prism-http/dist/router/index.js') as {
  default: (args: {
    resources: IHttpOperation[];
    input: PrismRequest;
  }) => Either<Error & { status?: number }, IHttpOperation>;
};

export type { Operation };

/** A schema violation in a request or response. `path` starts with `body`, `header`, `query` or `path`. */
export interface Violation {
  path: readonly string[];
  /** The JSON Schema keyword that failed (`required`, `type`, `enum`, `maximum`, ...). */
  keyword: string;
  message: string;
}

export type Validation = { ok: true } | { ok: false; violations: Violation[] };

export type RouteResult =
  | { ok: true; operation: Operation }
  | { ok: false; reason: 'no_path' }
  | { ok: false; reason: 'no_method'; allowed: string[] };

/** Finds the operation for a method and path, telling an unknown path from a known path with another method. */
export function routeRequest(operations: Operation[], method: string, path: string): RouteResult {
  const result = router.default({
    resources: operations,
    input: { method: method.toLowerCase(), url: { path } },
  });
  if (!isLeft(result)) return { ok: true, operation: result.right };
  if (result.left.status === 405) {
    const allowed = operations
      .filter(
        (operation) =>
          router.default({ resources: [operation], input: { method: operation.method, url: { path } } })
            ._tag === 'Right',
      )
      .map((operation) => operation.method.toUpperCase());
    return { ok: false, reason: 'no_method', allowed };
  }
  return { ok: false, reason: 'no_path' };
}

/** Whether the request satisfies one of the operation's security requirements. */
export function checkSecurity(operation: Operation, headers: Record<string, string>): boolean {
  const request: PrismRequest = { method: operation.method, url: { path: operation.path }, headers };
  return !isLeft(validator.validateSecurity({ resource: operation, element: request }));
}

/** Validates a JSON request body (already parsed) against the operation's request schema. */
export function validateRequestBody(operation: Operation, body: unknown): Validation {
  const request: PrismRequest = {
    method: operation.method,
    url: { path: operation.path },
    headers: { 'content-type': 'application/json', 'content-length': '1' },
    body,
  };
  return toValidation(validator.validateInput({ resource: operation, element: request }));
}

/** Validates a response (status, headers, parsed body) against what the operation declares. */
export function validateResponse(operation: Operation, response: PrismResponse): Validation {
  return toValidation(validator.validateOutput({ resource: operation, element: response }));
}

function toValidation<T>(result: Either<PrismDiagnostic[], T>): Validation {
  if (!isLeft(result)) return { ok: true };
  return {
    ok: false,
    violations: result.left.map((diagnostic) => ({
      path: diagnostic.path ?? ['body'],
      keyword: String(diagnostic.code ?? ''),
      message: diagnostic.message,
    })),
  };
}
