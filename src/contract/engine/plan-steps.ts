import type { Spec } from '../../openapi/load-spec.js';
import {
  cheapestQuality,
  pricePerImage,
  smallestSize,
  smallestSizeOfShape,
  type ModelProfile,
} from '../../openapi/models.js';
import { editCandidates, formValue, type Upload } from './edit-steps.js';
import type { PlanProfile } from './model-profile.js';
import { buildNegativeCorpus, generationBody } from './negative-corpus.js';
import type { ResolvedOptions } from './options.js';
import { CREDENTIALS_PROBE, GENERATIONS, type Generation } from './plan-needs.js';
import { authHeader, generationUrl } from './providers.js';
import type { PlannedRequest } from './types.js';

/** A key no provider issues: the `auth.wrong-key` request sends it, and repros may show it as is. */
export const WRONG_API_KEY = 'sk-imagegen-contract-wrong-key-0000000000';

/** One request of the plan with what the checks need to judge its answer. */
export interface PlanStep {
  purpose: string;
  request: PlannedRequest;
  timeoutMs: number;
  /** Generation steps: what was asked for. */
  asked?: { n: number; size: string; responseFormat: 'url' | 'b64_json' };
  /** What one image of this request costs, for the bill of what came back (a wrongly accepted rejection too). */
  imagePriceUsd: number;
  /** Reject steps: the field a good error names, or null. */
  param?: string | null;
  /** Edit and variation steps: what was uploaded, for the checks that compare the answer with it. */
  upload?: Upload;
}

/**
 * Every request the run could send, by purpose, in the order they go out (the free ones first, so an
 * unreachable host shows before anything is spent), or why it cannot be sent to this model.
 */
export function candidateSteps(
  spec: Spec,
  planProfile: PlanProfile,
  options: ResolvedOptions,
): Map<string, PlanStep | string> {
  const { profile } = planProfile;
  const { provider } = options;
  const url = generationUrl(provider, options.model);
  const configured = provider.apiKey === undefined ? {} : authHeader(provider, provider.apiKey);
  const quality = profile.quality ? cheapestQuality(profile) : profile.defaultQuality;
  const step = (
    purpose: string,
    body: string,
    credentials: 'configured' | 'omitted' | 'wrong',
    { images = 0, size = smallestSize(profile) }: { images?: number; size?: string } = {},
  ): PlanStep => {
    const headers =
      credentials === 'configured'
        ? configured
        : credentials === 'wrong'
          ? authHeader(provider, WRONG_API_KEY)
          : {};
    const imagePriceUsd = pricePerImage(profile, quality, size);
    return {
      purpose,
      imagePriceUsd,
      request: {
        method: 'POST',
        url,
        headers: { 'content-type': 'application/json', accept: 'application/json', ...headers },
        body,
        billableImages: images,
        estimatedCostUsd: images * imagePriceUsd,
        purpose,
        credentials,
      },
      timeoutMs: images > 0 ? options.timeoutMs : options.errorTimeoutMs,
    };
  };

  const candidates = new Map<string, PlanStep | string>();
  const validBody = JSON.stringify(generationBody(profile));
  candidates.set('auth.missing-key', step('auth.missing-key', validBody, 'omitted'));
  candidates.set('auth.wrong-key', step('auth.wrong-key', validBody, 'wrong'));
  for (const entry of buildNegativeCorpus(spec, planProfile)) {
    const purpose = `reject.${entry.id}`;
    candidates.set(
      purpose,
      'body' in entry
        ? { ...step(purpose, entry.body, 'configured'), param: entry.param }
        : entry.unavailable,
    );
  }
  const uploads = editCandidates(planProfile, options, configured);
  for (const [purpose, candidate] of uploads) {
    if (purpose.startsWith('reject.')) candidates.set(purpose, candidate);
  }
  for (const generation of GENERATIONS) {
    const { purpose, n } = generation;
    const size = sizeFor(profile, generation);
    const reason =
      generation.unavailable?.(profile, options) ??
      (size === undefined ? `${profile.id} has no ${generation.shape} size` : undefined);
    if (reason !== undefined || size === undefined) {
      candidates.set(purpose, reason ?? 'no size');
      continue;
    }
    const responseFormat = profile.responseFormats ? generation.responseFormat : 'b64_json';
    const body = JSON.stringify(generationBody(profile, { n, responseFormat, size }));
    const asked = { n, size, responseFormat };
    candidates.set(purpose, { ...step(purpose, body, 'configured', { images: n, size }), asked });
  }
  for (const [purpose, candidate] of uploads) {
    if (!purpose.startsWith('reject.')) candidates.set(purpose, candidate);
  }
  const missingPrompt = { ...generationBody(profile) };
  delete missingPrompt.prompt;
  candidates.set(CREDENTIALS_PROBE, step(CREDENTIALS_PROBE, JSON.stringify(missingPrompt), 'configured'));
  return candidates;
}

/** The size a generating request asks for: the smallest of its shape, else of its fallback shape. */
function sizeFor(profile: ModelProfile, generation: Generation): string | undefined {
  const shaped = smallestSizeOfShape(profile, generation.shape);
  if (shaped !== undefined) return shaped;
  if (generation.fallback === undefined) return undefined;
  return smallestSizeOfShape(profile, generation.fallback) ?? smallestSize(profile);
}

/** Images the requests that must be rejected would make if a provider wrongly accepted them all. */
export function worstCaseImages(steps: readonly PlanStep[]): number {
  return steps
    .filter((step) => step.request.billableImages === 0)
    .reduce((total, step) => total + requestedImages(step.request), 0);
}

function requestedImages({ body, form }: PlannedRequest): number {
  if (form) {
    // An upload a provider wrongly accepts makes its n images, whatever is wrong with it.
    const n = Number(formValue(form, 'n') ?? 1);
    return Number.isInteger(n) && n > 0 ? n : 1;
  }
  try {
    const parsed = JSON.parse(body ?? '') as unknown;
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return 0;
    const { n, prompt } = parsed as Record<string, unknown>;
    if (typeof prompt !== 'string' || prompt === '') return 0;
    return typeof n === 'number' && Number.isInteger(n) && n > 0 ? n : 1;
  } catch {
    return 0;
  }
}
