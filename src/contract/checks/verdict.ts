import type { Verdict } from '../engine/check.js';
import { isRecord, parseJson, type Evidence } from '../engine/evidence.js';
import type { Outcome } from '../engine/http.js';
import type { PlannedRequest } from '../engine/types.js';

export type { Verdict } from '../engine/check.js';
export { isRecord, parseJson };

export const pass = (reason: string): Verdict => ({ status: 'pass', reason });
export const skip = (reason: string): Verdict => ({ status: 'skip', reason });
export const fail = (reason: string, request?: PlannedRequest): Verdict =>
  request ? { status: 'fail', reason, request } : { status: 'fail', reason };

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

/** The `error` object of an error answer's JSON body, or undefined. */
export function errorOf(body: Buffer): Record<string, unknown> | undefined {
  const json = parseJson(body);
  return isRecord(json) && isRecord(json.error) ? json.error : undefined;
}

/** A refusal as a reason reads it: `400 invalid_value (param n)`. */
export function describeRefusal(outcome: Outcome): string {
  if (!outcome.ok) return outcome.message;
  const json = parseJson(outcome.exchange.body);
  const error = isRecord(json) && isRecord(json.error) ? json.error : {};
  const code = typeof error.code === 'string' ? ` ${error.code}` : '';
  const param = typeof error.param === 'string' ? ` (param ${error.param})` : '';
  return `${outcome.exchange.status}${code}${param}`;
}
