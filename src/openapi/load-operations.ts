/**
 * Turns the spec into Prism's operations with the OpenAPI 3 half of what Prism's `getHttpOperationsFromSpec`
 * does, with the same libraries at the versions Prism uses: its version also loads the Swagger 2 and Postman
 * converters, a third of our start-up time. Kept here, not in the Prism seam, so that loading the contract
 * needs nothing from validation.
 */
import type { IHttpOperation } from '@stoplight/types';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

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

/** An operation of the loaded spec, as Prism understands it. */
export type Operation = IHttpOperation;

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
