import type { ApiError } from '../errors.js';
import type { Spec } from '../spec/load-spec.js';
import { validateRequestBody } from './prism-validator.js';
import { isPlainObject, toApiError } from './to-api-error.js';

/** A request that passed validation, every default from the spec filled in. */
export interface GenerationRequest {
  model: string;
  prompt: string;
  n: number;
  size: string;
  quality: string;
  style: string;
  response_format: string;
  user?: string;
}

export type Resolution = { ok: true; request: GenerationRequest } | { ok: false; error: ApiError };

/** Validates a parsed JSON body against the spec and applies the spec's defaults. */
export function resolveRequest(spec: Spec, body: unknown): Resolution {
  const { operation, requestSchema } = spec.createImage;
  const validation = validateRequestBody(operation, body);
  if (!validation.ok || !isPlainObject(body)) {
    const violations = validation.ok ? [] : validation.violations;
    return { ok: false, error: toApiError(violations, body, requestSchema) };
  }
  const merged: Record<string, unknown> = {};
  for (const [name, schema] of Object.entries(requestSchema.properties)) {
    merged[name] = body[name] ?? schema.default;
  }
  return {
    ok: true,
    request: {
      model: String(merged.model),
      prompt: String(merged.prompt),
      n: Number(merged.n),
      size: String(merged.size),
      quality: String(merged.quality),
      style: String(merged.style),
      response_format: String(merged.response_format),
      ...(typeof merged.user === 'string' ? { user: merged.user } : {}),
    },
  };
}
