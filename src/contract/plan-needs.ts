import type { ModelProfile } from '../spec/models.js';
import { REJECT_CASES } from './checks/catalogue.js';
import type { ResolvedOptions } from './options.js';
import type { PlanStep } from './plan-steps.js';
import type { CheckDefinition } from './types.js';

/** The generating requests, cheapest first in priority: `maxImages` keeps the first ones that fit. */
export const GENERATIONS = [
  { purpose: 'generate.b64', n: 1, responseFormat: 'b64_json', unavailable: () => undefined },
  {
    purpose: 'generate.n2',
    n: 2,
    responseFormat: 'b64_json',
    unavailable: (profile: ModelProfile) =>
      profile.maxN < 2 ? `${profile.id} takes n = ${profile.maxN} only` : undefined,
  },
  {
    purpose: 'generate.url',
    n: 1,
    responseFormat: 'url',
    unavailable: (profile: ModelProfile) =>
      profile.responseFormats?.includes('url') ? undefined : `${profile.id} answers with b64_json only`,
  },
  {
    purpose: 'generate.repeat',
    n: 1,
    responseFormat: 'b64_json',
    unavailable: (_profile: ModelProfile, options: ResolvedOptions) =>
      options.expectDeterministic
        ? undefined
        : 'only with expectDeterministic (real providers are not deterministic)',
  },
] as const;

const FREE = ['auth.missing-key', 'auth.wrong-key', ...REJECT_CASES.map((entry) => `reject.${entry.id}`)];

/** The requests a check wants sent; `all` means it needs every one of them, otherwise any one will do. */
export function wantedSteps(checkId: string): { purposes: readonly string[]; all?: boolean } {
  if (checkId.startsWith('reject.') || checkId.startsWith('auth.')) return { purposes: [checkId] };
  if (checkId === 'errors.param')
    return { purposes: FREE.filter((purpose) => purpose.startsWith('reject.')) };
  if (checkId.startsWith('errors.')) return { purposes: FREE };
  switch (checkId) {
    case 'response.count':
      return { purposes: ['generate.n2', 'generate.b64'] };
    case 'image.url-fetch':
      return { purposes: ['generate.url'] };
    case 'image.distinct':
      return { purposes: ['generate.n2'] };
    case 'determinism':
      return { purposes: ['generate.b64', 'generate.repeat'], all: true };
    case 'headers.request-id':
    case 'timing.timeout':
      return { purposes: FREE };
    default:
      return { purposes: ['generate.b64'] };
  }
}

/**
 * The steps the selected checks want, the generating ones kept in priority order while they fit in
 * `maxImages`; a check none of whose wanted steps is planned is skipped, with the first step's reason.
 */
export function neededSteps(
  selected: readonly CheckDefinition[],
  candidates: ReadonlyMap<string, PlanStep | string>,
  maxImages: number,
): { steps: PlanStep[]; checks: CheckDefinition[]; skipped: (CheckDefinition & { reason: string })[] } {
  const wanted = new Set(selected.flatMap((check) => wantedSteps(check.id).purposes));
  const reasons = new Map<string, string>();
  const steps: PlanStep[] = [];
  let images = 0;
  for (const [purpose, candidate] of candidates) {
    if (!wanted.has(purpose)) continue;
    if (typeof candidate === 'string') {
      reasons.set(purpose, candidate);
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
  const planned = new Set(steps.map((step) => step.purpose));
  const checks: CheckDefinition[] = [];
  const skipped: (CheckDefinition & { reason: string })[] = [];
  for (const check of selected) {
    const { purposes, all } = wantedSteps(check.id);
    const missing = purposes.filter((purpose) => !planned.has(purpose));
    if (all ? missing.length === 0 : missing.length < purposes.length) checks.push(check);
    else skipped.push({ ...check, reason: reasons.get(missing[0] ?? '') ?? 'nothing to check' });
  }
  return { steps, checks, skipped };
}
