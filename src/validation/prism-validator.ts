/**
 * The one seam to @stoplight/prism-http. Prism speaks fp-ts (`Either`); everything outside this file sees
 * plain discriminated unions. Only the router, the security validator and the input/output validators
 * are loaded (deep imports), not Prism's mocker, which keeps start-up fast. For the same reason the spec
 * is turned into operations by the OpenAPI 3 half of what Prism's `getHttpOperationsFromSpec` does, with
 * the same libraries at the versions Prism uses: its version also loads the Swagger 2 and Postman
 * converters, a third of our start-up time.
 */
import type { IHttpOperation } from '@stoplight/types';
import { isLeft, type Either } from 'fp-ts/lib/Either.js';
import { createRequire } from 'node:module';

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

const RefParser = require('@stoplight/json-schema-ref-parser') as new () => {
  dereference: (baseUrl: string, document: object, options: object) => Promise<object>;
};
const { decycle, bundleTarget } = require('@stoplight/json') as {
  decycle: (value: object) => object;
  bundleTarget: (args: { document: object; path: string; cloneDocument: boolean }) => IHttpOperation;
};
const { transformOas3Operations } = require('@stoplight/http-spec/oas3/operation') as {
  transformOas3Operations: (document: object) => IHttpOperation[];
};
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

/** An operation of the loaded spec, as Prism understands it. */
export type Operation = IHttpOperation;

/** A schema violation in a request or response. `path` starts with `body`, `header`, `query` or `path`. */
export interface Violation {
  path: readonly string[];
  /** The JSON Schema keyword that failed (`required`, `type`, `enum`, `maximum`, ...). */
  keyword: string;
  message: string;
}

export type Validation = { ok: true } | { ok: false; violations: Violation[] };

/**
 * Turns a parsed OpenAPI 3 document into operations. The document is not modified. Relative `$ref`s to other
 * files resolve against `baseUrl`, the document's own path (the working directory when absent).
 */
export async function loadOperations(document: object, baseUrl = `${process.cwd()}/`): Promise<Operation[]> {
  const parser = new RefParser();
  const dereferenced = decycle(await parser.dereference(baseUrl, structuredClone(document), {}));
  return transformOas3Operations(dereferenced).map((operation) =>
    bundleTarget({
      document: { ...dereferenced, __target__: operation },
      path: '#/__target__',
      cloneDocument: false,
    }),
  );
}

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
