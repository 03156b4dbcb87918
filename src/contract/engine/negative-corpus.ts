import type { Spec } from '../../openapi/load-spec.js';
import { acceptsSize, cheapestQuality, smallestSize, type ModelProfile } from '../../openapi/models.js';
import type { RejectCaseId } from '../checks/catalogue.js';
import type { PlanProfile } from './model-profile.js';

/** The prompt of every request: short and plain, so no safety system has a reason to object. */
export const CONTRACT_PROMPT = 'A red circle on a white background';

/** One invalid request: the body as sent and the field a good error names (null when there is none). */
export type NegativeCase =
  { id: RejectCaseId; body: string; param: string | null } | { id: RejectCaseId; unavailable: string };

/** Sizes tried, in order, for a size the model does not produce: well-formed, just not this model's. */
const FOREIGN_SIZES = ['1792x1024', '256x256', '1000x1000', '4096x4096'];

/**
 * The cheapest valid generation body for the model: its smallest size (unless another is asked for), its
 * cheapest quality when it takes quality, `response_format` only when it takes one. `model` is always sent.
 */
export function generationBody(
  profile: ModelProfile,
  {
    n = 1,
    responseFormat = 'b64_json',
    size = smallestSize(profile),
  }: { n?: number; responseFormat?: 'url' | 'b64_json'; size?: string } = {},
): Record<string, unknown> {
  return {
    model: profile.id,
    prompt: CONTRACT_PROMPT,
    n,
    size,
    ...(profile.quality ? { quality: cheapestQuality(profile) } : {}),
    ...(profile.responseFormats ? { response_format: responseFormat } : {}),
  };
}

/**
 * The invalid requests, each invalid for this model in exactly one way (the rest of the body is the cheap
 * valid one), so a provider that wrongly accepts one bills as little as possible. Cases that depend on limits
 * an unknown model may not have are unavailable, with the reason.
 */
export function buildNegativeCorpus(spec: Spec, { profile, known }: PlanProfile): NegativeCase[] {
  const base = generationBody(profile);
  const json = (changes: Record<string, unknown>, drop?: string): string => {
    const body: Record<string, unknown> = { ...base, ...changes };
    if (drop) delete body[drop];
    return JSON.stringify(body);
  };
  const unknownModel = `${profile.id} is not in the model table, so its limits are unknown`;
  const specMaxN = Number(spec.createImage.requestSchema.properties.n?.maximum ?? 10);
  const foreignSize = FOREIGN_SIZES.find((size) => !acceptsSize(profile, size));
  const prefix = JSON.stringify(base).slice(0, -1);

  const cases: NegativeCase[] = [
    { id: 'missing-prompt', body: json({}, 'prompt'), param: 'prompt' },
    { id: 'empty-prompt', body: json({ prompt: '' }), param: 'prompt' },
    { id: 'prompt-number', body: json({ prompt: 42 }), param: 'prompt' },
    { id: 'n-zero', body: json({ n: 0 }), param: 'n' },
    { id: 'n-above-max', body: json({ n: (known ? profile.maxN : specMaxN) + 1 }), param: 'n' },
    { id: 'n-string', body: json({ n: '1' }), param: 'n' },
    !known
      ? { id: 'size-unsupported', unavailable: unknownModel }
      : foreignSize
        ? { id: 'size-unsupported', body: json({ size: foreignSize }), param: 'size' }
        : { id: 'size-unsupported', unavailable: `${profile.id} accepts every size tried` },
    { id: 'size-integer', body: json({ size: 1024 }), param: 'size' },
    !known
      ? { id: 'quality-unknown', unavailable: unknownModel }
      : profile.quality
        ? { id: 'quality-unknown', body: json({ quality: 'ultra' }), param: 'quality' }
        : { id: 'quality-unknown', unavailable: `${profile.id} takes no quality parameter` },
    !known
      ? { id: 'response-format-unknown', unavailable: unknownModel }
      : profile.responseFormats
        ? {
            id: 'response-format-unknown',
            body: json({ response_format: 'base64' }),
            param: 'response_format',
          }
        : {
            id: 'response-format-unknown',
            unavailable: `${profile.id} takes no response_format (always b64_json)`,
          },
    { id: 'malformed-json', body: `${prefix},`, param: null },
    { id: 'empty-body', body: '', param: null },
    { id: 'body-array', body: JSON.stringify([base]), param: null },
  ];
  return cases;
}
