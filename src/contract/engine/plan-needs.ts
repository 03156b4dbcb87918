import type { ModelProfile, SizeShape } from '../../openapi/models.js';
import { definitionOf, type ContractCheck } from './check.js';
import { EDIT_REJECT_PURPOSES } from './edit-steps.js';
import { REJECT_PURPOSES } from './negative-corpus.js';
import type { ResolvedOptions } from './options.js';
import type { PlanStep } from './plan-steps.js';
import type { CheckDefinition } from './types.js';

/** What a generating request asks for beyond the cheapest valid body. */
export interface Generation {
  purpose: string;
  n: number;
  responseFormat: 'url' | 'b64_json';
  /** The shape of size asked for, each at the model's smallest size of that shape. */
  shape: SizeShape;
  /** The shape used instead when the model has none of `shape` (else the step is unavailable). */
  fallback?: SizeShape;
  /** Left out when this step is planned with the same shape: it would only repeat what that one shows. */
  coveredBy?: string;
  unavailable?: (profile: ModelProfile, options: ResolvedOptions) => string | undefined;
}

/**
 * The generating requests, in priority order: `maxImages` keeps the first ones that fit. Together they
 * ask for every shape of size the model offers (square, landscape, portrait), so a provider that always
 * draws one shape cannot pass `image.dimensions`; the n=2 request asks for landscape where the model has
 * it, so the default budget of 4 images covers all three shapes.
 */
export const GENERATIONS: readonly Generation[] = [
  { purpose: 'generate.b64', n: 1, responseFormat: 'b64_json', shape: 'square', fallback: 'landscape' },
  {
    purpose: 'generate.n2',
    n: 2,
    responseFormat: 'b64_json',
    shape: 'landscape',
    fallback: 'square',
    unavailable: (profile) => (profile.maxN < 2 ? `${profile.id} takes n = ${profile.maxN} only` : undefined),
  },
  { purpose: 'generate.portrait', n: 1, responseFormat: 'b64_json', shape: 'portrait' },
  {
    purpose: 'generate.landscape',
    n: 1,
    responseFormat: 'b64_json',
    shape: 'landscape',
    coveredBy: 'generate.n2',
  },
  {
    purpose: 'generate.url',
    n: 1,
    responseFormat: 'url',
    shape: 'square',
    fallback: 'landscape',
    unavailable: (profile) =>
      profile.responseFormats?.includes('url') ? undefined : `${profile.id} answers with b64_json only`,
  },
  {
    purpose: 'generate.repeat',
    n: 1,
    responseFormat: 'b64_json',
    shape: 'square',
    fallback: 'landscape',
    unavailable: (_profile, options) =>
      options.expectDeterministic
        ? undefined
        : 'only with expectDeterministic (real providers are not deterministic)',
  },
];

/** The steps that ask for images of each shape, for `image.dimensions`. */
export const SHAPED_PURPOSES: readonly string[] = [
  'generate.b64',
  'generate.n2',
  'generate.portrait',
  'generate.landscape',
  'generate.url',
];

/** The requests sent without a key and with a wrong one. */
export const AUTH_PURPOSES = ['auth.missing-key', 'auth.wrong-key'] as const;

/** Every request that must be rejected: the generation corpus's, then the invalid uploads. */
export const ALL_REJECT_PURPOSES: readonly string[] = [...REJECT_PURPOSES, ...EDIT_REJECT_PURPOSES];

/** The requests that bill nothing: the auth ones and the rejections, which a provider refuses before any work. */
export const FREE_PURPOSES: readonly string[] = [...AUTH_PURPOSES, ...ALL_REJECT_PURPOSES];

/**
 * A free request with the run's own credentials, planned only when no other planned request carries them
 * (`--only auth.`): a provider that refuses the key must stop the run whatever checks were selected.
 */
export const CREDENTIALS_PROBE = 'probe.credentials';

/** A planned step that already asks for the same size as `candidate` (its `coveredBy` step). */
function coveringStep(candidate: PlanStep, steps: readonly PlanStep[]): PlanStep | undefined {
  const by = GENERATIONS.find((generation) => generation.purpose === candidate.purpose)?.coveredBy;
  return steps.find((step) => step.purpose === by && step.asked?.size === candidate.asked?.size);
}

/**
 * The steps the selected checks want, the generating ones kept in priority order while they fit in
 * `maxImages`; a check none of whose wanted steps is planned is skipped, with the first step's reason.
 */
export function neededSteps(
  selected: readonly ContractCheck[],
  candidates: ReadonlyMap<string, PlanStep | string>,
  maxImages: number,
): { steps: PlanStep[]; checks: ContractCheck[]; skipped: (CheckDefinition & { reason: string })[] } {
  const wanted = new Set(selected.flatMap((check) => check.needs.purposes));
  const reasons = new Map<string, string>();
  const steps: PlanStep[] = [];
  let images = 0;
  for (const [purpose, candidate] of candidates) {
    if (!wanted.has(purpose)) continue;
    const cover = typeof candidate === 'string' ? undefined : coveringStep(candidate, steps);
    if (typeof candidate === 'string') {
      reasons.set(purpose, candidate);
    } else if (cover) {
      reasons.set(purpose, `${cover.purpose} already asks for ${candidate.asked?.size ?? 'this size'}`);
    } else if (images + candidate.request.billableImages > maxImages) {
      reasons.set(
        purpose,
        `${purpose} needs ${candidate.request.billableImages} image(s), over maxImages ${maxImages} (${images} planned)`,
      );
    } else {
      images += candidate.request.billableImages;
      steps.push(candidate);
    }
  }
  const probe = candidates.get(CREDENTIALS_PROBE);
  if (
    typeof probe === 'object' &&
    steps.length > 0 &&
    !steps.some((step) => step.request.credentials === 'configured')
  ) {
    steps.push(probe);
  }
  const planned = new Set(steps.map((step) => step.purpose));
  const checks: ContractCheck[] = [];
  const skipped: (CheckDefinition & { reason: string })[] = [];
  for (const check of selected) {
    const { purposes, all } = check.needs;
    const missing = purposes.filter((purpose) => !planned.has(purpose));
    if (all ? missing.length === 0 : missing.length < purposes.length) checks.push(check);
    else
      skipped.push({ ...definitionOf(check), reason: reasons.get(missing[0] ?? '') ?? 'nothing to check' });
  }
  return { steps, checks, skipped };
}
