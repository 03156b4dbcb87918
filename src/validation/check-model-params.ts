import { ApiError, errors } from '../errors.js';
import { acceptsSize, isServed, type ModelProfile, type ModelTable } from '../openapi/models.js';
import type { MockOptions } from '../options.js';

/**
 * The per-model half of validation: what the schema (a superset of every model's fields) cannot say. The
 * rules are the model table's; this file only applies them, in the real API's order: each parameter in
 * schema order, then whether the model exists at all (a bad size on a retired model is a size error).
 */

/** Parameters a model can reject outright, with the table entry that lists the accepted values. */
const MODEL_SPECIFIC: readonly { param: string; accepted: (model: ModelProfile) => boolean }[] = [
  { param: 'quality', accepted: (model) => model.quality !== null },
  { param: 'style', accepted: (model) => model.style !== null },
  { param: 'response_format', accepted: (model) => model.responseFormats !== null },
  { param: 'output_format', accepted: (model) => model.outputFormats !== null },
  { param: 'output_compression', accepted: (model) => model.outputFormats !== null },
  { param: 'background', accepted: (model) => model.backgrounds !== null },
  { param: 'moderation', accepted: (model) => model.moderation !== null },
  { param: 'stream', accepted: (model) => model.stream },
  { param: 'partial_images', accepted: (model) => model.stream },
];

/**
 * `strict`: reject parameters the model does not take (the real API); otherwise drop them.
 * `retiredModels: 'error'`: answer retired models as the real API does today: they do not exist.
 */
export type ModelCheckOptions = Pick<MockOptions, 'strict' | 'retiredModels'>;

/**
 * Checks a schema-valid body (nulls already removed) against its model. Returns the error to answer with,
 * or the body with the parameters the model ignores removed (lenient mode).
 */
export function checkModelParams(
  body: Record<string, unknown>,
  modelId: string,
  models: ModelTable,
  options: ModelCheckOptions,
): { ok: true; model: ModelProfile; body: Record<string, unknown> } | { ok: false; error: ApiError } {
  const model = models.get(modelId);
  if (!model) return { ok: false, error: errors.modelNotFound(modelId) };
  const kept = { ...body };
  for (const { param, accepted } of MODEL_SPECIFIC) {
    if (kept[param] === undefined || accepted(model)) continue;
    if (options.strict) return { ok: false, error: errors.unknownParameter(param) };
    delete kept[param];
  }
  const error = firstValueError(kept, model, models);
  if (error) return { ok: false, error };
  if (!isServed(model, options.retiredModels)) {
    return { ok: false, error: errors.modelNotFound(modelId) };
  }
  return { ok: true, model, body: kept };
}

function firstValueError(
  body: Record<string, unknown>,
  model: ModelProfile,
  models: ModelTable,
): ApiError | undefined {
  const prompt = String(body.prompt);
  if (prompt.length > model.promptMaxLength) {
    return model.family === 'dall-e'
      ? errors.promptTooLongLegacy(prompt)
      : errors.stringTooLong('prompt', model.promptMaxLength, prompt.length);
  }
  const n = body.n;
  if (typeof n === 'number' && n > model.maxN) return errors.integerAboveMax('n', model.maxN, n);
  const size = body.size;
  if (
    typeof size === 'string' &&
    !(size === 'auto' ? model.sizes.includes('auto') : acceptsSize(model, size))
  ) {
    return model.customSizes
      ? errors.invalidCustomSize(size, model.customSizes, model.sizes)
      : errors.invalidValue('size', size, model.sizes);
  }
  const quality = body.quality;
  if (typeof quality === 'string' && model.quality && !model.quality.includes(quality)) {
    // A quality only newer GPT image models take (xhigh on gpt-image-2) has its own message.
    const elsewhere = [...models.values()].some(
      (other) => other.family === model.family && other.quality?.includes(quality),
    );
    return elsewhere && model.family === 'gpt-image'
      ? errors.qualityNotSupported(model.id, quality)
      : errors.invalidValue('quality', quality, model.quality);
  }
  for (const [param, values] of [
    ['style', model.style],
    ['response_format', model.responseFormats],
    ['output_format', model.outputFormats],
    ['background', model.backgrounds],
    ['moderation', model.moderation],
  ] as const) {
    const value = body[param];
    if (typeof value === 'string' && values && !values.includes(value)) {
      return errors.invalidValue(param, value, values);
    }
  }
  const outputFormat = typeof body.output_format === 'string' ? body.output_format : 'png';
  if (body.background === 'transparent' && outputFormat === 'jpeg') {
    return errors.transparentNeedsAlpha(outputFormat);
  }
  return undefined;
}
