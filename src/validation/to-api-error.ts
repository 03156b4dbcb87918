import { ApiError, errors, joinQuoted } from '../errors.js';
import type { SchemaObject } from '../spec/load-spec.js';
import type { Violation } from './prism-validator.js';

type RequestSchema = SchemaObject & { properties: Record<string, SchemaObject> };

/**
 * Turns Prism's schema violations into the one error the real API would answer with. The real API reports
 * a single problem: a missing required field first, then the first offending field in schema order.
 */
export function toApiError(violations: readonly Violation[], body: unknown, schema: RequestSchema): ApiError {
  if (!isPlainObject(body)) return errors.bodyNotObject(describeValue(body));
  const missing = (schema.required ?? []).find((field) => body[field] === undefined);
  if (missing !== undefined) return errors.missingParameter(missing);

  const order = Object.keys(schema.properties);
  const rank = (violation: Violation): number => {
    const index = order.indexOf(violation.path[1] ?? '');
    return index === -1 ? order.length : index;
  };
  const first = [...violations].sort((a, b) => rank(a) - rank(b) || keywordRank(a) - keywordRank(b))[0];
  const field = first?.path[1];
  if (!first || field === undefined) {
    return errors.invalidParameter(null, first?.message ?? 'The request body is invalid.');
  }
  return fieldError(field, first, body[field], schema.properties[field] ?? {});
}

/** A type error explains more than a range error on the same field, so it wins. */
function keywordRank(violation: Violation): number {
  return violation.keyword === 'type' ? 0 : 1;
}

function fieldError(field: string, violation: Violation, value: unknown, schema: SchemaObject): ApiError {
  switch (violation.keyword) {
    case 'type':
      return errors.invalidType(field, describeExpected(schema), describeValue(value));
    case 'enum':
      return errors.invalidValue(field, String(value), (schema.enum ?? []).map(String));
    case 'minimum':
      return errors.integerBelowMin(field, schema.minimum ?? 0, Number(value));
    case 'maximum':
      return errors.integerAboveMax(field, schema.maximum ?? 0, Number(value));
    case 'minLength':
      return errors.stringTooShort(field, schema.minLength ?? 0, String(value).length);
    case 'maxLength':
      return errors.stringTooLong(field, schema.maxLength ?? 0, String(value).length);
    default:
      return errors.invalidParameter(field, `Invalid '${field}': ${violation.message}.`);
  }
}

function describeExpected(schema: SchemaObject): string {
  if (schema.enum) return `one of ${joinQuoted(schema.enum.map(String), 'or')}`;
  switch (schema.type) {
    case 'integer':
      return 'an integer';
    case 'array':
      return 'an array';
    case 'object':
      return 'an object';
    default:
      return `a ${schema.type ?? 'value'}`;
  }
}

/** How the real API names the JSON type it received: `an integer`, `a decimal`, `a string`, ... */
export function describeValue(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  switch (typeof value) {
    case 'number':
      return Number.isInteger(value) ? 'an integer' : 'a decimal';
    case 'string':
      return 'a string';
    case 'boolean':
      return 'a boolean';
    case 'object':
      return 'an object';
    default:
      return 'nothing';
  }
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
