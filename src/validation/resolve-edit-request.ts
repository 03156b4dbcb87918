import { errors, type ApiError } from '../errors.js';
import type { SchemaObject, Spec } from '../openapi/load-spec.js';
import { parseSize, type ModelProfile } from '../openapi/models.js';
import { editModels, uploadRulesFor, type UploadRules } from '../uploads/upload-rules.js';
import { describeValue } from './violation-to-api-error.js';
import { resolveRequest, type GenerationRequest, type ResolveOptions } from './resolve-request.js';

/** An edit or variation whose text fields passed validation: a generation's settings, plus its own. */
export interface EditRequest extends GenerationRequest {
  kind: 'edit' | 'variation';
  /** `high` or `low`, for the models that take it; absent otherwise. */
  input_fidelity?: 'high' | 'low';
  /** Whether the size is `auto` (asked for, or the model's default): the first image's aspect decides it. */
  autoSize: boolean;
  /** What the model takes as uploads. */
  rules: UploadRules;
}

export type EditResolution = { ok: true; request: EditRequest } | { ok: false; error: ApiError };

/** The operations, by operationId, and the form fields that carry files rather than text. */
export const EDIT_OPERATION_ID = 'createImageEdit';
export const VARIATION_OPERATION_ID = 'createImageVariation';
const FILE_FIELDS: ReadonlySet<string> = new Set(['image', 'image[]', 'mask']);

/** A variation has no prompt; its picture is drawn from the image alone. */
export const VARIATION_PROMPT = '';

/** The text fields and the names of the file parts of a form (or a JSON edit's fields and its references). */
export interface EditFields {
  /** Text fields by name, as sent: strings in a form (the last of repeated names), JSON values otherwise. */
  fields: Record<string, unknown>;
  /** The names of the file parts, in order (`image`, `image[]`, `mask`, or anything a client sent). */
  fileFields: readonly string[];
  /** Whether the fields are a form's text, to be read as the schema's types first. */
  form: boolean;
}

/**
 * Validates an edit's or a variation's text fields in the real API's order, reusing the generation's
 * validation (Prism against the generation schema, then the model's rules) for the fields the two share:
 * unknown parameters (against the operation's own schema) and fields sent as the wrong kind of part first,
 * then the generation's checks (types, ranges, model rules, the model's existence), then whether the model
 * has this endpoint, then `input_fidelity`. The files are checked afterwards, by `checkUploads`.
 */
export function resolveEditRequest(
  spec: Spec,
  kind: 'edit' | 'variation',
  { fields, fileFields, form }: EditFields,
  options: ResolveOptions,
): EditResolution {
  const operationId = kind === 'edit' ? EDIT_OPERATION_ID : VARIATION_OPERATION_ID;
  const schema = requestSchemaOf(spec, operationId, form ? 'multipart/form-data' : 'application/json');
  const known = (name: string): boolean => name in schema.properties || (form && name === 'image[]');
  const given: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(fields)) {
    if (form && FILE_FIELDS.has(name)) return fail(errors.invalidType(name, 'a file', 'a string'));
    if (!known(name)) {
      if (options.strict) return fail(errors.unknownParameter(name));
      continue;
    }
    given[name] = form ? fromFormText(value, schema.properties[name]) : value;
  }
  for (const name of fileFields) {
    if (FILE_FIELDS.has(name) && known(name)) continue;
    if (name in schema.properties) return fail(errors.invalidType(name, 'a string', 'a file'));
    if (options.strict) return fail(errors.unknownParameter(name));
  }

  const { input_fidelity: fidelity, ...shared } = given;
  const body: Record<string, unknown> =
    kind === 'edit'
      ? shared
      : {
          ...shared,
          // A variation's model defaults to the only one that has them, whatever the server's default.
          model: shared.model ?? schema.properties.model?.default,
          prompt: 'variation',
        };
  const resolution = resolveRequest(spec, body, options);
  if (!resolution.ok) return resolution;
  const request = resolution.request;
  const rules = uploadRulesFor(request.profile);
  const allowed = [...spec.models.values()].filter((model) =>
    kind === 'edit' ? uploadRulesFor(model) !== undefined : uploadRulesFor(model)?.legacyErrors === true,
  );
  if (!rules || !allowed.includes(request.profile)) {
    const names = kind === 'edit' ? editModels(spec.models.values()) : allowed.map((model) => model.id);
    return fail(errors.invalidValue('model', request.model, names));
  }
  const edit: EditRequest = {
    ...request,
    ...(kind === 'variation' ? { prompt: VARIATION_PROMPT } : {}),
    kind,
    autoSize: isAutoSize(body.size, request.profile),
    rules,
  };
  if (fidelity === undefined || fidelity === null) return { ok: true, request: edit };
  if (!rules.inputFidelity) {
    return options.strict ? fail(errors.unknownParameter('input_fidelity')) : { ok: true, request: edit };
  }
  if (fidelity !== 'high' && fidelity !== 'low') {
    return fail(
      typeof fidelity === 'string'
        ? errors.invalidValue('input_fidelity', fidelity, ['high', 'low'])
        : errors.invalidType('input_fidelity', "one of 'high' or 'low'", describeValue(fidelity)),
    );
  }
  return { ok: true, request: { ...edit, input_fidelity: fidelity } };
}

/**
 * The size of an `auto` edit: of the model's sizes with both edges at most 1536 px, the one whose aspect
 * ratio is nearest the first image's (on a log scale, so 2:1 and 1:2 are equally far from 1:1); the first
 * such size wins a tie.
 */
export function sizeForAspect(model: ModelProfile, width: number, height: number): string {
  const aspect = Math.log(width / height);
  let best: { size: string; distance: number } | undefined;
  for (const size of model.sizes) {
    const parsed = parseSize(size);
    if (!parsed || parsed.width > 1536 || parsed.height > 1536) continue;
    const distance = Math.abs(Math.log(parsed.width / parsed.height) - aspect);
    if (!best || distance < best.distance - 1e-9) best = { size, distance };
  }
  return best?.size ?? model.autoSize;
}

function isAutoSize(size: unknown, model: ModelProfile): boolean {
  return size === 'auto' || ((size === undefined || size === null) && model.defaultSize === 'auto');
}

/** A form field's text read as its schema's type: integers and booleans; anything else stays text. */
function fromFormText(value: unknown, schema: SchemaObject | undefined): unknown {
  if (typeof value !== 'string') return value;
  const types = [schema?.type as unknown].flat();
  if (types.includes('integer') && /^[+-]?\d+$/.test(value.trim())) return Number(value);
  if (types.includes('boolean') && (value === 'true' || value === 'false')) return value === 'true';
  return value;
}

type RequestSchema = SchemaObject & { properties: Record<string, SchemaObject> };

/** The request schema of an operation for one media type; a spec without it cannot serve the operation. */
export function requestSchemaOf(spec: Spec, operationId: string, mediaType: string): RequestSchema {
  const operation = spec.operations.find((candidate) => candidate.iid === operationId);
  const content = operation?.request?.body?.contents?.find((entry) => entry.mediaType === mediaType);
  const schema = content?.schema as SchemaObject | undefined;
  return { ...(schema ?? {}), properties: schema?.properties ?? {} };
}

function fail(error: ApiError): { ok: false; error: ApiError } {
  return { ok: false, error };
}
