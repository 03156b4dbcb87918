import type { ContractCheck } from '../engine/check.js';
import type { Evidence } from '../engine/evidence.js';
import { EDIT_REJECT_CASES } from '../engine/edit-steps.js';
import { REJECT_CASES } from '../engine/negative-corpus.js';
import { describeOutcome, describeRefusal, errorOf, fail, pass, skip, type Verdict } from './verdict.js';

/**
 * Statuses that refuse something other than the request's content, so they never count as a rejection:
 * credentials (401, 403, 407), a wrong endpoint (404, 405), a timeout (408) and a rate limit (429).
 */
const NOT_A_REJECTION: ReadonlyMap<number, string> = new Map([
  [401, 'the provider refused the credentials, not the request'],
  [403, 'the provider refused the credentials, not the request'],
  [407, 'a proxy asked for credentials'],
  [404, 'the endpoint or model was not found (see --base-url and --model), so the request was never judged'],
  [405, 'the endpoint does not take POST (see --base-url), so the request was never judged'],
  [408, 'the provider timed out reading the request'],
]);

/**
 * A request that must be rejected. It passes only when the provider refused the request itself: a 4xx
 * other than the statuses above and 429, that names the field the case is about when it names one, and
 * that is not the same answer the provider gave every request (a provider that refuses everything, say
 * for an unknown model, has shown nothing about this case). 2xx, 5xx and no answer fail; a 429 that
 * outlasted the retries is inconclusive, and fails too: it is never a pass.
 */
function checkReject(purpose: string): (evidence: Evidence) => Verdict {
  return (evidence) => {
    const outcome = evidence.outcomes.get(purpose);
    if (!outcome) return skip('not sent');
    if (!outcome.ok) return fail(describeOutcome(outcome), outcome.request);
    const { status, request, retries } = outcome.exchange;
    if (status === 429) {
      return fail(
        `inconclusive: still rate limited (429) after ${retries} retries, so never judged`,
        request,
      );
    }
    const refusal = NOT_A_REJECTION.get(status);
    if (refusal) return fail(`inconclusive: ${status}: ${refusal}: ${describeOutcome(outcome)}`, request);
    if (status < 400 || status >= 500) {
      const verdict =
        status < 300 ? 'accepted' : status >= 500 ? 'a server error instead of a rejection' : 'not rejected';
      return fail(`${verdict}: ${describeOutcome(outcome)}`, request);
    }
    const wanted = evidence.plan.steps.find((step) => step.purpose === purpose)?.param;
    const named = errorOf(outcome.exchange.body)?.param;
    if (
      typeof wanted === 'string' &&
      typeof named === 'string' &&
      named !== '' &&
      !namesField(named, wanted)
    ) {
      return fail(
        `inconclusive: rejected for another field (${describeRefusal(outcome)}, not ${wanted}): ${describeOutcome(outcome)}`,
        request,
      );
    }
    const uniform = uniformRefusal(evidence);
    if (uniform) return fail(`inconclusive: ${uniform}`, request);
    return pass(`rejected: ${describeRefusal(outcome)}`);
  };
}

/** Whether an error's `param` names `field`: exactly, or as the last step of a path (`body.n`, `$.n`, `['n']`). */
export function namesField(param: string, field: string): boolean {
  const last = param
    .toLowerCase()
    .split(/[^a-z0-9_]+/)
    .filter(Boolean)
    .at(-1);
  return last === field.toLowerCase();
}

/**
 * Why the rejections prove nothing, when the provider answered every invalid request alike (status and
 * message, ids and numbers aside) and accepted no valid one in this run; undefined otherwise. A provider
 * that tells requests apart either words its rejections differently or accepts a valid request.
 */
function uniformRefusal({ plan, outcomes }: Evidence): string | undefined {
  const acceptedValid = plan.steps.some((step) => {
    const outcome = outcomes.get(step.purpose);
    return step.asked !== undefined && outcome?.ok === true && outcome.exchange.status === 200;
  });
  if (acceptedValid) return undefined;
  const answers = plan.steps.flatMap((step) => {
    const outcome = step.purpose.startsWith('reject.') ? outcomes.get(step.purpose) : undefined;
    return outcome?.ok ? [outcome] : [];
  });
  if (answers.length < 3) return undefined;
  const shapes = new Set(
    answers.map((outcome) => {
      const message = errorOf(outcome.exchange.body)?.message;
      const text = typeof message === 'string' ? message : outcome.exchange.body.toString('utf8');
      return `${outcome.exchange.status} ${text.replace(/[0-9a-f]{8,}|\d+/gi, '#')}`;
    }),
  );
  const [first] = answers;
  if (shapes.size > 1 || !first) return undefined;
  const planned = plan.steps.some((step) => step.asked !== undefined);
  const how = planned
    ? 'and refused the valid requests too'
    : 'and no valid request was sent to compare (run with --max-images 1 or more)';
  return `every invalid request got the same answer (${describeOutcome(first)}) ${how}, so no rejection shows the provider judged the request`;
}

/**
 * One check per case of the negative corpus, in its order, then one per invalid upload. A rejection waits
 * for every request of the run: whether it proves anything depends on the provider's other answers (see
 * uniformRefusal).
 */
export const REJECT_CHECKS: readonly ContractCheck[] = [...REJECT_CASES, ...EDIT_REJECT_CASES].map(
  (rejectCase) => {
    const id = `reject.${rejectCase.id}`;
    return {
      id,
      title: `${rejectCase.title} is rejected as invalid: a 4xx, never 2xx, 5xx, 401/403/404 or a lasting 429`,
      severity: 'must',
      needs: { purposes: [id] },
      waitsFor: 'all-sent',
      evaluate: checkReject(id),
    };
  },
);
