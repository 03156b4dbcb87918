import type { Outcome } from '../engine/http.js';
import type { ImageInspection } from '../inspect/inspect-image.js';
import type { FullPlan, PlanStep } from '../engine/plan.js';
import type { PlannedRequest } from '../engine/types.js';

/** What a check function returns: the runner adds the definition, timing and the curl repro. */
export type Verdict =
  | { status: 'pass'; reason: string }
  | { status: 'skip'; reason: string }
  | { status: 'fail'; reason: string; request?: PlannedRequest };

export const pass = (reason: string): Verdict => ({ status: 'pass', reason });
export const skip = (reason: string): Verdict => ({ status: 'skip', reason });
export const fail = (reason: string, request?: PlannedRequest): Verdict =>
  request ? { status: 'fail', reason, request } : { status: 'fail', reason };

/** One item of `data`, with its image bytes when they could be had. */
export interface ItemEvidence {
  step: PlanStep;
  index: number;
  raw: unknown;
  b64?: string;
  url?: string;
  /** The GET of `url`. */
  fetch?: Outcome;
  bytes?: Buffer;
  /** The format the answer claims: the URL's content type, or `output_format` / `mime_type` in the body. */
  claim?: string;
  inspection?: ImageInspection;
}

/** A generating request's answer, parsed as far as it goes. */
export interface GenerationAnswer {
  step: PlanStep;
  outcome: Outcome;
  /** Local clock, ms, when the answer was complete. */
  receivedAtMs: number;
  /** The parsed JSON body, when the answer is a 200 with a JSON body. */
  body?: Record<string, unknown>;
  items: ItemEvidence[];
}

/** Everything the checks judge. Filled as requests settle; a check runs once what it needs is in. */
export interface Evidence {
  plan: FullPlan;
  /** Outcomes by step purpose. */
  outcomes: ReadonlyMap<string, Outcome>;
  generations: readonly GenerationAnswer[];
  /** Every request's outcome, image URL fetches included. */
  all: readonly Outcome[];
}

/** Folds per-answer problems into one verdict: the first problem, how many more, and its request to repro. */
export function verdictOf(
  problems: readonly { reason: string; request?: PlannedRequest }[],
  passReason: string,
): Verdict {
  const [first] = problems;
  if (!first) return pass(passReason);
  const more = problems.length > 1 ? ` (and ${problems.length - 1} more)` : '';
  return fail(first.reason + more, first.request);
}

/** The parsed JSON of a body, or undefined. */
export function parseJson(body: Buffer): unknown {
  try {
    return JSON.parse(body.toString('utf8')) as unknown;
  } catch {
    return undefined;
  }
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function isJsonContentType(contentType: string | undefined): boolean {
  return /^application\/json\s*(;|$)/i.test(contentType ?? '');
}

/** The request behind an outcome. */
export function requestOf(outcome: Outcome): PlannedRequest {
  return outcome.ok ? outcome.exchange.request : outcome.request;
}

/** How an answer that is not an answer reads in a reason. */
export function describeOutcome(outcome: Outcome): string {
  if (!outcome.ok) return outcome.message;
  const { status, body, retries } = outcome.exchange;
  const json = parseJson(body);
  const error = isRecord(json) && isRecord(json.error) ? json.error : undefined;
  const message = typeof error?.message === 'string' ? `: ${error.message.slice(0, 160)}` : '';
  const limited = status === 429 ? ` (still rate limited after ${retries} retries: inconclusive)` : '';
  return `status ${status}${limited}${message}`;
}

/**
 * The verdict of a check that found nothing to judge although its requests were planned: the provider
 * answered none of them with what the check inspects. That is a failure naming the first answer that fell
 * short, never a skip: a provider that answers nothing must not pass a selection of checks by default.
 */
export function nothingToJudge(evidence: Evidence, what: string, purposes?: readonly string[]): Verdict {
  const answers = evidence.generations.filter(
    (answer) => purposes === undefined || purposes.includes(answer.step.purpose),
  );
  if (answers.length === 0) return skip(`no request for ${what} was planned`);
  const failed = answers.find((answer) => !(answer.outcome.ok && answer.outcome.exchange.status === 200));
  if (failed) {
    return fail(
      `no ${what}: ${failed.step.purpose} got ${describeOutcome(failed.outcome)}`,
      failed.step.request,
    );
  }
  const [first] = answers;
  return fail(`no ${what} in ${answers.length} answer(s) (see response.format-field)`, first?.step.request);
}
