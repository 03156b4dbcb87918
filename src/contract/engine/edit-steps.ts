import { cheapestQuality, smallestSize, smallestSizeOfShape } from '../../openapi/models.js';
import { editCostUsd } from './edit-cost.js';
import { EDIT_PROMPT, INPUT_SIZE, MASK_REGION, NOT_AN_IMAGE_TEXT, inputImages } from './edit-inputs.js';
import type { PlanProfile } from './model-profile.js';
import type { ResolvedOptions } from './options.js';
import type { PlanStep } from './plan-steps.js';
import { imagesUrl } from './providers.js';
import type { FormField } from './types.js';

/**
 * The requests to `/images/edits` and `/images/variations`: valid ones that bill one image each, and
 * invalid uploads that must be rejected for free. Every form is the cheapest valid one for the model with
 * one change, sent as multipart/form-data as the official SDKs send it.
 */

/** The invalid uploads, each `reject.<case>` check (the title completes its sentence). The ids are stable. */
export const EDIT_REJECT_CASES = [
  { id: 'edit-not-an-image', title: 'an edit whose image is a text file declared image/png' },
  { id: 'edit-mimetype', title: 'an edit whose image part is declared application/octet-stream' },
  { id: 'edit-mask-size', title: 'an edit whose mask is half the size of the image' },
  { id: 'edit-missing-image', title: 'an edit without image' },
  { id: 'edit-missing-prompt', title: 'an edit without prompt' },
] as const;

export const EDIT_REJECT_PURPOSES: readonly string[] = EDIT_REJECT_CASES.map(({ id }) => `reject.${id}`);

/** The valid uploads, in priority order: `maxImages` keeps the first ones that fit. */
export const EDIT_PURPOSES = ['edit.b64', 'variation.b64', 'edit.mask'] as const;

/** What an edit or variation step sent, for the checks that compare the answer with it. */
export interface Upload {
  endpoint: 'edits' | 'variations';
  /** The image uploaded (the first one). */
  image: Buffer;
  /** The region the mask opened, in fractions of width and height, when a mask was sent. */
  maskRegion?: typeof MASK_REGION;
}

/** Why the model has no edits endpoint, or undefined when it has one. */
export function editsUnavailable({ profile, known }: PlanProfile): string | undefined {
  if (!known && !/^(gpt|chatgpt)-image/.test(profile.id)) {
    return `${profile.id} is not in the model table, so whether it edits images is unknown`;
  }
  if (profile.family === 'gpt-image' || profile.id === 'dall-e-2') return undefined;
  return `${profile.id} has no edits endpoint (dall-e-2 and the GPT image models edit)`;
}

/** Why the model has no variations endpoint, or undefined when it has one. */
export function variationsUnavailable({ profile }: PlanProfile): string | undefined {
  return profile.id === 'dall-e-2' ? undefined : `${profile.id} has no variations endpoint (dall-e-2 only)`;
}

const png = (name: string, bytes: Buffer, summary: string, contentType = 'image/png'): FormField => ({
  name,
  filename: `${name}.png`,
  contentType,
  bytes,
  summary,
});

/**
 * The edit and variation steps by purpose, or why each cannot be sent to this model at this provider.
 * `headers` are the run's own credentials.
 */
export function editCandidates(
  planProfile: PlanProfile,
  options: ResolvedOptions,
  headers: Record<string, string>,
): Map<string, PlanStep | string> {
  const { profile } = planProfile;
  const images = inputImages();
  const square = `${INPUT_SIZE}x${INPUT_SIZE}`;
  const pattern = png('image', images.pattern, `${square} RGBA PNG, a 4x4 grid of coloured squares`);
  // dall-e-2 edits only where the image is transparent when no mask is sent.
  const erased = png('image', images.erased, `${square} RGBA PNG, the grid with its centre transparent`);
  const mask = png('mask', images.mask, `${square} RGBA PNG mask, white with its centre transparent`);
  const size = smallestSizeOfShape(profile, 'square') ?? smallestSize(profile);
  const quality = profile.quality ? cheapestQuality(profile) : profile.defaultQuality;
  const fields = (withPrompt: boolean): FormField[] => [
    ...(withPrompt ? [{ name: 'prompt', value: EDIT_PROMPT }] : []),
    { name: 'model', value: profile.id },
    { name: 'n', value: '1' },
    { name: 'size', value: size },
    ...(profile.quality ? [{ name: 'quality', value: quality }] : []),
    ...(profile.responseFormats ? [{ name: 'response_format', value: 'b64_json' }] : []),
  ];
  const inputs = [{ width: INPUT_SIZE, height: INPUT_SIZE }];
  const editCost = editCostUsd(profile, { quality, size, n: 1, inputs, prompt: EDIT_PROMPT });
  const variationCost = editCostUsd(profile, { quality, size, n: 1, inputs, prompt: '' });
  const step = (
    purpose: string,
    url: string,
    form: FormField[],
    { images: count = 0, price }: { images?: number; price: number },
  ): PlanStep => ({
    purpose,
    imagePriceUsd: price,
    request: {
      method: 'POST',
      url,
      headers: { accept: 'application/json', ...headers },
      form,
      billableImages: count,
      estimatedCostUsd: count * price,
      purpose,
      credentials: 'configured',
    },
    timeoutMs: count > 0 ? options.timeoutMs : options.errorTimeoutMs,
    ...(count > 0 ? { asked: { n: 1, size, responseFormat: 'b64_json' as const } } : {}),
  });

  const candidates = new Map<string, PlanStep | string>();
  const edits = imagesUrl(options.provider, options.model, 'edits');
  const noEdits = editsUnavailable(planProfile) ?? ('unavailable' in edits ? edits.unavailable : undefined);
  const editUrl = 'url' in edits ? edits.url : '';
  const base = profile.id === 'dall-e-2' ? erased : pattern;
  const rejects: Record<(typeof EDIT_REJECT_CASES)[number]['id'], [FormField[], string | null]> = {
    'edit-not-an-image': [
      [{ ...base, bytes: Buffer.from(NOT_AN_IMAGE_TEXT), summary: 'a text file' }, ...fields(true)],
      // The real API's wording for undecodable bytes names no field.
      null,
    ],
    'edit-mimetype': [[{ ...base, contentType: 'application/octet-stream' }, ...fields(true)], 'image'],
    'edit-mask-size': [
      [
        pattern,
        { ...mask, bytes: images.smallMask, summary: `${INPUT_SIZE / 2}x${INPUT_SIZE / 2} RGBA PNG mask` },
        ...fields(true),
      ],
      null,
    ],
    'edit-missing-image': [fields(true), 'image'],
    'edit-missing-prompt': [[base, ...fields(false)], 'prompt'],
  };
  for (const { id } of EDIT_REJECT_CASES) {
    const purpose = `reject.${id}`;
    const [form, param] = rejects[id];
    candidates.set(purpose, noEdits ?? { ...step(purpose, editUrl, form, { price: editCost }), param });
  }
  const edit = (form: FormField[], image: Buffer, masked: boolean): PlanStep | string => {
    if (noEdits) return noEdits;
    const upload: Upload = { endpoint: 'edits', image, ...(masked ? { maskRegion: MASK_REGION } : {}) };
    const purpose = masked ? 'edit.mask' : 'edit.b64';
    return { ...step(purpose, editUrl, [...form, ...fields(true)], { images: 1, price: editCost }), upload };
  };
  candidates.set('edit.b64', edit([base], profile.id === 'dall-e-2' ? images.erased : images.pattern, false));
  const variations = imagesUrl(options.provider, options.model, 'variations');
  const noVariations =
    variationsUnavailable(planProfile) ?? ('unavailable' in variations ? variations.unavailable : undefined);
  candidates.set(
    'variation.b64',
    noVariations ?? {
      ...step('variation.b64', 'url' in variations ? variations.url : '', [pattern, ...fields(false)], {
        images: 1,
        price: variationCost,
      }),
      upload: { endpoint: 'variations', image: images.pattern },
    },
  );
  candidates.set('edit.mask', edit([pattern, mask], images.pattern, true));
  return candidates;
}

/** The value of a text field of a form, or undefined. */
export function formValue(form: readonly FormField[], name: string): string | undefined {
  for (const field of form) if (field.name === name && 'value' in field) return field.value;
  return undefined;
}

/** Whether a step is an edit or variation (its answer is judged by the edit checks, not the generation ones). */
export function isUpload(step: PlanStep): step is PlanStep & { upload: Upload } {
  return step.upload !== undefined;
}
