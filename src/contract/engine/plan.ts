import { loadSpec, type Spec } from '../../openapi/load-spec.js';
import { selectChecks } from '../checks/catalogue.js';
import { definitionOf, type ContractCheck } from './check.js';
import { resolveProfile, type PlanProfile } from './model-profile.js';
import { resolveOptions, type ResolvedOptions } from './options.js';
import { neededSteps } from './plan-needs.js';
import { candidateSteps, worstCaseImages, type PlanStep } from './plan-steps.js';
import type { CheckDefinition, ContractOptions, ContractPlan } from './types.js';

export { WRONG_API_KEY, type PlanStep } from './plan-steps.js';

/** The whole plan, with the loaded spec and options the run needs. */
export interface FullPlan extends ContractPlan {
  options: ResolvedOptions;
  spec: Spec;
  planProfile: PlanProfile;
  steps: PlanStep[];
  skipped: (CheckDefinition & { reason: string })[];
  notes: string[];
  /** The checks that will run, whole: what `checks` lists as plain data, with their needs and `evaluate`. */
  toRun: ContractCheck[];
}

/**
 * Every request a run would send, with the estimated cost; sends nothing (`--dry-run`). Image URLs in url
 * answers are fetched too, but they cannot be known in advance and are not billed.
 *
 * @example
 * const plan = await planContract({
 *   provider: { kind: 'openai', baseUrl: 'https://api.openai.com/v1' },
 *   model: 'gpt-image-1',
 * });
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
  const candidates = candidateSteps(spec, planProfile, options);
  const selected = selectChecks(options.only, options.skip);
  const { steps, checks: toRun, skipped } = neededSteps(selected, candidates, options.maxImages);

  const notes = [...planProfile.notes];
  if (options.provider.apiKey === undefined) {
    notes.push('no API key given: requests that should succeed are sent without one');
  }
  const worstCase = worstCaseImages(steps);
  if (worstCase > 0) {
    notes.push(
      `a provider that wrongly accepts the requests it must reject could generate up to ${worstCase} more images`,
    );
  }
  const total = (pick: (step: PlanStep) => number): number =>
    steps.reduce((sum, step) => sum + pick(step), 0);
  return {
    model: options.model,
    requests: steps.map((step) => step.request),
    checks: toRun.map(definitionOf),
    billableImages: total((step) => step.request.billableImages),
    estimatedCostUsd: total((step) => step.request.estimatedCostUsd),
    skipped,
    notes,
    options,
    spec,
    planProfile,
    steps,
    toRun,
  };
}
