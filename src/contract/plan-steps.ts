import type { Spec } from '../spec/load-spec.js';
import { cheapestQuality, pricePerImage, smallestSize } from '../spec/models.js';
import type { PlanProfile } from './model-profile.js';
import { buildNegativeCorpus, generationBody } from './negative-corpus.js';
import type { ResolvedOptions } from './options.js';
import { GENERATIONS } from './plan-needs.js';
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
  /** Reject steps: the field a good error names, or null. */
  param?: string | null;
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
  const keyHeader = provider.apiKey === undefined ? {} : authHeader(provider, provider.apiKey);
  const step = (purpose: string, body: string, headers: Record<string, string>, images = 0): PlanStep => {
    const quality = profile.quality ? cheapestQuality(profile) : profile.defaultQuality;
    const estimatedCostUsd = images * pricePerImage(profile, quality, smallestSize(profile));
    return {
      purpose,
      request: {
        method: 'POST',
        url,
        headers: { 'content-type': 'application/json', accept: 'application/json', ...headers },
        body,
        billableImages: images,
        estimatedCostUsd,
        purpose,
      },
      timeoutMs: images > 0 ? options.timeoutMs : options.errorTimeoutMs,
    };
  };

  const candidates = new Map<string, PlanStep | string>();
  const validBody = JSON.stringify(generationBody(profile));
  candidates.set('auth.missing-key', step('auth.missing-key', validBody, {}));
  candidates.set('auth.wrong-key', step('auth.wrong-key', validBody, authHeader(provider, WRONG_API_KEY)));
  for (const entry of buildNegativeCorpus(spec, planProfile)) {
    const purpose = `reject.${entry.id}`;
    candidates.set(
      purpose,
      'body' in entry ? { ...step(purpose, entry.body, keyHeader), param: entry.param } : entry.unavailable,
    );
  }
  for (const { purpose, n, responseFormat, unavailable } of GENERATIONS) {
    const reason = unavailable(profile, options);
    const body = JSON.stringify(generationBody(profile, { n, responseFormat }));
    const asked = {
      n,
      size: smallestSize(profile),
      responseFormat: profile.responseFormats ? responseFormat : 'b64_json',
    } as const;
    candidates.set(purpose, reason ?? { ...step(purpose, body, keyHeader, n), asked });
  }
  return candidates;
}

/** Images the requests that must be rejected would make if a provider wrongly accepted them all. */
export function worstCaseImages(steps: readonly PlanStep[]): number {
  return steps
    .filter((step) => step.request.billableImages === 0)
    .reduce((total, step) => total + requestedImages(step.request.body), 0);
}

function requestedImages(body: string | undefined): number {
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
