import type { Spec } from '../../openapi/load-spec.js';
import { acceptsSize, cheapestQuality, smallestSize, type ModelProfile } from '../../openapi/models.js';
import type { PlanProfile } from './model-profile.js';

/** The negative corpus's cases, each one `reject.<case>` check (the title completes its sentence). The ids are stable. */
export const REJECT_CASES = [
  { id: 'missing-prompt', title: 'a body without prompt' },
  { id: 'empty-prompt', title: 'an empty prompt' },
  { id: 'prompt-number', title: 'a prompt that is a number' },
  { id: 'n-zero', title: 'n = 0' },
  { id: 'n-above-max', title: "n above the model's maximum" },
  { id: 'n-string', title: 'n as a string' },
  { id: 'size-unsupported', title: 'a size the model does not produce' },
  { id: 'size-integer', title: 'size as an integer' },
  { id: 'quality-unknown', title: 'an unknown quality (models that take quality)' },
  { id: 'response-format-unknown', title: 'an unknown response_format (models that take it)' },
  { id: 'malformed-json', title: 'a body that is not valid JSON' },
  { id: 'empty-body', title: 'an empty body' },
  { id: 'body-array', title: 'a JSON array instead of an object' },
] as const;

export type RejectCaseId = (typeof REJECT_CASES)[number]['id'];

/** The purpose of each case's request, `reject.<case>`: also the id of the check that judges it. */
export const REJECT_PURPOSES: readonly string[] = REJECT_CASES.map((rejectCase) => `reject.${rejectCase.id}`);

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
