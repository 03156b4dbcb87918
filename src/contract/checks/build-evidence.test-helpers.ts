/**
 * Hand-made evidence for the checks' unit tests: plan steps, answers and images built in memory, parsed by
 * the engine's own `collectAnswer`, so each check's `evaluate` is tested in milliseconds without a server.
 * Used by the tests beside the checks only; the end-to-end proof is `test/contract/` (the broken provider).
 */
import { PNG } from 'pngjs';
import jpeg from 'jpeg-js';
import type { Spec } from '../../openapi/load-spec.js';
import { collectAnswer, type Evidence } from '../engine/evidence.js';
import type { Outcome } from '../engine/http.js';
import { resolveOptions } from '../engine/options.js';
import type { FullPlan, PlanStep } from '../engine/plan.js';
import type { Runner } from '../engine/runner.js';
import type { PlannedRequest } from '../engine/types.js';
import { CHECKS } from './catalogue.js';
import type { Verdict } from './verdict.js';

const URL_BASE = 'http://provider.test/v1/images/generations';

/** A planned step: a generation when `asked` is given, else a free request (auth, reject). */
export function stepOf(
  purpose: string,
  { asked, param }: { asked?: Partial<NonNullable<PlanStep['asked']>>; param?: string | null } = {},
): PlanStep {
  const request: PlannedRequest = {
    method: 'POST',
    url: URL_BASE,
    headers: { 'content-type': 'application/json' },
    body: '{}',
    billableImages: asked ? (asked.n ?? 1) : 0,
    estimatedCostUsd: 0,
    purpose,
    credentials:
      purpose === 'auth.missing-key' ? 'omitted' : purpose === 'auth.wrong-key' ? 'wrong' : 'configured',
  };
  return {
    purpose,
    request,
    timeoutMs: 1000,
    imagePriceUsd: 0.01,
    ...(asked ? { asked: { n: 1, size: '16x16', responseFormat: 'b64_json' as const, ...asked } } : {}),
    ...(param !== undefined ? { param } : {}),
  };
}

/** An answer on the wire: JSON bodies are serialised, `x-request-id` is there unless headers say otherwise. */
export function answerOf(
  request: PlannedRequest,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): Outcome {
  const bytes = Buffer.isBuffer(body)
    ? body
    : Buffer.from(typeof body === 'string' ? body : JSON.stringify(body));
  const contentType: Record<string, string> =
    Buffer.isBuffer(body) || typeof body === 'string' ? {} : { 'content-type': 'application/json' };
  return {
    ok: true,
    exchange: {
      request,
      status,
      headers: { 'x-request-id': 'req_1', ...contentType, ...headers },
      body: bytes,
      durationMs: 20,
      retries: 0,
    },
  };
}

/** A request that never got an answer. */
export function lostOf(request: PlannedRequest, failure: 'timeout' | 'network' = 'timeout'): Outcome {
  const message = failure === 'timeout' ? 'no answer within 1 s' : 'connection refused';
  return { ok: false, request, failure, message, durationMs: 1000, retries: 0 };
}

/** A generation answer carrying these images as `b64_json` (or `url`s), `created` now. */
export function imagesBody(images: readonly (Buffer | string)[], extra: Record<string, unknown> = {}) {
  return {
    created: Math.floor(Date.now() / 1000),
    data: images.map((image) =>
      Buffer.isBuffer(image) ? { b64_json: image.toString('base64') } : { url: image },
    ),
    ...extra,
  };
}

export function pngOf(width: number, height: number, fill = 90): Buffer {
  const image = new PNG({ width, height });
  image.data.fill(fill);
  return PNG.sync.write(image);
}

export function jpegOf(width: number, height: number): Buffer {
  return jpeg.encode({ width, height, data: Buffer.alloc(width * height * 4, 120) }, 70).data;
}

/** The answer of a planned step; `fetches` answers the GET of an image URL. */
export interface Exchanged {
  step: PlanStep;
  outcome: Outcome;
}

/**
 * The evidence a run would have gathered from these answers: outcomes by purpose, generation answers
 * parsed (images decoded and inspected, URLs fetched from `fetches`), and every outcome in `all`.
 */
export async function buildEvidence(
  exchanged: readonly Exchanged[],
  { spec, fetches = {} }: { spec?: Spec; fetches?: Record<string, Outcome> } = {},
): Promise<Evidence> {
  const options = resolveOptions({
    provider: { kind: 'openai', baseUrl: 'http://provider.test/v1' },
    model: 'dall-e-2',
  });
  const steps = exchanged.map(({ step }) => step);
  const plan = { steps, options, ...(spec ? { spec } : {}) } as unknown as FullPlan;
  const runner: Runner = {
    send: (request) => Promise.resolve(fetches[request.url] ?? lostOf(request, 'network')),
    abort: () => undefined,
  };
  const all: Outcome[] = exchanged.map(({ outcome }) => outcome);
  const answers = await Promise.all(
    exchanged
      .filter(({ step }) => step.asked)
      .map(({ step, outcome }) => collectAnswer(step, outcome, runner, 1000)),
  );
  for (const answer of answers) for (const item of answer.items) if (item.fetch) all.push(item.fetch);
  const outcomes = new Map(exchanged.map(({ step, outcome }) => [step.purpose, outcome]));
  const generations = answers.filter((answer) => !answer.step.upload);
  const uploads = answers.filter((answer) => answer.step.upload);
  return { plan, outcomes, generations, uploads, all };
}

/** Evaluates the check with this id, as the run would. */
export function evaluate(id: string, evidence: Evidence): Verdict {
  const check = CHECKS.find((candidate) => candidate.id === id);
  if (!check) throw new Error(`no check ${id}`);
  return check.evaluate(evidence);
}
