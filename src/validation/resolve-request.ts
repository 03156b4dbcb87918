import { errors, type ApiError } from '../errors.js';
import { isRecord } from '../is-record.js';
import { defaultModelId, type Spec } from '../openapi/load-spec.js';
import type { MockOptions } from '../options.js';
import { parseSize, type ModelProfile } from '../openapi/models.js';
import { checkModelParams } from './check-model-params.js';
import { validateRequestBody } from './prism-validator.js';
import { violationToApiError } from './violation-to-api-error.js';

/** A request that passed validation, every default filled in and every `auto` resolved. */
export interface GenerationRequest {
  model: string;
  profile: ModelProfile;
  prompt: string;
  n: number;
  /** The size produced, `WxH` (`auto` resolved). */
  size: string;
  /** The quality produced (`auto` resolved); `standard` for models without the parameter. */
  quality: string;
  style: string;
  response_format: 'url' | 'b64_json';
  output_format: 'png' | 'jpeg' | 'webp';
  output_compression: number;
  background: 'transparent' | 'opaque';
  stream: boolean;
  partial_images: number;
  user?: string;
}

/** The settings validation reads: `strict` rejects what the real API rejects, `retiredModels` and `defaultModel`. */
export type ResolveOptions = Pick<MockOptions, 'strict' | 'retiredModels' | 'defaultModel'>;

export type Resolution = { ok: true; request: GenerationRequest } | { ok: false; error: ApiError };

/**
 * Validates a parsed JSON body in the real API's order — unknown parameters, the schema's types and ranges,
 * then the model's own rules, then whether the model exists — and applies the defaults.
 */
export function resolveRequest(spec: Spec, body: unknown, options: ResolveOptions): Resolution {
  const { operation, requestSchema } = spec.createImage;
  if (!isRecord(body)) return { ok: false, error: violationToApiError([], body, requestSchema) };
  // `null` means "not given" for an optional field, as the real API reads it; a required one stays wrong.
  const required = new Set(requestSchema.required ?? []);
  const given = Object.fromEntries(
    Object.entries(body).filter(([name, value]) => value !== null || required.has(name)),
  );
  const { strict } = options;
  const unknown = Object.keys(given).find((name) => !(name in requestSchema.properties));
  if (unknown !== undefined) {
    if (strict) return { ok: false, error: errors.unknownParameter(unknown) };
    for (const name of Object.keys(given)) if (!(name in requestSchema.properties)) delete given[name];
  }
  // A model of another type is read as written (`String`); the schema check below names the error.
  const named = given.model as string | undefined | null;
  const modelId = String(named ?? defaultModelId(spec, options.defaultModel));
  const validation = validateRequestBody(operation, given);
  if (!validation.ok) {
    // A wrong type names the model's values, as the real API does: "expected one of '1024x1024', ...".
    const model = spec.models.get(modelId);
    const accepted = (field: string): readonly string[] | null | undefined =>
      field === 'size' ? model?.sizes : field === 'quality' ? model?.quality : undefined;
    return { ok: false, error: violationToApiError(validation.violations, given, requestSchema, accepted) };
  }

  const checked = checkModelParams(given, modelId, spec.models, options);
  if (!checked.ok) return checked;
  return { ok: true, request: applyDefaults(checked.body, checked.model, spec) };
}

function applyDefaults(body: Record<string, unknown>, model: ModelProfile, spec: Spec): GenerationRequest {
  const text = (name: string, fallback: string): string => {
    const value = body[name];
    return typeof value === 'string' ? value : fallback;
  };
  const requestedSize = text('size', model.defaultSize);
  const size = requestedSize === 'auto' || !parseSize(requestedSize) ? model.autoSize : requestedSize;
  const quality = text('quality', model.defaultQuality);
  const outputFormat = text('output_format', 'png') as GenerationRequest['output_format'];
  const background = text('background', 'auto');
  return {
    model: model.id,
    profile: model,
    prompt: String(body.prompt),
    n:
      typeof body.n === 'number' ? body.n : Number(spec.createImage.requestSchema.properties.n?.default ?? 1),
    size,
    quality: quality === 'auto' ? model.autoQuality : quality,
    style: text('style', model.defaultStyle),
    response_format: text(
      'response_format',
      model.defaultResponseFormat,
    ) as GenerationRequest['response_format'],
    output_format: outputFormat,
    output_compression: typeof body.output_compression === 'number' ? body.output_compression : 100,
    // `auto` picks opaque: the model decides, and a plain picture needs no alpha.
    background: background === 'transparent' ? 'transparent' : 'opaque',
    stream: body.stream === true,
    partial_images: typeof body.partial_images === 'number' ? body.partial_images : 0,
    ...(typeof body.user === 'string' ? { user: body.user } : {}),
  };
}
