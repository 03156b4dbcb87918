import { loadSpec, type Spec } from '../spec/load-spec.js';
import { cheapestQuality, pricePerImage, smallestSize } from '../spec/models.js';
import { selectChecks } from './checks/catalogue.js';
import { buildNegativeCorpus, generationBody } from './negative-corpus.js';
import { resolveProfile, type PlanProfile } from './model-profile.js';
import { resolveOptions, type ResolvedOptions } from './options.js';
import { authHeader, generationUrl } from './providers.js';
import { GENERATIONS, neededSteps } from './plan-needs.js';
import type { CheckDefinition, ContractOptions, ContractPlan, PlannedRequest } from './types.js';

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

/** The whole plan, with the loaded spec and options the run needs. */
export interface FullPlan extends ContractPlan {
  options: ResolvedOptions;
  spec: Spec;
  planProfile: PlanProfile;
  steps: PlanStep[];
  skipped: (CheckDefinition & { reason: string })[];
  notes: string[];
}

/**
 * Every request a run would send, with the estimated cost; sends nothing (`--dry-run`). Image URLs in url
 * answers are fetched too, but they cannot be known in advance and are not billed.
 *
 * @example
 * const plan = await planContract({ provider: { kind: 'openai', baseUrl: 'https://api.openai.com/v1' }, model: 'gpt-image-1' });
 * console.log(plan.billableImages, plan.estimatedCostUsd);
 */
export async function planContract(options: ContractOptions): Promise<ContractPlan> {
  const { model, requests, checks, billableImages, estimatedCostUsd, skipped, notes } =
    await buildPlan(options);
  return { model, requests, checks, billableImages, estimatedCostUsd, skipped, notes };
}

/** The plan with its internals: each step's purpose, timeout and expectations. */
export async function buildPlan(contractOptions: ContractOptions): Promise<FullPlan> {
  const options = resolveOptions(contractOptions);
  const spec = await loadSpec(options.specPath);
  const planProfile = resolveProfile(spec, options.model);
  const { profile } = planProfile;
  const { provider } = options;
  const { apiKey } = provider;
  const url = generationUrl(provider, options.model);
  const keyHeader = apiKey === undefined ? {} : authHeader(provider, apiKey);
  const base = { 'content-type': 'application/json', accept: 'application/json' };
  const free = (
    purpose: string,
    body: string,
    headers: Record<string, string>,
    param?: string | null,
  ): PlanStep => ({
    purpose,
    request: {
      method: 'POST',
      url,
      headers: { ...base, ...headers },
      body,
      billableImages: 0,
      estimatedCostUsd: 0,
      purpose,
    },
    timeoutMs: options.errorTimeoutMs,
    ...(param === undefined ? {} : { param }),
  });

  const corpus = buildNegativeCorpus(spec, planProfile);
  const validBody = JSON.stringify(generationBody(profile));
  const quality = profile.quality ? cheapestQuality(profile) : profile.defaultQuality;
  const size = smallestSize(profile);
  const candidates = new Map<string, PlanStep | string>();
  candidates.set('auth.missing-key', free('auth.missing-key', validBody, {}));
  candidates.set('auth.wrong-key', free('auth.wrong-key', validBody, authHeader(provider, WRONG_API_KEY)));
  for (const entry of corpus) {
    const purpose = `reject.${entry.id}`;
    candidates.set(
      purpose,
      'unavailable' in entry ? entry.unavailable : free(purpose, entry.body, keyHeader, entry.param),
    );
  }
  for (const generation of GENERATIONS) {
    const unavailable = generation.unavailable(profile, options);
    if (unavailable) {
      candidates.set(generation.purpose, unavailable);
      continue;
    }
    const { n, responseFormat } = generation;
    const body = JSON.stringify(generationBody(profile, { n, responseFormat }));
    const estimatedCostUsd = n * pricePerImage(profile, quality, size);
    candidates.set(generation.purpose, {
      purpose: generation.purpose,
      request: {
        method: 'POST',
        url,
        headers: { ...base, ...keyHeader },
        body,
        billableImages: n,
        estimatedCostUsd,
        purpose: generation.purpose,
      },
      timeoutMs: options.timeoutMs,
      asked: { n, size, responseFormat: profile.responseFormats ? responseFormat : 'b64_json' },
    });
  }

  const selected = selectChecks(options.only, options.skip);
  const { steps, checks, skipped } = neededSteps(selected, candidates, options.maxImages);
  const notes = [...planProfile.notes];
  if (apiKey === undefined) notes.push('no API key given: requests that should succeed are sent without one');
  const worstCase = steps
    .filter((step) => step.request.billableImages === 0)
    .reduce((sum, step) => sum + requestedImages(step.request.body), 0);
  if (worstCase > 0) {
    notes.push(
      `a provider that wrongly accepts the requests it must reject could generate up to ${worstCase} more images`,
    );
  }
  return {
    model: options.model,
    requests: steps.map((step) => step.request),
    checks,
    billableImages: sum(steps.map((step) => step.request.billableImages)),
    estimatedCostUsd: sum(steps.map((step) => step.request.estimatedCostUsd)),
    skipped,
    notes,
    options,
    spec,
    planProfile,
    steps,
  };
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

function sum(values: number[]): number {
  return values.reduce((total, value) => total + value, 0);
}
