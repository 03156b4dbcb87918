import type { Outcome } from '../engine/http.js';
import type { PlannedRequest } from '../engine/types.js';
import {
  describeOutcome,
  fail,
  isJsonContentType,
  isRecord,
  parseJson,
  pass,
  skip,
  verdictOf,
  type Evidence,
  type Verdict,
} from './verdict.js';

type Answered = {
  purpose: string;
  request: PlannedRequest;
  status: number;
  headers: Record<string, string>;
  body: Buffer;
};

/** The answers of the requests that must fail (auth and reject), those that came back with a 4xx. */
function errorAnswers({ plan, outcomes }: Evidence, prefix?: string): Answered[] {
  return plan.steps.flatMap((step) => {
    const outcome = outcomes.get(step.purpose);
    const free = step.purpose.startsWith('reject.') || step.purpose.startsWith('auth.');
    if (!free || (prefix && !step.purpose.startsWith(prefix)) || !outcome?.ok) return [];
    const { status, headers, body, request } = outcome.exchange;
    return status >= 400 && status < 500 ? [{ purpose: step.purpose, request, status, headers, body }] : [];
  });
}

/** What is wrong with an error answer's envelope, MUST-level: JSON, `error.message` and `error.type`. */
export function envelopeProblem(answer: {
  headers: Record<string, string>;
  body: Buffer;
}): string | undefined {
  const contentType = answer.headers['content-type'];
  if (!isJsonContentType(contentType)) return `content-type ${contentType ?? '(none)'}, not application/json`;
  const json = parseJson(answer.body);
  if (!isRecord(json) || !isRecord(json.error)) return 'the body is not {"error": {...}}';
  const { message, type, param, code } = json.error;
  if (typeof message !== 'string' || message.trim() === '') return 'error.message is not a non-empty string';
  if (typeof type !== 'string') return `error.type is ${JSON.stringify(type) ?? 'missing'}, not a string`;
  for (const [key, value] of Object.entries({ param, code })) {
    if (value !== undefined && value !== null && typeof value !== 'string') {
      return `error.${key} is ${JSON.stringify(value)}, not a string or null`;
    }
  }
  return undefined;
}

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
export function checkReject(purpose: string): (evidence: Evidence) => Verdict {
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
        `inconclusive: rejected for another field (${describe(outcome)}, not ${wanted}): ${describeOutcome(outcome)}`,
        request,
      );
    }
    const uniform = uniformRefusal(evidence);
    if (uniform) return fail(`inconclusive: ${uniform}`, request);
    return pass(`rejected: ${describe(outcome)}`);
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

function errorOf(body: Buffer): Record<string, unknown> | undefined {
  const json = parseJson(body);
  return isRecord(json) && isRecord(json.error) ? json.error : undefined;
}

export function checkAuth(purpose: string): (evidence: Evidence) => Verdict {
  return ({ outcomes }) => {
    const outcome = outcomes.get(purpose);
    if (!outcome) return skip('not sent');
    if (!outcome.ok) return fail(describeOutcome(outcome), outcome.request);
    const { status, request } = outcome.exchange;
    if (status !== 401) {
      const accepted = status < 300 ? 'accepted without a valid key: ' : 'expected 401, got ';
      return fail(accepted + describeOutcome(outcome), request);
    }
    const problem = envelopeProblem(outcome.exchange);
    return problem
      ? fail(`401, but ${problem}`, request)
      : pass(`rejected: ${describe(outcome)} with the envelope`);
  };
}

export function checkEnvelope(evidence: Evidence): Verdict {
  const answers = errorAnswers(evidence);
  if (answers.length === 0) return skip('no 4xx answers to inspect');
  const problems = answers.flatMap((answer) => {
    const problem = envelopeProblem(answer);
    return problem
      ? [{ reason: `${answer.purpose} (${answer.status}): ${problem}`, request: answer.request }]
      : [];
  });
  return verdictOf(problems, `${answers.length} error answer(s) carry the envelope`);
}

export function checkEnvelopeComplete(evidence: Evidence): Verdict {
  const answers = errorAnswers(evidence).filter((answer) => envelopeProblem(answer) === undefined);
  if (answers.length === 0) return skip('no well-formed error envelopes to inspect (see errors.envelope)');
  const problems = answers.flatMap((answer) => {
    const error = (parseJson(answer.body) as { error: Record<string, unknown> }).error;
    const missing = ['param', 'code'].filter((key) => !(key in error));
    return missing.length > 0
      ? [
          {
            reason: `${answer.purpose}: error.${missing.join(' and error.')} missing`,
            request: answer.request,
          },
        ]
      : [];
  });
  return verdictOf(problems, `${answers.length} envelope(s) carry param and code`);
}

export function checkParam(evidence: Evidence): Verdict {
  const expected = new Map(evidence.plan.steps.map((step) => [step.purpose, step.param]));
  const answers = errorAnswers(evidence, 'reject.').filter(
    (answer) => typeof expected.get(answer.purpose) === 'string',
  );
  if (answers.length === 0) return skip('no rejections of a named field to inspect');
  const problems = answers.flatMap((answer) => {
    const json = parseJson(answer.body);
    const param = isRecord(json) && isRecord(json.error) ? json.error.param : undefined;
    const wanted = expected.get(answer.purpose);
    return param === wanted
      ? []
      : [
          {
            reason: `${answer.purpose}: error.param is ${JSON.stringify(param) ?? 'missing'}, not "${wanted}"`,
            request: answer.request,
          },
        ];
  });
  return verdictOf(problems, `${answers.length} rejection(s) name the offending field`);
}

function describe(outcome: Outcome): string {
  if (!outcome.ok) return outcome.message;
  const json = parseJson(outcome.exchange.body);
  const error = isRecord(json) && isRecord(json.error) ? json.error : {};
  const code = typeof error.code === 'string' ? ` ${error.code}` : '';
  const param = typeof error.param === 'string' ? ` (param ${error.param})` : '';
  return `${outcome.exchange.status}${code}${param}`;
}
