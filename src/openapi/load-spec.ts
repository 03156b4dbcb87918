import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';
import type { OpenAPIV3 } from 'openapi-types';
import { ConfigError } from '../errors.js';
import type { Operation } from './load-operations.js';
import { MODEL_TABLE_KEY, parseModelTable, type ModelTable } from './models.js';
import { readSpecCache } from './spec-cache.js';

export type SchemaObject = OpenAPIV3.SchemaObject;

/** The loaded contract: Prism's operations plus the request schema of the image generation operation. */
export interface Spec {
  /** Where the spec came from, for messages. */
  source: string;
  operations: Operation[];
  createImage: {
    operation: Operation;
    /** The request body schema, references resolved. */
    requestSchema: SchemaObject & { properties: Record<string, SchemaObject> };
  };
  /** What each model accepts and answers, from `x-imagegen-models`. */
  models: ModelTable;
}

// Prism's own YAML parser (its reference resolver loads it anyway), loaded on first use: a start with the
// bundled spec and its build-time cache (spec-cache.ts) needs neither.
const parseWithPointers = (
  text: string,
): {
  data: unknown;
  diagnostics: { message: string; severity: number; range: { start: { line: number } } }[];
} =>
  (
    createRequire(import.meta.url)('@stoplight/yaml') as {
      parseWithPointers: typeof parseWithPointers;
    }
  ).parseWithPointers(text);

/** The operation the image endpoint is bound to, by operationId. */
export const CREATE_IMAGE_OPERATION_ID = 'createImage';

/** The model of a request that names none: the `defaultModel` setting if set, else the spec's default. */
export function defaultModelId(spec: Spec, defaultModel?: string): string {
  return defaultModel ?? String(spec.createImage.requestSchema.properties.model?.default);
}

/** Request fields whose defaults come from the schema; the others' come from the model table. */
const FIELDS_WITH_DEFAULTS = ['model', 'n'] as const;

/** Reads, parses and checks an OpenAPI file. Anything wrong is a ConfigError that names the file. */
export async function loadSpec(path: string = DEFAULT_SPEC_PATH): Promise<Spec> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (cause) {
    throw new ConfigError(`cannot read spec ${path}: ${(cause as Error).message}`, { cause });
  }
  const cached = readSpecCache(text);
  if (cached) return toSpec(cached.document as OpenAPIV3.Document, cached.operations, path);
  return createSpec(parseSpecText(text, path), { source: path, baseUrl: resolve(path) });
}

/** Parses a spec file's text (YAML or JSON); a syntax error is a ConfigError that names the file and line. */
export function parseSpecText(text: string, path: string): unknown {
  const { data, diagnostics } = parseWithPointers(text);
  const error = diagnostics.find((diagnostic) => diagnostic.severity === 0);
  if (error) {
    throw new ConfigError(
      `spec ${path} is not valid YAML or JSON: ${error.message} (line ${error.range.start.line + 1})`,
    );
  }
  return data;
}

/**
 * Builds a Spec from an already parsed OpenAPI 3 document. `source` names it in messages; relative `$ref`s
 * to other files resolve against `baseUrl` (the file's path).
 */
export async function createSpec(
  document: unknown,
  { source = '<document>', baseUrl }: { source?: string; baseUrl?: string } = {},
): Promise<Spec> {
  if (!isOpenApi3(document)) {
    throw new ConfigError(`spec ${source} is not an OpenAPI 3 document (no 'openapi: 3.x' and 'paths')`);
  }
  let operations: Operation[];
  try {
    // Loaded here, on first use: the converter and reference resolver are a fifth of start-up's own work,
    // and a start with the bundled spec's cache (spec-cache.ts) needs neither.
    const { loadOperations } = await import('./load-operations.js');
    operations = await loadOperations(document, baseUrl);
  } catch (cause) {
    throw new ConfigError(`spec ${source} cannot be loaded: ${(cause as Error).message}`, { cause });
  }
  return toSpec(document, operations, source);
}

/** The Spec of a document and its operations, checked for what this server needs of them. */
function toSpec(document: OpenAPIV3.Document, operations: Operation[], source: string): Spec {
  const operation = operations.find((candidate) => candidate.iid === CREATE_IMAGE_OPERATION_ID);
  if (!operation) {
    throw new ConfigError(`spec ${source} has no operation with operationId '${CREATE_IMAGE_OPERATION_ID}'`);
  }
  const content = operation.request?.body?.contents?.find((entry) => entry.mediaType === 'application/json');
  const schema = content?.schema as SchemaObject | undefined;
  if (!schema || schema.type !== 'object' || !schema.properties) {
    throw new ConfigError(
      `spec ${source}: '${CREATE_IMAGE_OPERATION_ID}' needs an application/json request body with an object schema`,
    );
  }
  const properties = schema.properties as Record<string, SchemaObject>;
  if (!properties.prompt || !schema.required?.includes('prompt')) {
    throw new ConfigError(`spec ${source}: the request schema must require 'prompt'`);
  }
  const missing = FIELDS_WITH_DEFAULTS.filter((field) => properties[field]?.default === undefined);
  if (missing.length > 0) {
    throw new ConfigError(`spec ${source}: the request schema must give a default for ${missing.join(', ')}`);
  }
  const models = parseModelTable(document[MODEL_TABLE_KEY as keyof typeof document], source);
  return { source, operations, createImage: { operation, requestSchema: { ...schema, properties } }, models };
}

function isOpenApi3(document: unknown): document is OpenAPIV3.Document {
  if (typeof document !== 'object' || document === null) return false;
  const { openapi, paths } = document as Record<string, unknown>;
  return (
    typeof openapi === 'string' && openapi.startsWith('3.') && typeof paths === 'object' && paths !== null
  );
}

/** The contract bundled with the package. */
export const DEFAULT_SPEC_PATH = fileURLToPath(new URL('../../openapi.yaml', import.meta.url));
