import { CHECK_IDS } from '../checks/catalogue.js';
import { definitionOf, type ContractCheck, type Verdict } from './check.js';
import { collectAnswer, isRecord, parseJson, type Evidence, type GenerationAnswer } from './evidence.js';
import type { Outcome } from './http.js';
import { buildPlan, type PlanStep } from './plan.js';
import { toCurl } from './redact.js';
import { returnedImages } from './returned-images.js';
import { createRunner } from './runner.js';
import { summarize } from './summarize.js';
import type {
  CheckDefinition,
  CheckResult,
  ContractEvent,
  ContractOptions,
  ContractReport,
} from './types.js';

export interface RunHooks {
  /** Progress as it happens: each check's start and end, each request's start, end and retries. */
  onEvent?: (event: ContractEvent) => void;
  /** Keep the images the provider returned, bytes included, in `report.images` (for the HTML report). */
  keepImages?: boolean;
}

/**
 * Runs the contract suite against a provider and reports every check. Throws ContractConnectionError when
 * the provider cannot be reached at all, and ConfigError for options that make no sense.
 *
 * @example
 * const report = await runContract(
 *   { provider: { kind: 'openai', baseUrl: 'https://api.openai.com/v1', apiKey }, model: 'gpt-image-1' },
 *   { onEvent: (event) => console.log(event.type) },
 * );
 * process.exitCode = report.summary.failed > 0 ? 1 : 0;
 */
export async function runContract(options: ContractOptions, hooks: RunHooks = {}): Promise<ContractReport> {
  const startedAt = new Date();
  const runStarted = performance.now();
  const plan = await buildPlan(options);
  const emit = hooks.onEvent ?? (() => undefined);
  const started = new Map<string, number>();
  const start = (check: CheckDefinition): void => {
    if (started.has(check.id)) return;
    started.set(check.id, performance.now());
    emit({ type: 'check-start', check });
  };
  const planned = new Set(plan.steps.map((step) => step.purpose));
  const asking = new Set(plan.steps.flatMap((step) => (step.asked ? [step.purpose] : [])));
  const needs = new Map(plan.toRun.map((check) => [check.id, needsOf(check, planned)]));
  const runner = createRunner({
    ...plan.options,
    keyGiven: plan.options.provider.apiKey !== undefined,
    onEvent: (event) => {
      emit(event);
      if (event.type !== 'request-start') return;
      for (const check of plan.toRun) {
        if (check.waitsFor === 'everything' || needs.get(check.id)?.includes(event.request.purpose ?? ''))
          start(definitionOf(check));
      }
    },
  });

  const results = new Map<string, CheckResult>();
  for (const check of plan.skipped) {
    start(check);
    finish(check, { status: 'skip', reason: check.reason });
  }
  function finish(check: CheckDefinition, verdict: Verdict): void {
    const durationMs = performance.now() - (started.get(check.id) ?? performance.now());
    const status = verdict.status === 'fail' && check.severity === 'should' ? 'warn' : verdict.status;
    const repro = verdict.status === 'fail' && verdict.request ? { repro: toCurl(verdict.request) } : {};
    const result: CheckResult = { ...check, status, reason: verdict.reason, durationMs, ...repro };
    results.set(check.id, result);
    emit({ type: 'check-end', result });
  }

  const outcomes = new Map<string, Outcome>();
  const all: Outcome[] = [];
  const generations: GenerationAnswer[] = [];
  const uploads: GenerationAnswer[] = [];
  const evidence: Evidence = { plan, outcomes, generations, uploads, all };
  const sent = new Map(
    plan.steps.map((step) => {
      const promise = runner.send(step.request, step.timeoutMs).then((outcome) => {
        outcomes.set(step.purpose, outcome);
        all.push(outcome);
        return outcome;
      });
      promise.catch(() => undefined);
      return [step.purpose, promise] as const;
    }),
  );
  const answers = plan.steps.flatMap((step) => {
    const outcome = sent.get(step.purpose);
    return step.asked && outcome
      ? [outcome.then((settled) => collectAnswer(step, settled, runner, plan.options.errorTimeoutMs))]
      : [];
  });
  const collected = Promise.all(answers).then((list) => {
    for (const answer of list) (answer.step.upload ? uploads : generations).push(answer);
    for (const answer of list) for (const item of answer.items) if (item.fetch) all.push(item.fetch);
  });
  collected.catch(() => undefined);
  const allSent = Promise.all(sent.values());
  allSent.catch(() => undefined);
  const everything = Promise.all([allSent, collected]);
  everything.catch(() => undefined);

  try {
    await Promise.all(
      plan.toRun.map(async (check) => {
        const needed = needs.get(check.id) ?? [];
        if (check.waitsFor === 'everything') await everything;
        else if (check.waitsFor === 'all-sent') await allSent;
        else if (needed.some((purpose) => asking.has(purpose))) await collected;
        else await Promise.all(needed.flatMap((purpose) => sent.get(purpose) ?? []));
        const definition = definitionOf(check);
        start(definition);
        finish(definition, check.evaluate(evidence));
      }),
    );
    // A refused key or a lost host stops the run even when no selected check needed the request.
    await everything;
  } finally {
    runner.abort();
  }

  const ordered = CHECK_IDS.flatMap((id) => results.get(id) ?? []);
  return {
    model: plan.model,
    provider: plan.options.provider.kind,
    baseUrl: plan.options.provider.baseUrl,
    startedAt: startedAt.toISOString(),
    durationMs: performance.now() - runStarted,
    billableImages: plan.billableImages,
    estimatedCostUsd: plan.estimatedCostUsd,
    ...billed(plan.steps, outcomes),
    results: ordered,
    summary: summarize(ordered),
    notes: plan.notes,
    ...(hooks.keepImages ? { images: returnedImages([...generations, ...uploads]) } : {}),
  };
}

/**
 * What the run was billed: each image that came back (a 200 with `data` items) at the price planned for
 * its request, wrongly accepted rejections included; failed and refused requests cost nothing.
 */
function billed(
  steps: readonly PlanStep[],
  outcomes: ReadonlyMap<string, Outcome>,
): { billedImages: number; billedCostUsd: number } {
  let billedImages = 0;
  let billedCostUsd = 0;
  for (const step of steps) {
    const outcome = outcomes.get(step.purpose);
    if (!outcome?.ok || outcome.exchange.status !== 200) continue;
    const json = parseJson(outcome.exchange.body);
    const images = isRecord(json) && Array.isArray(json.data) ? json.data.length : 0;
    billedImages += images;
    billedCostUsd += images * step.imagePriceUsd;
  }
  return { billedImages, billedCostUsd };
}

/** The planned steps a check judges. */
function needsOf(check: ContractCheck, planned: ReadonlySet<string>): string[] {
  return check.needs.purposes.filter((purpose) => planned.has(purpose));
}
