import type { ModelProfile } from '../openapi/models.js';

/**
 * What a model takes as uploads, by family: the GPT image models up to 16 images in any of the real API's
 * three formats under 50 MB each; dall-e-2 one square PNG under 4 MB, with transparency where no mask says
 * where to edit. The mask is a PNG under 4 MB for both. One table, so the checks stay free of model names.
 */
export interface UploadRules {
  maxImages: number;
  maxImageBytes: number;
  /** The part types accepted, in the order the error message lists them. */
  mimetypes: readonly string[];
  /** Whether several images may come as repeated `image[]` parts (dall-e-2 takes `image` only). */
  takesImageArray: boolean;
  /** dall-e-2: the image must be square. */
  square: boolean;
  maxMaskBytes: number;
  /** Whether the model answers upload errors in the older family's wording (dall-e-2). */
  legacyErrors: boolean;
  /** Whether the model takes `input_fidelity`. */
  inputFidelity: boolean;
}

const MB = 1024 * 1024;

const GPT_IMAGE: UploadRules = {
  maxImages: 16,
  maxImageBytes: 50 * MB,
  mimetypes: ['image/jpeg', 'image/png', 'image/webp'],
  takesImageArray: true,
  square: false,
  maxMaskBytes: 4 * MB,
  legacyErrors: false,
  inputFidelity: true,
};

const DALL_E: UploadRules = {
  maxImages: 1,
  maxImageBytes: 4 * MB,
  mimetypes: ['image/png'],
  takesImageArray: false,
  square: true,
  maxMaskBytes: 4 * MB,
  legacyErrors: true,
  inputFidelity: false,
};

/** Models of the GPT image family that do not take `input_fidelity`, as the real API documents. */
const WITHOUT_INPUT_FIDELITY: ReadonlySet<string> = new Set(['gpt-image-1-mini']);

/**
 * The upload rules of a model, or undefined when it has no edits endpoint: of the DALL-E family only
 * dall-e-2 edits, and it is the one without `style` (dall-e-3 has it), which holds for models copied from
 * either with `like:`.
 */
export function uploadRulesFor(model: ModelProfile): UploadRules | undefined {
  if (model.family === 'dall-e') return model.style === null ? DALL_E : undefined;
  return WITHOUT_INPUT_FIDELITY.has(model.id) ? { ...GPT_IMAGE, inputFidelity: false } : GPT_IMAGE;
}

/** The models an edit may name, for the error that lists them. */
export function editModels(models: Iterable<ModelProfile>): string[] {
  return [...models].filter((model) => uploadRulesFor(model) !== undefined).map((model) => model.id);
}
