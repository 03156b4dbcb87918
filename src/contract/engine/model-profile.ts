import type { Spec } from '../../openapi/load-spec.js';
import {
  DEFAULT_MODEL_CREATED,
  cheapestQuality,
  pricePerImage,
  type ModelProfile,
} from '../../openapi/models.js';

/** The capabilities the plan works from, and whether they come from the model table or were assumed. */
export interface PlanProfile {
  profile: ModelProfile;
  /** False when the model is not in the table and a conservative default stands in for it. */
  known: boolean;
  notes: string[];
}

const CONSERVATIVE_SIZE = '1024x1024';
const CONSERVATIVE_MAX_N = 2;

/**
 * The model's row of the table, or for a model the table does not know a conservative stand-in: one
 * 1024x1024 size, n at most 2, the family's parameters when the id names a family (`dall-e...`,
 * `gpt-image...`), else plain b64_json and no quality.
 */
export function resolveProfile(spec: Spec, model: string): PlanProfile {
  const listed = spec.models.get(model);
  if (listed) {
    const notes = listed.retired
      ? [`${model} was retired by OpenAI on ${listed.retired}; hosts that still serve it are tested as asked`]
      : [];
    return { profile: listed, known: true, notes };
  }
  const family = /^dall-e/.test(model)
    ? 'dall-e'
    : /^(gpt|chatgpt)-image/.test(model)
      ? 'gpt-image'
      : undefined;
  const models = [...spec.models.values()];
  const base =
    models.find((candidate) => candidate.family === family && !candidate.retired) ??
    models.find((candidate) => candidate.family === family);
  const dearest = Math.max(
    ...models.map((candidate) => pricePerImage(candidate, cheapestQuality(candidate), CONSERVATIVE_SIZE)),
  );
  const profile: ModelProfile = base
    ? {
        ...base,
        id: model,
        retired: null,
        sizes: [CONSERVATIVE_SIZE],
        customSizes: null,
        maxN: CONSERVATIVE_MAX_N,
      }
    : {
        id: model,
        family: 'gpt-image',
        retired: null,
        created: DEFAULT_MODEL_CREATED,
        sizes: [CONSERVATIVE_SIZE],
        customSizes: null,
        defaultSize: CONSERVATIVE_SIZE,
        autoSize: CONSERVATIVE_SIZE,
        maxN: CONSERVATIVE_MAX_N,
        quality: null,
        defaultQuality: 'standard',
        autoQuality: 'standard',
        style: null,
        defaultStyle: 'vivid',
        responseFormats: ['b64_json'],
        defaultResponseFormat: 'b64_json',
        outputFormats: null,
        backgrounds: null,
        moderation: null,
        stream: false,
        promptMaxLength: 1000,
        revisesPrompt: false,
        latency: {},
        outputTokens: null,
        outputTokensPerMegapixel: null,
        pricePerImage: { standard: { [CONSERVATIVE_SIZE]: dearest } },
      };
  const like = base ? `parameters of the ${family} family (as ${base.id})` : 'b64_json and no quality';
  const price = pricePerImage(profile, cheapestQuality(profile), CONSERVATIVE_SIZE);
  return {
    profile,
    known: false,
    notes: [
      `${model} is not in the model table: planned conservatively with ${CONSERVATIVE_SIZE}, n <= ${CONSERVATIVE_MAX_N}, ${like}; ` +
        `cost estimated at $${price.toFixed(3)} per image; checks that need the model's limits are skipped`,
    ],
  };
}
