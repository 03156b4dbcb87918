import { ApiError, errors, joinQuoted } from '../errors.js';
import { isRecord } from '../is-record.js';
import type { SchemaObject } from '../openapi/load-spec.js';
import type { Violation } from './prism-validator.js';

type RequestSchema = SchemaObject & { properties: Record<string, SchemaObject> };

/**
 * Turns Prism's schema violations into the one error the real API would answer with. The real API reports
 * a single problem: a missing required field first, then the first offending field in schema order.
 */
export function violationToApiError(
  violations: readonly Violation[],
  body: unknown,
  schema: RequestSchema,
  /** The values the request's model accepts for a field, when the schema has no enum for it. */
  acceptedValues: (field: string) => readonly string[] | null | undefined = () => undefined,
): ApiError {
  if (!isRecord(body)) return errors.bodyNotObject(describeValue(body));
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
  const fieldSchema = schema.properties[field] ?? {};
  const accepted = fieldSchema.enum ? undefined : acceptedValues(field);
  return fieldError(
    field,
    first,
    body[field],
    accepted ? { ...fieldSchema, enum: [...accepted] } : fieldSchema,
  );
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
      return errors.invalidValue(
        field,
        String(value),
        (schema.enum ?? []).filter((allowed) => allowed !== null).map(String),
      );
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
  // `nullable` fields reach here as JSON Schema (`type: [t, 'null']`, `null` in the enum): null means omitted.
  const values = schema.enum?.filter((value) => value !== null);
  if (values) return `one of ${joinQuoted(values.map(String), 'or')}`;
  const types = [schema.type as unknown]
    .flat()
    .filter((type): type is string => typeof type === 'string' && type !== 'null');
  switch (types[0]) {
    case 'integer':
      return 'an integer';
    case 'array':
      return 'an array';
    case 'object':
      return 'an object';
    default:
      return `a ${String(types[0] ?? 'value')}`;
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
